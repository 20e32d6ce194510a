/**
 * The broken inputs a return importer meets: each gives its report and nothing to apply.
 * (That nothing is written to storage is checked where storage is: tests/integration/excel-cli.test.ts
 * against a real hub, and the app's import in tests/e2e/excel.spec.ts.)
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guardWorkbook, RETURN_LIMITS } from '@shared/excel/guard';
import { exportReturn } from '@shared/excel/return-export';
import { checkReturn, checkTarget, openReturn } from '@shared/excel/return-import';
import {
  allTypes,
  editWorkbook,
  exportedAt,
  fullResponse,
  institute,
  sheetNamed,
  sheetStartingWith,
} from './fixtures';
import { stored, withPart, zipBomb } from './zip-fixtures';

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
        'Export the institute’s return (Export to Excel on its response in NMI Workbench, or `workbench export --institute SLUG --template ID --cycle YEAR`), fill that one in, and import it.',
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

  it('a zip that unpacks to far more than its size, read no further than the limit', async () => {
    // 20 MB of spaces in about 20 KB, built without deflating 20 MB, so this test's time
    // does not depend on what the bomb would unpack to; the guard stops at its limit
    // (1 MB or 100 times the file's size), having unpacked at most a few MB.
    const bomb = zipBomb(20);
    expect(bomb.length).toBeLessThan(30 * 1024);
    expect((await refused(bomb)).problem).toMatch(
      /^The file unpacks to more than 2\.0 MB from a file of 2[0-9] KB: far more than a spreadsheet of this size holds\.$/,
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

describe('damage a spreadsheet program would notice', () => {
  /** The part's entry in a zip: where its local header's data starts, and how long it is. */
  function entryData(zip: Uint8Array, name: string): { at: number; length: number } {
    const bytes = new TextEncoder().encode(name);
    for (let at = 0; at < zip.length - 30; at++) {
      if (zip[at] !== 0x50 || zip[at + 1] !== 0x4b || zip[at + 2] !== 3 || zip[at + 3] !== 4) continue;
      const view = new DataView(zip.buffer, zip.byteOffset + at);
      const nameLength = view.getUint16(26, true);
      const candidate = zip.subarray(at + 30, at + 30 + nameLength);
      if (candidate.length !== bytes.length || candidate.some((b, i) => b !== bytes[i])) continue;
      return { at: at + 30 + nameLength + view.getUint16(28, true), length: view.getUint32(18, true) };
    }
    throw new Error(`no ${name}`);
  }

  function flipBit(zip: Uint8Array, at: number, bit = 0): Uint8Array {
    const copy = zip.slice();
    copy[at] = (copy[at] as number) ^ (1 << bit);
    return copy;
  }

  it('one flipped bit in an answer’s text (a stored zip) is refused as damage, not read as a new answer', async () => {
    const zip = stored(await exported());
    const text = new TextEncoder().encode('Dr. Ana María Núñez');
    const at = zip.findIndex((_, i) => text.every((b, j) => zip[i + j] === b));
    expect(at).toBeGreaterThan(0);
    const flipped = flipBit(zip, at + 1, 5); // "Dr." → "DR."
    const report = await refused(flipped);
    expect(report.problem).toBe(
      'The file is damaged: the text of its cells does not match the checksum saved with it, so what it holds changed after the workbook was saved (on the way, or on a disk).',
    );
    expect(report.expected).toBe(
      'Ask the sender for the file again, or open it in Excel or LibreOffice, check it, and save it again as .xlsx.',
    );
    expect((await openReturn(zip)).ok).toBe(true);
  });

  it('a flipped bit anywhere in a compressed sheet is refused, whichever bit it is', async () => {
    const zip = await exported();
    const sheet = entryData(zip, 'xl/worksheets/sheet2.xml');
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      for (const bit of [0, 3, 7]) {
        const at = sheet.at + Math.floor(sheet.length * fraction);
        const report = await refused(flipBit(zip, at, bit));
        expect(report.problem).toMatch(
          /^The file (is damaged: the sheet "1 General" does not match the checksum|could not be read as an Excel workbook)/,
        );
      }
    }
  });

  it('cells that point to shared text the file does not hold name their sheet and cell', async () => {
    const zip = await exported();
    const broken = withPart(zip, 'xl/worksheets/sheet2.xml', (xml) =>
      xml.replace(/(<c r="C3"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/, '$199999$2'),
    );
    expect(await refused(broken)).toMatchObject({
      problem: expect.stringMatching(
        /^The file is damaged: cell C3 of the sheet "1 General" points to text number 100,000 of the workbook’s shared text, which holds only \d+\.$/,
      ),
      expected: 'Open it in Excel or LibreOffice, check that cell, and save the workbook again as .xlsx.',
    });
    const word = withPart(zip, 'xl/worksheets/sheet2.xml', (xml) =>
      xml.replace(/(<c r="C3"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/, '$1x$2'),
    );
    expect((await refused(word)).problem).toBe(
      'The file is damaged: cell C3 of the sheet "1 General" says its text is number "x" of the workbook’s shared text, which is not a number.',
    );
  });
});

