import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkForm } from '../../../server/commands/form';
import { buildWorkbook } from '../forms/workbook-builder';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'form-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await checkForm(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('workbench form check', () => {
  it('prints the summary and exits 0 for a form where every row is understood', async () => {
    const file = path.join(dir, 'good.xlsx');
    await writeFile(
      file,
      await buildWorkbook({
        survey: [
          ['type', 'name', 'label'],
          ['begin group', 'g', 'Group'],
          ['select_one yn', 'ok', 'OK?'],
          ['end group'],
        ],
        choices: [
          ['list_name', 'name', 'label'],
          ['yn', 'yes', 'Yes'],
        ],
        settings: [
          ['form_id', 'form_title'],
          ['good', 'Good form'],
        ],
      }),
    );
    const { code, out } = await check('check', file);
    expect(code).toBe(0);
    expect(out).toContain('Good form — id good');
    expect(out).toContain('1 questions, 1 groups, 0 repeats, 1 choice lists');
    expect(out).toContain('Every row is understood.');
  });

  it('lists every problem with its row and exits 1', async () => {
    const file = path.join(dir, 'bad.xlsx');
    await writeFile(
      file,
      await buildWorkbook({
        survey: [
          ['type', 'name', 'label', 'relevant'],
          ['txt', 'a', 'A', null],
          ['text', 'b', 'B', '${zz} = 1'],
          ['geopoint', 'where', 'Where', null],
        ],
        settings: [['form_id'], ['bad']],
      }),
    );
    const { code, out } = await check('check', file);
    expect(code).toBe(1);
    expect(out).toContain('3 problems, 0 warnings');
    expect(out).toContain('survey, row 2, column "type": problem: "txt" is not a question type.');
    expect(out).toContain('fix: Did you mean "text"?');
    expect(out).toContain('survey, row 3, column "relevant": problem: ${zz} does not name a question');
    expect(out).toContain('survey, row 4, column "type": problem: The type "geopoint" is not supported.');

    const leftOut = await check('check', file, '--leave-out-unsupported');
    expect(leftOut.out).toContain('Left out (unsupported): where (geopoint, row 4)');
  });

  it('says what is wrong with a damaged, foreign or missing file and never crashes', async () => {
    const damaged = path.join(dir, 'damaged.xlsx');
    const good = await buildWorkbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
    });
    await writeFile(damaged, good.slice(0, 200));
    expect((await check('check', damaged)).out).toContain('could not be read as an Excel workbook');
    expect((await check('check', damaged)).code).toBe(1);

    const foreign = path.join(dir, 'notes.xlsx');
    await writeFile(foreign, 'just some text');
    expect((await check('check', foreign)).out).toContain('not an Excel workbook');

    const missing = await check('check', path.join(dir, 'nope.xlsx'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toContain('There is no file');

    expect((await check('check')).code).toBe(2);
    expect((await check('verify', damaged)).code).toBe(2);
  });
});
