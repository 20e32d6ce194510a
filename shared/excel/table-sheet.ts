/**
 * Any table a screen shows, as a workbook of one sheet (or several tables, a sheet each): a title row, the column headers
 * (frozen, filterable) and the rows, numbers as numbers. Dashboards use it for the
 * "Export to Excel" of each chart's table.
 */
import ExcelJS from 'exceljs';
import { safeText } from './cells';
import { HEADER_FILL, HEADER_FONT, toBytes } from './style';

export type TableCell = string | number | null;

export interface TableExport {
  title: string;
  /** A line under the title: filters, cycle, when it was made. */
  subtitle?: string;
  columns: readonly string[];
  rows: readonly (readonly TableCell[])[];
}

export async function exportTable(table: TableExport): Promise<Uint8Array> {
  return exportTables([table]);
}

/** Several tables, one sheet each (e.g. the annual report); sheet names made unique. */
export async function exportTables(tables: readonly TableExport[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const table of tables) {
    let name =
      safeText(table.title)
        .replace(/[[\]:*?/\\]/g, ' ')
        .slice(0, 31) || 'Table';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name.toLowerCase());
    addTableSheet(workbook.addWorksheet(name), table);
  }
  return toBytes(await workbook.xlsx.writeBuffer());
}

function addTableSheet(ws: ExcelJS.Worksheet, table: TableExport): void {
  ws.addRow([safeText(table.title)]).font = { bold: true, size: 13 };
  ws.addRow([safeText(table.subtitle ?? '')]);
  const header = ws.addRow(table.columns.map((c) => safeText(c)));
  header.font = HEADER_FONT;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const row of table.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  table.columns.forEach((column, i) => {
    const longest = Math.max(column.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(50, Math.max(10, longest + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  if (table.columns.length > 0) {
    ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: table.columns.length } };
  }
}

/** A file name from a table's title, e.g. "Needs heatmap 2026" → needs-heatmap-2026.xlsx. */
export function tableFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'table'}.xlsx`;
}
