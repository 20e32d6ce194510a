/**
 * `workbench export` and `workbench import` against a real hub on 127.0.0.1: the
 * consolidated return read straight from the institute databases, a filled return saved
 * as the next revision, and a return with problems that writes nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newResponseDoc } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { WIDE_SHEET } from '@shared/excel/consolidated';
import { exportReturn } from '@shared/excel/return-export';
import { findShippedTemplate } from '@shared/forms/shipped';
import { runExport, runImport } from '../../server/commands/returns';
import { editWorkbook, rowOf, sheetStartingWith } from '../unit/excel/fixtures';
import { adminUrl, caller, prepare, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4691);
const template = findShippedTemplate('dec_capacity_needs');
if (!template) throw new Error('the DEC template is not shipped');

let hub: TestHub;
let dir: string;
const secretariatUrl = () => `http://sam:sam-password@127.0.0.1:${hub.port}`;

function response(org: string, answers: Record<string, AnswerValue>): ResponseDoc {
  return newResponseDoc({
    org,
    templateId: 'dec_capacity_needs',
    templateVersion: template?.version ?? '',
    cycle: 2026,
    answers,
    at: '2026-11-20T10:00:00.000Z',
    by: 'maria',
  });
}

async function command(
  run: typeof runExport,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function serverDoc(org: string): Promise<ResponseDoc & { _rev: string }> {
  const answer = await caller(hub, 'sam')('GET', `/org-${org}/response:${org}:dec_capacity_needs:2026`);
  return answer.json as unknown as ResponseDoc & { _rev: string };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'excel-cli-'));
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a-nml', 'b-vmi', 'c-dsm'],
    [
      { name: 'sam', role: 'secretariat' },
      { name: 'ana', role: 'org:a-nml' },
    ],
  );
  const admin = caller(hub, 'admin', 'hub-admin-pw');
  await admin(
    'PUT',
    '/org-a-nml/response:a-nml:dec_capacity_needs:2026',
    response('a-nml', { legal_status: 'statutory_body', staff_scientists: 12, areas_served: ['M', 'T'] }),
  );
  await admin(
    'PUT',
    '/org-b-vmi/response:b-vmi:dec_capacity_needs:2026',
    response('b-vmi', { legal_status: 'government_agency', staff_scientists: 30, areas_served: ['L'] }),
  );
});

afterAll(async () => {
  await hub.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('workbench export', () => {
  it('writes the consolidated return of every institute the server serves (an admin lists them)', async () => {
    const file = path.join(dir, 'all.xlsx');
    const result = await command(runExport, [
      '--url',
      adminUrl(hub),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2026',
      '--out',
      file,
    ]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toBe(
      `Wrote ${file}: DEC capacity and needs assessment 2026, 3 institutes (2 with a response, 1 not started).`,
    );
    expect(result.err).toContain('Reading c-dsm (3 of 3)…');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await readFile(file)).buffer);
    const wide = workbook.getWorksheet(WIDE_SHEET);
    const codes = (wide?.getRow(2).values ?? []) as unknown[];
    const column = (code: string) => codes.indexOf(code);
    const row = (n: number) => wide?.getRow(n);
    expect([3, 4, 5].map((n) => row(n)?.getCell(2).value)).toEqual(['a-nml', 'b-vmi', 'c-dsm']);
    expect([3, 4, 5].map((n) => row(n)?.getCell(column('staff_scientists')).value)).toEqual([12, 30, null]);
    expect([3, 4, 5].map((n) => row(n)?.getCell(column('areas_served/M')).value)).toEqual([1, 0, 0]);
    expect(row(5)?.getCell(4).value).toBe('not started');
  });

  it('lists the institutes of the server’s directory for a secretariat account, or those named with --org', async () => {
    const file = path.join(dir, 'two.xlsx');
    const directory = await command(runExport, [
      '--url',
      secretariatUrl(),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2026',
      '--out',
      file,
    ]);
    expect(directory.code).toBe(0);
    expect(directory.out).toMatch(/3 institutes \(2 with a response, 1 not started\)\.$/);
    const named = await command(runExport, [
      '--url',
      secretariatUrl(),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2026',
      '--out',
      file,
      '--org',
      'a-nml',
      '--org',
      'c-dsm',
    ]);
    expect(named.code).toBe(0);
    expect(named.out).toMatch(/2 institutes \(1 with a response, 1 not started\)\.$/);
  });

  it('explains bad usage and exits 2', async () => {
    const result = await command(runExport, ['--url', secretariatUrl(), '--cycle', '20x6']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toEqual([
      'Give --template, the questionnaire id (e.g. dec_capacity_needs).',
      'Give --cycle, a year from 2000 to 2100.',
      'Give --out FILE.xlsx.',
      `Usage: workbench export --url URL --template ID --cycle YEAR --out FILE.xlsx [--org SLUG …] [--version V]`,
    ]);
  });
});

describe('workbench import', () => {
  async function returnOf(org: string): Promise<Uint8Array> {
    const current = await serverDoc(org);
    return exportReturn({
      template: template as NonNullable<typeof template>,
      institute: { org, name: org },
      cycle: 2026,
      response: current,
      exportedAt: new Date(),
      exportedBy: 'sam',
      appVersion: 'test',
    });
  }

  it('saves a filled return as the next revision of the response on the server', async () => {
    const before = await serverDoc('a-nml');
    const file = path.join(dir, 'a-filled.xlsx');
    await writeFile(
      file,
      await editWorkbook(await returnOf('a-nml'), (wb) => {
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'staff_technicians').getCell(3).value = 8;
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'parent_body').getCell(3).value =
          'Ministry of Science';
      }),
    );
    const result = await command(runImport, ['--url', secretariatUrl(), file]);
    expect(result.out).toContain('  2 answer(s) changed');
    expect(result.out).toContain(
      `Saved response:a-nml:dec_capacity_needs:2026 on http://127.0.0.1:${hub.port}: revision 1, draft.`,
    );
    expect(result.code).toBe(0);
    const after = await serverDoc('a-nml');
    expect(after._rev).not.toBe(before._rev);
    expect(after.answers['staff_technicians']).toMatchObject({ value: 8, by: 'sam' });
    expect(after.answers['parent_body']?.value).toBe('Ministry of Science');
    expect(after.answers['staff_scientists']).toEqual(before.answers['staff_scientists']);
  });

  it('writes nothing when the return has problems, and prints each with its sheet and cell', async () => {
    const before = await serverDoc('b-vmi');
    const file = path.join(dir, 'b-mistakes.xlsx');
    await writeFile(
      file,
      await editWorkbook(await returnOf('b-vmi'), (wb) => {
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'legal_status').getCell(3).value = 'Foundation';
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'staff_support').getCell(3).value = 'four';
      }),
    );
    const result = await command(runImport, ['--url', secretariatUrl(), '--submit', file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '  1 Institute profile, C3 (legal_status: Legal status of the institute): problem: "Foundation" is not in the choice list.',
    );
    expect(result.out).toContain(
      '  1 Institute profile, C10 (staff_support: Administration and support): problem: "four" is not a whole number.',
    );
    expect(result.out).toContain(
      'Nothing was written: fix the problems above in the workbook and import it again.',
    );
    expect((await serverDoc('b-vmi'))._rev).toBe(before._rev);
  });

  it('creates the response of an institute that had none, from a blank return', async () => {
    const blank = await exportReturn({
      template: template as NonNullable<typeof template>,
      institute: { org: 'c-dsm', name: 'DSM' },
      cycle: 2026,
      exportedAt: new Date(),
      exportedBy: 'sam',
      appVersion: 'test',
    });
    const file = path.join(dir, 'c-blank-filled.xlsx');
    await writeFile(
      file,
      await editWorkbook(blank, (wb) => {
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'legal_status').getCell(3).value =
          'University or research institute';
      }),
    );
    const result = await command(runImport, ['--url', secretariatUrl(), file]);
    expect(result.code).toBe(0);
    const created = await serverDoc('c-dsm');
    expect(created).toMatchObject({ status: 'draft', revision: 1, updatedBy: 'sam' });
    expect(created.answers['legal_status']?.value).toBe('university');
  });

  it('reports the server’s refusal when an institute account imports another institute’s return', async () => {
    const before = await serverDoc('b-vmi');
    const file = path.join(dir, 'b-by-ana.xlsx');
    await writeFile(
      file,
      await editWorkbook(await returnOf('b-vmi'), (wb) => {
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'parent_body').getCell(3).value = 'x';
      }),
    );
    const result = await command(runImport, ['--url', `http://ana:ana-password@127.0.0.1:${hub.port}`, file]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^The server refused: /);
    expect((await serverDoc('b-vmi'))._rev).toBe(before._rev);
  });

  it('refuses a file that is not a return, without touching the server', async () => {
    const file = path.join(dir, 'notes.xlsx');
    await writeFile(file, 'just some text');
    const result = await command(runImport, ['--url', secretariatUrl(), file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('(file): problem: This file is not an Excel workbook (.xlsx).');
    expect(result.out).toContain('Nothing was written.');
  });
});
