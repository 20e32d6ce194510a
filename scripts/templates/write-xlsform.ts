/**
 * Writes an XLSForm workbook (survey, choices, settings) from rows, so the shipped
 * templates have a readable, reviewable source next to the .xlsx files that the
 * app and XLSForm tools read.
 */
import ExcelJS from 'exceljs';

/** A formula cell as Excel saves it: the formula and the value it last gave. */
export interface FormulaCell {
  formula: string;
  result: string | number | boolean;
}

export type Row = Record<string, string | number | boolean | FormulaCell | undefined>;

export interface XlsFormSource {
  survey: Row[];
  choices: Row[];
  settings: Row;
}

const EN = 'English (en)';
export const label = `label::${EN}`;
export const hint = `hint::${EN}`;
export const constraintMessage = `constraint_message::${EN}`;
export const requiredMessage = `required_message::${EN}`;

function addSheet(workbook: ExcelJS.Workbook, name: string, rows: Row[]): void {
  const sheet = workbook.addWorksheet(name);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  sheet.columns = columns.map((key) => ({ header: key, key, width: key.startsWith('label') ? 60 : 22 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
}

export async function writeXlsForm(source: XlsFormSource, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'NMI Workbench';
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = workbook.created;
  addSheet(workbook, 'survey', source.survey);
  if (source.choices.length > 0) addSheet(workbook, 'choices', source.choices);
  addSheet(workbook, 'settings', [source.settings]);
  await workbook.xlsx.writeFile(path);
}
