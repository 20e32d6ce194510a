/**
 * CMC rows for a KCDB 2.0 submission: one sheet per family (general physics, chemistry and
 * biology, ionizing radiation), each in the order of its KCDB upload template — the
 * classification, what is measured (and, for QM, the analyte and matrix; for RI, nuclide,
 * source and medium), the measurand's range with its unit in a column of its own, the
 * parameters, the expanded uncertainty (smallest, largest, unit, absolute or relative, or
 * its equation or table) with coverage factor and level of confidence, then reference
 * standard, source of traceability, supporting comparisons, international standard, the
 * institute's service identifier and comments. The order follows the KCDB 2.0 CMC record
 * (see docs/architecture.md, "CMC plans"); the institute comes first, and the KCDB
 * identifier of a published CMC last.
 */
import ExcelJS from 'exceljs';
import { familyLabel, FAMILIES, type CmcFamily } from '../cmc/families';
import { safeText } from './cells';
import { HEADER_FILL, HEADER_FONT, toBytes, WRAP_TOP } from './style';

export interface CmcRow {
  family: CmcFamily;
  institute: string;
  area: string;
  branch: string;
  service: string;
  subService: string;
  individualService: string;
  serviceCode: string;
  quantity: string;
  instrument: string;
  instrumentType: string;
  method: string;
  analyte: string;
  matrix: string;
  /** "Yes", "No" or "" while not said. */
  crm: string;
  deliveryMechanism: string;
  nuclide: string;
  source: string;
  medium: string;
  rangeMin: number | null;
  rangeMax: number | null;
  rangeUnit: string;
  /** "name: value unit" pieces joined with "; ". */
  parameters: string;
  uncertaintyMin: number | null;
  uncertaintyMax: number | null;
  uncertaintyUnit: string;
  /** "Absolute" or "Relative". */
  uncertaintyMode: string;
  uncertaintyEquation: string;
  /** "value: uncertainty" pieces joined with "; ". */
  uncertaintyTable: string;
  coverageFactor: number | null;
  /** Level of confidence in percent (95.45), or the words stated instead. */
  confidenceLevel: number | string | null;
  referenceStandard: string;
  traceabilitySource: string;
  comparisons: string;
  internationalStandard: string;
  serviceId: string;
  comments: string;
  kcdbId: string;
}

type Key = Exclude<keyof CmcRow, 'family'>;

interface CmcColumn {
  key: Key;
  header: string;
  /** The heading above a group of columns, e.g. "Expanded uncertainty". */
  group?: string;
  width: number;
}

const RANGE = 'Measurand level or range';
const UNCERTAINTY = 'Expanded uncertainty';
const col = (key: Key, header: string, width: number, group?: string): CmcColumn => ({
  key,
  header,
  width,
  ...(group ? { group } : {}),
});

const RANGE_COLUMNS = [
  col('rangeMin', 'Minimum value', 12, RANGE),
  col('rangeMax', 'Maximum value', 12, RANGE),
  col('rangeUnit', 'Unit', 10, RANGE),
];
const TAIL_COLUMNS = [
  col('parameters', 'Parameters', 28),
  col('uncertaintyMin', 'Minimum', 10, UNCERTAINTY),
  col('uncertaintyMax', 'Maximum', 10, UNCERTAINTY),
  col('uncertaintyUnit', 'Unit', 10, UNCERTAINTY),
  col('uncertaintyMode', 'Absolute or relative', 11, UNCERTAINTY),
  col('uncertaintyEquation', 'Equation', 24, UNCERTAINTY),
  col('uncertaintyTable', 'Table', 24, UNCERTAINTY),
  col('coverageFactor', 'Coverage factor', 10, UNCERTAINTY),
  col('confidenceLevel', 'Level of confidence (%)', 12, UNCERTAINTY),
  col('referenceStandard', 'Reference standard used in calibration', 28),
  col('traceabilitySource', 'Source of traceability', 24),
  col('comparisons', 'Supporting comparisons', 22),
  col('internationalStandard', 'International standard', 20),
  col('serviceId', 'NMI service identifier', 18),
  col('comments', 'Comments', 30),
  col('kcdbId', 'KCDB identifier (once published)', 22),
];