describe('a return whose hidden sheet was edited to point elsewhere', () => {
  it('is refused when the hidden institute or cycle disagrees with the cover', async () => {
    const otherOrg = await editWorkbook(await exported(), (wb) => {
      sheetNamed(wb, '_workbench').getCell('B2').value = 'kriss';
    });
    expect(await refused(otherOrg)).toEqual({
      severity: 'error',
      sheet: 'Cover',
      cell: 'B4',
      problem:
        'The cover says the institute is "ph-nml", but the return’s hidden sheet "_workbench" says "kriss": one of them was changed after the export, so the app cannot tell whose return this is.',
      expected:
        'Import a return as NMI Workbench exported it. If it is for another institute or cycle, export the return of the right one and fill that in.',
    });
    const otherCycle = await editWorkbook(await exported(), (wb) => {
      sheetNamed(wb, '_workbench').getCell('B4').value = 2031;
    });
    expect(await refused(otherCycle)).toMatchObject({
      sheet: 'Cover',
      cell: 'B9',
      problem: expect.stringMatching(/^The cover says the cycle is "2026", but the return’s hidden sheet/),
    });
  });

  it('refuses an institute id that is not a slug or is far too long, in words', async () => {
    for (const org of ['Not A Slug!', 'a'.repeat(20_000)]) {
      const bytes = await editWorkbook(await exported(), (wb) => {
        sheetNamed(wb, '_workbench').getCell('B2').value = org;
        sheetNamed(wb, 'Cover').getCell('B4').value = org;
      });
      expect((await refused(bytes)).problem).toMatch(
        /^The hidden sheet "_workbench" was changed: ".{1,60}" is not an institute id \(1 to 40 lower-case letters, digits or hyphens\)\.$/,
      );
    }
  });

  it('is refused when it is not for the institute and cycle chosen for the import', async () => {
    const opened = await openReturn(await exported());
    if (!opened.ok) throw new Error('not opened');
    expect(checkTarget(opened.meta, { org: 'ph-nml', cycle: 2026 })).toBeUndefined();
    expect(checkTarget(opened.meta, { org: 'kriss', cycle: 2026 })).toEqual({
      severity: 'error',
      sheet: 'Cover',
      problem:
        'This return is for institute "ph-nml" (as its cover says), not for the institute "kriss", cycle 2026 chosen for this import. Nothing was read from it.',
      expected:
        'Import it into the response it was exported from, or export the return of the response you meant and fill that one in.',
    });
    expect(checkTarget(opened.meta, { org: 'ph-nml', cycle: 2027, templateId: 'other' })?.problem).toBe(
      'This return is for cycle 2026 and questionnaire "all_types" (as its cover says), not for the institute "ph-nml", cycle 2027, questionnaire "other" chosen for this import. Nothing was read from it.',
    );
  });
});
