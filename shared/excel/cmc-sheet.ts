/**
 * CMC plan rows in the column order of a CMC submission to the KCDB (after the
 * institute and the KCDB classification): quantity; instrument or artifact; instrument
 * type or method; measurand level or range (minimum, maximum, unit); parameters; expanded
 * uncertainty (value, unit, coverage factor, level of confidence, relative or not);
 * reference standard and source of traceability; comments; the institute's service
 * identifier. The CMC plans feature turns each plan into a row.
 */
import ExcelJS from 'exceljs';
import { safeText } from './cells';
import { HEADER_FILL, HEADER_FONT, toBytes, WRAP_TOP } from './style';

export interface CmcRow {
  institute: string;
  area: string;
  branch: string;
  service: string;
  quantity: string;
  instrument: string;
  instrumentType: string;
  rangeMin: number | null;
  rangeMax: number | null;
  rangeUnit: string;
  parameters: string;
  uncertaintyValue: number | null;
  uncertaintyUnit: string;
  coverageFactor: number | null;
  /** Level of confidence in percent (95.45), or the words stated instead. */
  confidenceLevel: number | string | null;
  relative: boolean | null;
  referenceStandard: string;
  traceabilitySource: string;
  comments: string;
  serviceId: string;
}

interface CmcColumn {
  key: keyof CmcRow;
  header: string;
  /** The heading above a group of columns, e.g. "Expanded uncertainty". */
  group?: string;
  width: number;
}

export const CMC_COLUMNS: readonly CmcColumn[] = [
  { key: 'institute', header: 'Institute', width: 28 },
  { key: 'area', header: 'Metrology area', width: 20 },
  { key: 'branch', header: 'Branch', width: 20 },
  { key: 'service', header: 'Service', width: 24 },
  { key: 'quantity', header: 'Quantity', width: 20 },
  { key: 'instrument', header: 'Instrument or artifact', width: 24 },
  { key: 'instrumentType', header: 'Instrument type or method', width: 24 },
  { key: 'rangeMin', header: 'Minimum value', group: 'Measurand level or range', width: 12 },
  { key: 'rangeMax', header: 'Maximum value', group: 'Measurand level or range', width: 12 },
  { key: 'rangeUnit', header: 'Unit', group: 'Measurand level or range', width: 10 },
  { key: 'parameters', header: 'Parameters', width: 28 },
  { key: 'uncertaintyValue', header: 'Value', group: 'Expanded uncertainty', width: 10 },
  { key: 'uncertaintyUnit', header: 'Unit', group: 'Expanded uncertainty', width: 10 },
  { key: 'coverageFactor', header: 'Coverage factor', group: 'Expanded uncertainty', width: 10 },
  { key: 'confidenceLevel', header: 'Level of confidence (%)', group: 'Expanded uncertainty', width: 12 },
  { key: 'relative', header: 'Relative?', group: 'Expanded uncertainty', width: 10 },
  { key: 'referenceStandard', header: 'Reference standard used in calibration', width: 28 },
  { key: 'traceabilitySource', header: 'Source of traceability', width: 24 },
  { key: 'comments', header: 'Comments', width: 30 },
  { key: 'serviceId', header: 'Institute service identifier', width: 18 },
];

export const CMC_SHEET = 'CMC rows';

export interface CmcExportInput {
  rows: readonly CmcRow[];
  exportedAt: Date;
  appVersion: string;
}

function cellOf(value: CmcRow[keyof CmcRow]): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value;
  return safeText(value);
}

export async function exportCmcRows(input: CmcExportInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `NMI Workbench ${input.appVersion}`;
  workbook.created = input.exportedAt;
  const ws = workbook.addWorksheet(CMC_SHEET);
  const groups = ws.getRow(1);
  const headers = ws.getRow(2);
  CMC_COLUMNS.forEach((column, i) => {
    ws.getColumn(i + 1).width = column.width;
    headers.getCell(i + 1).value = column.header;
    if (column.group) groups.getCell(i + 1).value = column.group;
  });
  // One merged heading over each group of columns.
  let start = 0;
  CMC_COLUMNS.forEach((column, i) => {
    const next = CMC_COLUMNS[i + 1];
    if (next?.group === column.group && column.group) return;
    if (column.group && i > start) ws.mergeCells(1, start + 1, 1, i + 1);
    start = i + 1;
  });
  for (const row of [groups, headers]) {
    row.font = HEADER_FONT;
    row.alignment = { ...WRAP_TOP, horizontal: 'center' };
    row.eachCell((cell) => (cell.fill = HEADER_FILL));
  }
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  for (const data of input.rows) {
    const row = ws.addRow(CMC_COLUMNS.map((column) => cellOf(data[column.key])));
    row.alignment = WRAP_TOP;
  }
  return toBytes(await workbook.xlsx.writeBuffer());
}