export const CMC_COLUMNS: Readonly<Record<CmcFamily, readonly CmcColumn[]>> = {
  physics: [
    col('institute', 'Institute', 28),
    col('area', 'Metrology area', 18),
    col('branch', 'Branch', 20),
    col('service', 'Service', 24),
    col('subService', 'Sub-service', 22),
    col('individualService', 'Individual service', 22),
    col('serviceCode', 'Classification code', 12),
    col('quantity', 'Quantity', 20),
    col('instrument', 'Instrument', 24),
    col('instrumentType', 'Instrument type', 22),
    col('method', 'Measurement method', 24),
    ...RANGE_COLUMNS,
    ...TAIL_COLUMNS,
  ],
  chembio: [
    col('institute', 'Institute', 28),
    col('area', 'Metrology area', 18),
    col('branch', 'Category', 20),
    col('service', 'Sub-category', 22),
    col('analyte', 'Analyte or component', 22),
    col('matrix', 'Matrix', 22),
    col('quantity', 'Quantity', 18),
    col('method', 'Measurement technique', 26),
    col('crm', 'Certified reference material?', 12),
    col('deliveryMechanism', 'Delivery mechanism', 22),
    ...RANGE_COLUMNS,
    ...TAIL_COLUMNS,
  ],
  radiation: [
    col('institute', 'Institute', 28),
    col('area', 'Metrology area', 18),
    col('branch', 'Branch', 20),
    col('quantity', 'Quantity', 20),
    col('nuclide', 'Nuclide or radiation', 16),
    col('source', 'Source', 20),
    col('medium', 'Medium', 14),
    col('instrument', 'Instrument', 22),
    col('instrumentType', 'Instrument type', 20),
    col('method', 'Measurement method', 24),
    ...RANGE_COLUMNS,
    ...TAIL_COLUMNS,
  ],
};

/** The sheet of a family's rows. */
export function cmcSheetName(family: CmcFamily): string {
  return familyLabel(family);
}

export interface CmcExportInput {
  rows: readonly CmcRow[];
  exportedAt: Date;
  appVersion: string;
}

function cellOf(value: CmcRow[Key]): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  return safeText(value);
}

function addFamilySheet(workbook: ExcelJS.Workbook, family: CmcFamily, rows: readonly CmcRow[]): void {
  const columns = CMC_COLUMNS[family];
  const ws = workbook.addWorksheet(cmcSheetName(family));
  const groups = ws.getRow(1);
  const headers = ws.getRow(2);
  columns.forEach((column, i) => {
    ws.getColumn(i + 1).width = column.width;
    headers.getCell(i + 1).value = column.header;
    if (column.group) groups.getCell(i + 1).value = column.group;
  });
  // One merged heading over each group of columns.
  let start = 0;
  columns.forEach((column, i) => {
    const next = columns[i + 1];
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
  for (const data of rows) {
    const row = ws.addRow(columns.map((column) => cellOf(data[column.key])));
    row.alignment = WRAP_TOP;
  }
}

/** One sheet per family that has rows (general physics alone, empty, when there are none). */
export async function exportCmcRows(input: CmcExportInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `NMI Workbench ${input.appVersion}`;
  workbook.created = input.exportedAt;
  const present = FAMILIES.filter(({ family }) => input.rows.some((r) => r.family === family));
  for (const { family } of present.length > 0 ? present : [{ family: 'physics' as const }])
    addFamilySheet(
      workbook,
      family,
      input.rows.filter((r) => r.family === family),
    );
  return toBytes(await workbook.xlsx.writeBuffer());
}
