import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportConsolidated, LONG_SHEET, WIDE_SHEET } from '@shared/excel/consolidated';
import { allTypes, exportedAt, fullAnswers, fullResponse, sheetNamed } from './fixtures';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

function column(sheet: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  sheet.getRow(2).eachCell((cell, col) => {
    if (cell.value === code) found = col;
  });
  if (!found) throw new Error(`no column ${code}`);
  return found;
}

describe('the consolidated return', () => {
  const second = { ...fullResponse({ ...fullAnswers, staff: 7, areas: ['T'], need: [] }), org: 'vn-vmi' };

  it('has one row per institute and one column per question code, with labels above the codes', async () => {
    const progress: number[] = [];
    const workbook = await load(
      await exportConsolidated({
        template: allTypes,
        cycle: 2026,
        institutes: [
          {
            institute: {
              org: 'ph-nml',
              name: 'National Metrology Laboratory',
              acronym: 'NML',
              economy: 'Philippines',
            },
            response: fullResponse(),
          },
          {
            institute: { org: 'vn-vmi', name: 'Vietnam Metrology Institute', economy: 'Viet Nam' },
            response: second,
          },
          { institute: { org: 'la-dsm', name: 'Department of Standards and Metrology', economy: 'Lao PDR' } },
        ],
        exportedAt,
        exportedBy: 'sam',
        appVersion: '9.9.9',
        onProgress: (done) => void progress.push(done),
      }),
    );
    expect(progress).toEqual([1, 2, 3]);
    const wide = sheetNamed(workbook, WIDE_SHEET);
    expect(wide.getCell(1, column(wide, 'staff')).value).toBe('Staff');
    const cells = (code: string) => [3, 4, 5].map((r) => wide.getCell(r, column(wide, code)).value);
    expect(cells('org')).toEqual(['ph-nml', 'vn-vmi', 'la-dsm']);
    expect(cells('status')).toEqual(['draft', 'draft', 'not started']);
    expect(cells('staff')).toEqual([42, 7, null]);
    expect(cells('founded')).toEqual([
      new Date('1965-07-01T00:00:00.000Z'),
      new Date('1965-07-01T00:00:00.000Z'),
      null,
    ]);
    expect(cells('legal')).toEqual(['University', 'University', null]);
    expect(cells('double')).toEqual([84, 14, 0]);
    // select_multiple: the chosen codes, and a 0/1 column per choice.
    expect(cells('areas')).toEqual(['M L', 'T', null]);
    expect(cells('areas/M')).toEqual([1, 0, 0]);
    expect(cells('areas/T')).toEqual([0, 1, 0]);
    // A question asked in every row of a table lists every row.
    expect(cells('need_area')).toEqual(['Mass; Thermometry', null, null]);
    expect(cells('need_priority')).toEqual(['1; 3', null, null]);
    expect(wide.getCell(2, 1).value).toBe('institute');

    const long = sheetNamed(workbook, LONG_SHEET);
    const rows: unknown[][] = [];
    long.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(long.getRow(1).values).toEqual([
      undefined,
      'Institute',
      'Institute id',
      'Economy',
      'Cycle',
      'Code',
      'Question',
      'Table row',
      'Value',
      'Value label',
      'Template version',
    ]);
    const nml = rows.filter((r) => r[1] === 'ph-nml');
    expect(nml).toContainEqual(
      [
        'National Metrology Laboratory (NML)',
        'ph-nml',
        'Philippines',
        2026,
        'areas',
        'Areas served',
        null,
        'M',
        'Mass',
        allTypes.version,
      ].map((v) => v ?? undefined),
    );
    expect(nml).toContainEqual([
      'National Metrology Laboratory (NML)',
      'ph-nml',
      'Philippines',
      2026,
      'need_priority',
      'Priority',
      2,
      3,
      undefined,
      allTypes.version,
    ]);
    expect(rows.some((r) => r[1] === 'la-dsm')).toBe(false);
  });
});
