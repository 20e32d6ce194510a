/**
 * Reads an .xlsx workbook's bytes into plain rows of text, so that the rest of the
 * importer is synchronous, pure and independent of ExcelJS. Takes bytes, never a
 * path: the same code runs in the renderer (a dropped file) and in the command.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { FormProblem } from '../model';
import { guardWorkbook, RETURN_LIMITS, type WorkbookLimits } from '../../excel/guard';
import { numberToString } from '../expr/values';

/** A form is read with the same bounds as a return, but may be a larger file (images in other sheets). */
const FORM_LIMITS: WorkbookLimits = { ...RETURN_LIMITS, maxFileBytes: 20 * 1024 * 1024 };

export interface SheetRow {
  /** 1-based workbook row. */
  row: number;
  /** Cell text by 1-based column number; blank cells are absent. */
  cells: ReadonlyMap<number, string>;
}

export interface RawSheet {
  /** The sheet's name as written in the workbook. */
  name: string;
  rows: readonly SheetRow[];
}

/** Sheets by their trimmed, lower-cased name. */
export type RawWorkbook = ReadonlyMap<string, RawSheet>;

export type ReadResult = { ok: true; workbook: RawWorkbook } | { ok: false; problem: FormProblem };

/** Excel columns are lettered; reports name a column by letter when its header is blank. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function dateText(date: Date): string {
  const iso = date.toISOString();
  // Excel dates have no zone; ExcelJS reads them as UTC, so a date without time is midnight UTC.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** A cell's value as the text a person sees (numbers stored as 2026.0 become "2026"). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || (typeof result === 'object' && 'error' in result)) return '';
    return cellText(result);
  }
  return ''; // an error value such as #N/A
}

/**
 * ExcelJS drops a formula's cached result when it is falsy (`=FALSE()` caches FALSE, `=0*1`
 * caches 0), so such a cell would read as empty. The cached values are read back from the
 * sheets' XML, by cell address, only when a workbook has such cells.
 */
function falsyResults(bytes: Uint8Array): Map<string, Map<string, string>> {
  const files = unzipSync(bytes, {
    filter: (f) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(f.name),
  });
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const targets = new Map<string, string>();
  for (const rel of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(rel[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(rel[0])?.[1];
    if (id && target) targets.set(id, `xl/${target.replace(/^\/?xl\//, '')}`);
  }
  const bySheet = new Map<string, Map<string, string>>();
  for (const sheet of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(sheet[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(sheet[0])?.[1];
    const xml = rid ? text(targets.get(rid) ?? '') : '';
    if (!name || !xml) continue;
    const cells = new Map<string, string>();
    for (const c of xml.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)) {
      const body = c[2] ?? '';
      if (!body.includes('<f')) continue;
      const address = /\br="([A-Z]+\d+)"/.exec(c[1] ?? '')?.[1];
      const type = /\bt="(\w+)"/.exec(c[1] ?? '')?.[1];
      const value = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      if (!address || value === undefined) continue;
      if (type === 'b') cells.set(address, value === '0' ? 'false' : 'true');
      else if (type === 'str') cells.set(address, value);
      else if (type !== 'e') cells.set(address, numberToString(Number(value)));
    }
    bySheet.set(
      name
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
      cells,
    );
  }
  return bySheet;
}

function looksLikeOldExcel(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

function fileProblem(message: string, fix?: string): ReadResult {
  return { ok: false, problem: { sheet: '(file)', message, severity: 'error', ...(fix ? { fix } : {}) } };
}

export async function readWorkbook(data: Uint8Array | ArrayBuffer): Promise<ReadResult> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) return fileProblem('The file is empty.');
  if (looksLikeOldExcel(bytes)) {
    return fileProblem(
      'This is an old-style Excel workbook (.xls), which cannot be read.',
      'Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx).',
    );
  }
  // Every .xlsx is a zip archive, which starts with "PK".
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fileProblem('This file is not an Excel workbook (.xlsx).', 'Save the form as an .xlsx workbook.');
  }
  const guard = guardWorkbook(bytes, FORM_LIMITS, 'The form');
  if (!guard.ok) return fileProblem(guard.message, guard.fix);
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy, so ExcelJS gets a plain ArrayBuffer whatever view it was given.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fileProblem(
      `The file could not be read as an Excel workbook: it may be damaged or not an .xlsx file (${reason}).`,
      'Open it in Excel or LibreOffice, check it, and save it again as .xlsx.',
    );
  }
  const sheets = new Map<string, RawSheet>();
  let cached: Map<string, Map<string, string>> | undefined;
  for (const sheet of workbook.worksheets) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = new Map<number, string>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = cell.value;
        const lostResult =
          value !== null &&
          typeof value === 'object' &&
          ('formula' in value || 'sharedFormula' in value) &&
          value.result === undefined;
        if (lostResult) cached ??= falsyResults(bytes);
        const text = lostResult ? (cached?.get(sheet.name)?.get(cell.address) ?? '') : cellText(value);
        if (text.trim() !== '') cells.set(col, text);
      });
      if (cells.size > 0) rows.push({ row: rowNumber, cells });
    });
    const key = sheet.name.trim().toLowerCase();
    if (!sheets.has(key)) sheets.set(key, { name: sheet.name, rows });
  }
  return { ok: true, workbook: sheets };
}
