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
import { editWorkbook, rowOf, sheetNamed, sheetStartingWith } from '../unit/excel/fixtures';
import { stored, withPart } from '../unit/excel/zip-fixtures';
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

  it('writes one institute’s fillable return with --institute, and its import hint brings it back', async () => {
    const before = await serverDoc('a-nml');
    const file = path.join(dir, 'a-own.xlsx');
    const result = await command(runExport, [
      '--url',
      secretariatUrl(),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2026',
      '--institute',
      'a-nml',
      '--out',
      file,
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      new RegExp(
        `^Wrote ${file}: .+’s return of DEC capacity and needs assessment 2026 \\(revision \\d+, draft\\)\\.`,
      ),
    );
    const hint = /workbench import (.+)$/m.exec(result.out)?.[1] ?? '';
    expect(hint).toBe('--url URL --org a-nml --cycle 2026 a-own.xlsx');
    const filled = path.join(dir, 'a-own-filled.xlsx');
    await writeFile(
      filled,
      await editWorkbook(new Uint8Array(await readFile(file)), (wb) => {
        rowOf(sheetStartingWith(wb, 'Institute profile'), 'staff_support').getCell(3).value = 5;
      }),
    );
    const args = hint.replace('--url URL', '').replace('a-own.xlsx', filled).trim().split(' ');
    const back = await command(runImport, ['--url', secretariatUrl(), ...args]);
    expect(back.code).toBe(0);
    const after = await serverDoc('a-nml');
    expect(after._rev).not.toBe(before._rev);
    expect(after.answers['staff_support']?.value).toBe(5);

    // An institute without a response gets a blank return; one the server lacks is named.
    const blank = await command(runExport, [
      '--url',
      secretariatUrl(),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2031',
      '--institute',
      'c-dsm',
      '--out',
      path.join(dir, 'c-blank.xlsx'),
    ]);
    expect(blank.code).toBe(0);
    expect(blank.out).toContain('(blank: no response yet)');
    const none = await command(runExport, [
      '--url',
      adminUrl(hub),
      '--template',
      'dec_capacity_needs',
      '--cycle',
      '2026',
      '--institute',
      'zz-none',
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('There is no institute "zz-none"');
  });

  it('explains bad usage and exits 2', async () => {
    const result = await command(runExport, ['--url', secretariatUrl(), '--cycle', '20x6']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toEqual([
      'Give --template, the questionnaire id (e.g. dec_capacity_needs).',
      '--cycle 20x6 is not a year from 2000 to 2100.',
      'Give --out FILE.xlsx.',
      'Usage: workbench export --url URL --template ID --cycle YEAR (--out FILE.xlsx [--org SLUG …] | --institute SLUG [--out FILE.xlsx]) [--version V]',
      'Run `workbench export --help` for what each option does.',
    ]);
  });
});

/** `--org ORG --cycle 2026`: the response the user chose to import into. */
const target = (org: string, cycle = 2026) => ['--org', org, '--cycle', String(cycle)];

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
    const result = await command(runImport, ['--url', secretariatUrl(), ...target('a-nml'), file]);
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
    const result = await command(runImport, [
      '--url',
      secretariatUrl(),
      ...target('b-vmi'),
      '--submit',
      file,
    ]);
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
    const result = await command(runImport, ['--url', secretariatUrl(), ...target('c-dsm'), file]);
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
    const result = await command(runImport, [
      '--url',
      `http://ana:ana-password@127.0.0.1:${hub.port}`,
      ...target('b-vmi'),
      file,
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^The server refused: /);
    expect((await serverDoc('b-vmi'))._rev).toBe(before._rev);
  });

  it('refuses a file that is not a return, without touching the server', async () => {
    const file = path.join(dir, 'notes.xlsx');
    await writeFile(file, 'just some text');
    const result = await command(runImport, ['--url', secretariatUrl(), ...target('a-nml'), file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('(file): problem: This file is not an Excel workbook (.xlsx).');
    expect(result.out).toContain('Nothing was written.');
  });
});

/**
 * Issue 16.7: a return cannot be pointed at another institute or cycle by editing the
 * workbook, a damaged file is refused, every refusal is a sentence, and a dry run gives
 * the verdict the import gives. After each, the hub still answers.
 */
describe('workbench import refuses what the workbook cannot decide', () => {
  const secretariat = () => ['--url', secretariatUrl()];

  async function aReturn(edit: Parameters<typeof editWorkbook>[1]): Promise<string> {
    const current = await serverDoc('a-nml');
    const bytes = await exportReturn({
      template: template as NonNullable<typeof template>,
      institute: { org: 'a-nml', name: 'A NML' },
      cycle: 2026,
      response: current,
      exportedAt: new Date(),
      exportedBy: 'sam',
      appVersion: 'test',
    });
    const file = path.join(dir, `edited-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(file, await editWorkbook(bytes, edit));
    return file;
  }

  const parentBody = (value: string) => (wb: ExcelJS.Workbook) => {
    rowOf(sheetStartingWith(wb, 'Institute profile'), 'parent_body').getCell(3).value = value;
  };

  /** The import's verdict with and without --dry-run: the same exit code and the same report. */
  async function bothWays(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const dry = await command(runImport, [...args, '--dry-run']);
    const real = await command(runImport, args);
    expect(dry.code).toBe(real.code);
    const report = (r: { out: string; err: string }) => `${r.out}\n${r.err}`.replace(/\n+$/, '');
    if (real.code !== 0) expect(report(dry)).toBe(report(real));
    for (const r of [dry, real]) {
      expect(`${r.out}\n${r.err}`).not.toMatch(/\n\s+at |TypeError|no_db_file|Request Header|richText/);
    }
    return real;
  }

  async function hubAnswers(): Promise<void> {
    const answer = await caller(hub, 'sam')('GET', '/org-a-nml');
    expect(answer.status).toBe(200);
  }

  it('a hidden sheet that names another institute than the cover is refused, and neither institute changes', async () => {
    const a = await serverDoc('a-nml');
    const b = await serverDoc('b-vmi');
    const file = await aReturn((wb) => {
      parentBody('Hijacked')(wb);
      sheetNamed(wb, '_workbench').getCell('B2').value = 'b-vmi';
    });
    for (const org of ['a-nml', 'b-vmi']) {
      const result = await bothWays([...secretariat(), ...target(org), file]);
      expect(result.code).toBe(1);
      expect(result.out).toContain(
        '  Cover, B4: problem: The cover says the institute is "a-nml", but the return’s hidden sheet "_workbench" says "b-vmi": one of them was changed after the export, so the app cannot tell whose return this is.',
      );
      expect(result.out).toContain('Nothing was written.');
    }
    expect((await serverDoc('a-nml'))._rev).toBe(a._rev);
    expect((await serverDoc('b-vmi'))._rev).toBe(b._rev);
    await hubAnswers();
  });

  it('a return of another institute or cycle than --org and --cycle name is refused; no response is made for another year', async () => {
    const a = await serverDoc('a-nml');
    const file = await aReturn(parentBody('Elsewhere'));
    const other = await bothWays([...secretariat(), ...target('b-vmi'), file]);
    expect(other.code).toBe(1);
    expect(other.out).toContain(
      'This return is for institute "a-nml" (as its cover says), not for the institute "b-vmi", cycle 2026 chosen for this import.',
    );
    const year = await bothWays([...secretariat(), ...target('a-nml', 2027), file]);
    expect(year.code).toBe(1);
    expect(year.out).toContain('This return is for cycle 2026 (as its cover says)');
    const hidden = await aReturn((wb) => {
      parentBody('Next year')(wb);
      sheetNamed(wb, '_workbench').getCell('B4').value = 2027;
    });
    const edited = await bothWays([...secretariat(), ...target('a-nml', 2027), hidden]);
    expect(edited.out).toContain('Cover, B9: problem: The cover says the cycle is "2026"');
    const made = await caller(hub, 'sam')('GET', '/org-a-nml/response:a-nml:dec_capacity_needs:2027');
    expect(made.status).toBe(404);
    expect((await serverDoc('a-nml'))._rev).toBe(a._rev);
    await hubAnswers();
  });

  it('a file with one flipped bit is refused as damaged and nothing is written', async () => {
    const a = await serverDoc('a-nml');
    const clean = await aReturn(parentBody('Ministry of Industry'));
    const zip = stored(new Uint8Array(await readFile(clean)));
    const word = new TextEncoder().encode('Ministry of Industry');
    const at = zip.findIndex((_, i) => word.every((b, j) => zip[i + j] === b));
    expect(at).toBeGreaterThan(0);
    zip[at + 1] = (zip[at + 1] as number) ^ 1; // "Ministry" → "Mhnistry"
    const file = path.join(dir, 'flipped.xlsx');
    await writeFile(file, zip);
    const result = await bothWays([...secretariat(), ...target('a-nml'), file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '(file): problem: The file is damaged: the text of its cells does not match the checksum saved with it',
    );
    expect((await serverDoc('a-nml'))._rev).toBe(a._rev);
    await hubAnswers();
  });

  it('an institute that does not exist, an over-long or an invalid id, and bad shared text are refused in sentences', async () => {
    const file = await aReturn(parentBody('Nobody'));
    // An institute the server does not serve: as the admin (404) and the secretariat (403 on the hub).
    for (const url of [adminUrl(hub), secretariatUrl()]) {
      const missing = await bothWays(['--url', url, '--org', 'zz-none', '--cycle', '2026', file]);
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('This return is for institute "a-nml"');
    }
    const none = await aReturn((wb) => {
      parentBody('Nobody')(wb);
      sheetNamed(wb, '_workbench').getCell('B2').value = 'zz-none';
      sheetNamed(wb, 'Cover').getCell('B4').value = 'zz-none';
    });
    for (const url of [adminUrl(hub), secretariatUrl()]) {
      const missing = await bothWays(['--url', url, ...target('zz-none'), none]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain(
        `There is no institute "zz-none" on http://127.0.0.1:${hub.port} (it has no database org-zz-none). Check the institute id, or add the institute with \`workbench setup --org zz-none\`.`,
      );
    }
    const long = await command(runImport, [...secretariat(), ...target('a'.repeat(20_000)), file]);
    expect(long.code).toBe(2);
    expect(long.err).toMatch(/^--org "a{57}…" is not an institute id \(1 to 40 lower-case letters/);
    for (const org of ['Not A Slug!', 'a'.repeat(20_000)]) {
      const bad = await aReturn((wb) => {
        sheetNamed(wb, '_workbench').getCell('B2').value = org;
        sheetNamed(wb, 'Cover').getCell('B4').value = org;
      });
      const result = await bothWays([...secretariat(), ...target('a-nml'), bad]);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(
        /problem: The hidden sheet "_workbench" was changed: ".+" is not an institute id/,
      );
    }
    const shared = path.join(dir, 'bad-shared.xlsx');
    await writeFile(
      shared,
      withPart(new Uint8Array(await readFile(file)), 'xl/worksheets/sheet2.xml', (xml) =>
        xml.replace(/(<c r="C3"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/, '$1123456$2'),
      ),
    );
    const sharedResult = await bothWays([...secretariat(), ...target('a-nml'), shared]);
    expect(sharedResult.code).toBe(1);
    expect(sharedResult.out).toMatch(
      /The file is damaged: cell C3 of the sheet ".+" points to text number 123,457 of the workbook’s shared text, which holds only \d+\./,
    );
    await hubAnswers();
  });

  it('a date out of 1900–2200 is refused (here typed into a text answer), by the dry run as by the import', async () => {
    const a = await serverDoc('a-nml');
    const file = await aReturn((wb) => {
      // A date serial of about 3 million in a cell formatted as a date, as a slip of the keyboard makes it.
      const cell = rowOf(sheetStartingWith(wb, 'Institute profile'), 'parent_body').getCell(3);
      cell.value = new Date(Date.UTC(10_000, 0, 1));
      cell.numFmt = 'yyyy-mm-dd';
    });
    const result = await bothWays([...secretariat(), ...target('a-nml'), file]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'problem: The date in this cell (year 10000) is outside the years 1900 to 2200.',
    );
    expect((await serverDoc('a-nml'))._rev).toBe(a._rev);
    await hubAnswers();
  });

  it('an account that may not write the institute is refused by the dry run as by the import', async () => {
    const b = await serverDoc('b-vmi');
    const file = path.join(dir, 'b-return.xlsx');
    await writeFile(
      file,
      await editWorkbook(
        await exportReturn({
          template: template as NonNullable<typeof template>,
          institute: { org: 'b-vmi', name: 'b-vmi' },
          cycle: 2026,
          response: b,
          exportedAt: new Date(),
          exportedBy: 'sam',
          appVersion: 'test',
        }),
        parentBody('Not yours'),
      ),
    );
    const result = await bothWays([
      '--url',
      `http://ana:ana-password@127.0.0.1:${hub.port}`,
      ...target('b-vmi'),
      file,
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^The server refused: /);
    expect((await serverDoc('b-vmi'))._rev).toBe(b._rev);
    await hubAnswers();
  });
});
