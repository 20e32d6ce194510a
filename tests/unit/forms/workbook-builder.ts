import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | null | { formula: string };

/** Builds an .xlsx in memory from sheets given as rows of cells, header row first. */
export async function buildWorkbook(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, index) => {
      row.forEach((value, col) => {
        if (value !== null) sheet.getCell(index + 1, col + 1).value = value as ExcelJS.CellValue;
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
