/**
 * The broken inputs a return importer meets: each gives its report and nothing to apply.
 * (That nothing is written to storage is checked where storage is: tests/integration/excel-cli.test.ts
 * against a real hub, and the app's import in tests/e2e/excel.spec.ts.)
 */
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { guardWorkbook, RETURN_LIMITS } from '@shared/excel/guard';
import { exportReturn } from '@shared/excel/return-export';
import { checkReturn, openReturn } from '@shared/excel/return-import';
import {
  allTypes,
  editWorkbook,
  exportedAt,
  fullResponse,
  institute,
  sheetNamed,
  sheetStartingWith,
} from './fixtures';

const exported = () =>
  exportReturn({
    template: allTypes,
    institute,
    cycle: 2026,
    response: fullResponse(),
    exportedAt,
    exportedBy: 'maria',
    appVersion: '9.9.9',
  });

async function refused(bytes: Uint8Array): Promise<{ problem: string; expected?: string }> {
  const opened = await openReturn(bytes);
  expect(opened.ok).toBe(false);
  if (opened.ok) throw new Error('opened');
  expect(opened.problems).toHaveLength(1);
  return opened.problems[0] as { problem: string; expected?: string };
}

describe('files that are not a readable return', () => {
  it('an empty file, a PDF, an old .xls', async () => {
    expect((await refused(new Uint8Array())).problem).toBe('The file is empty.');
    expect((await refused(new TextEncoder().encode('%PDF-1.7 ...'))).problem).toBe(
      'This file is not an Excel workbook (.xlsx).',
    );
    expect((await refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).problem).toBe(
      'This is an old-style Excel workbook (.xls), which cannot be read.',
    );
  });

  it('a truncated download', async () => {
    const bytes = await exported();
    const report = await refused(bytes.slice(0, Math.floor(bytes.length * 0.6)));
    expect(report.problem).toMatch(/^The file (is damaged|could not be read as an Excel workbook)/);
    expect(report.expected).toBe('Open it in Excel or LibreOffice, check it, and save it again as .xlsx.');
  });

  it('a workbook that is not a return (its hidden sheet deleted)', async () => {
    const bytes = await editWorkbook(await exported(), (wb) => {
      const ids = wb.getWorksheet('_workbench');
      if (ids) wb.removeWorksheet(ids.id);
    });
    expect(await refused(bytes)).toEqual({
      severity: 'error',
      sheet: '(file)',
      problem: 'This workbook is not an NMI Workbench return: its hidden sheet "_workbench" is missing.',
      expected:
        'Export a return from NMI Workbench (or with `workbench export`), fill that one in, and import it.',
    });
  });

  it('a return from a newer app, and one whose hidden sheet was edited', async () => {
    const newer = await editWorkbook(await exported(), (wb) => {
      sheetNamed(wb, '_workbench').getCell('C1').value = 2;
    });
    expect((await refused(newer)).problem).toBe(
      'This return was exported by a newer version of NMI Workbench. Update the app, then import it.',
    );
    const edited = await editWorkbook(await exported(), (wb) => {
      sheetNamed(wb, '_workbench').getCell('B2').value = null;
    });
    expect((await refused(edited)).problem).toMatch(/no longer says which institute/);
  });

  it('a sheet with an absurd number of rows', async () => {
    const bytes = await editWorkbook(await exported(), (wb) => {
      const sheet = wb.addWorksheet('Pasted');
      for (let r = 1; r <= RETURN_LIMITS.maxRowsPerSheet + 5; r++) sheet.getCell(r, 1).value = r;
    });
    expect(await refused(bytes)).toMatchObject({
      problem: 'The sheet "Pasted" has more than 10,000 rows; no return is that long.',
      expected: 'Delete the empty or extra rows (or the sheet) and save the workbook again.',
    });
  });

  it('a zip that unpacks to far more than its size', async () => {
    const bomb = zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await refused(bomb)).problem).toMatch(
      /^The file unpacks to more than 19\.5 MB from a file of 0\.2 MB: far more than/,
    );
  });

  it('a file over the size limit, before anything is unpacked', () => {
    const big = new Uint8Array(RETURN_LIMITS.maxFileBytes + 1);
    big.set([0x50, 0x4b]);
    expect(guardWorkbook(big)).toMatchObject({
      ok: false,
      message: 'The workbook is 10.0 MB; files over 10.0 MB are not read.',
    });
  });

  it('a renamed sheet is reported, and its answers are left as they are', async () => {
    const response = fullResponse();
    const bytes = await editWorkbook(await exported(), (wb) => {
      const profile = sheetStartingWith(wb, 'Profile');
      profile.name = 'My profile';
      profile.getCell('C3').value = 99;
    });
    const opened = await openReturn(bytes);
    if (!opened.ok) throw new Error('not opened');
    const report = checkReturn(opened, {
      template: allTypes,
      current: response,
      submit: false,
      now: exportedAt,
    });
    expect(report.changes).toEqual({});
    expect(report.problems.map((p) => p.problem)).toEqual([
      'The sheet "2 Profile" is missing, so its answers stay as they are in the app.',
      'The sheet "My profile" is not part of this return; it was not read.',
    ]);
  });

  it('a real workbook passes the guard', async () => {
    expect(guardWorkbook(await exported())).toEqual({ ok: true });
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('a').getCell('A1').value = 'x';
    expect(guardWorkbook(new Uint8Array((await plain.xlsx.writeBuffer()) as ArrayBuffer))).toEqual({
      ok: true,
    });
  });
});
