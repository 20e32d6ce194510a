/**
 * One answer ⇄ one cell. `cellFor` writes an answer with its real type (numbers as
 * numbers, dates as dates, a choice as its label); `answerFromCell` reads a cell back into
 * the answer the app stores, or says in words what is wrong and what is expected. The
 * export fingerprints each answer as `answerFromCell(cellFor(value))`, so a cell nobody
 * touched always reads back as unchanged.
 */
import type ExcelJS from 'exceljs';
import type { AnswerValue } from '../docs/response/schema';
import { numberToString } from '../forms/expr/values';
import type { QuestionItem } from '../forms/model';
import { isIsoDate, valueFromInput } from '../forms/rules';
import { NO, YES } from './return-layout';

/** Excel keeps at most 32,767 characters in a cell. */
export const MAX_CELL_TEXT = 32_767;

/** XML 1.0 forbids most control characters; a workbook holding one will not open. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text for a cell: never a formula (ExcelJS writes strings as strings, so `=SUM(A1)`,
 * `+1`, `-1` and `@x` stay text; a test checks it in LibreOffice), without the characters
 * a workbook cannot hold, and cut to what a cell can hold.
 */
export function safeText(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(FORBIDDEN, '');
  return clean.length > MAX_CELL_TEXT ? clean.slice(0, MAX_CELL_TEXT) : clean;
}

export function isoDateToExcel(text: string): Date {
  return new Date(`${text}T00:00:00.000Z`);
}

/** The cell value for an answer, given the labels of the question's choices (code → label). */
export function cellFor(
  item: QuestionItem,
  value: AnswerValue | undefined,
  labels?: ReadonlyMap<string, string>,
): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return safeText(value.join(' '));
  if (typeof value === 'number') return value;
  switch (item.type) {
    case 'date':
      return isIsoDate(value) ? isoDateToExcel(value) : safeText(value);
    case 'select_one':
      return safeText(labels?.get(value) ?? value);
    case 'acknowledge':
      return value === 'OK' ? YES : safeText(value);
    default:
      return safeText(value);
  }
}

export type CellRead = { ok: true; value: AnswerValue } | { ok: false; problem: string; expected: string };

/** What a cell holds, as ExcelJS gives it, reduced to the kinds a return may contain. */
export type PlainCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; number: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; text: string };

export function plainCell(value: ExcelJS.CellValue): PlainCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string')
    return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', number: value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { kind: 'error', text: 'an invalid date' }
      : { kind: 'date', date: value };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return { kind: 'formula', formula: String(formula ?? '') };
  }
  if ('richText' in value) {
    const text = value.richText.map((part) => part.text).join('');
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if ('hyperlink' in value) {
    const text = typeof value.text === 'string' ? value.text : value.hyperlink;
    return { kind: 'text', text };
  }
  if ('error' in value) return { kind: 'error', text: String(value.error) };
  return { kind: 'error', text: 'a value of an unknown kind' };
}

/** A cell as the text a person sees in it. */
export function cellText(cell: PlainCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return numberToString(cell.number);
    case 'date':
      return excelDateText(cell.date);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.text;
    case 'empty':
      return '';
  }
}

/** The years a date answer read from a workbook may fall in. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Excel dates have no zone; ExcelJS reads them as UTC. */
function excelDateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const YES_WORDS = new Set(['yes', 'y', 'x', '1', 'true', 'ok', '✓', '✔']);
const NO_WORDS = new Set(['no', 'n', '0', 'false', '-']);

/** A Yes/No cell: true, false (blank or No), or undefined when it is neither. */
export function yesNo(cell: PlainCell): boolean | undefined {
  if (cell.kind === 'empty') return false;
  if (cell.kind === 'boolean') return cell.value;
  if (cell.kind === 'number') return cell.number === 1 ? true : cell.number === 0 ? false : undefined;
  if (cell.kind !== 'text') return undefined;
  const word = cell.text.trim().toLowerCase();
  if (YES_WORDS.has(word)) return true;
  if (NO_WORDS.has(word)) return false;
  return undefined;
}

/**
 * Finds the choice a person wrote: its code, its label, or `label (code)` as the dropdown
 * shows repeated labels, ignoring case and surrounding spaces.
 */
export function matchChoice(text: string, labels: ReadonlyMap<string, string>): string | undefined {
  const wanted = text.trim().toLowerCase();
  for (const [code, label] of labels) {
    if (code.toLowerCase() === wanted || label.trim().toLowerCase() === wanted) return code;
  }
  return undefined;
}

function listOf(labels: ReadonlyMap<string, string>): string {
  const all = [...labels.values()];
  return all.length > 12 ? `${all.slice(0, 12).join('; ')}; …` : all.join('; ');
}

/** The answer a cell holds for a question, or what is wrong with it. */
export function answerFromCell(
  item: QuestionItem,
  cell: PlainCell,
  labels?: ReadonlyMap<string, string>,
): CellRead {
  if (cell.kind === 'formula') {
    return {
      ok: false,
      problem: `The cell holds a formula (=${cell.formula}), which is not read.`,
      expected: 'Type the value itself.',
    };
  }
  if (cell.kind === 'error') {
    return { ok: false, problem: `The cell holds ${cell.text}.`, expected: 'Type the value itself.' };
  }
  if (cell.kind === 'empty') return { ok: true, value: null };
  // A date serial of 3 million is year 10,000: a typo, never a date a return holds,
  // whatever the question (a text answer would keep it as "+010000-01-01").
  if (cell.kind === 'date') {
    const year = cell.date.getUTCFullYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return {
        ok: false,
        problem: `The date in this cell (year ${year}) is outside the years ${MIN_YEAR} to ${MAX_YEAR}.`,
        expected: `A date from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026-03-31.`,
      };
    }
  }
  switch (item.type) {
    case 'integer':
    case 'decimal': {
      const whole = item.type === 'integer';
      const expected = whole ? 'A whole number, such as 12.' : 'A number, such as 2.5.';
      if (cell.kind === 'number') {
        if (whole && !Number.isInteger(cell.number))
          return { ok: false, problem: `${numberToString(cell.number)} is not a whole number.`, expected };
        return { ok: true, value: cell.number };
      }
      const text = cellText(cell);
      const value = valueFromInput(item, text);
      if (typeof value === 'number') return { ok: true, value };
      return { ok: false, problem: `"${text}" is not ${whole ? 'a whole number' : 'a number'}.`, expected };
    }
    case 'date': {
      const expected = 'A date, such as 2026-03-31 (or a date cell).';
      if (cell.kind === 'date') return { ok: true, value: excelDateText(cell.date).slice(0, 10) };
      const text = cellText(cell).trim();
      if (!isIsoDate(text))
        return { ok: false, problem: `"${text}" is not a date the app can read.`, expected };
      const year = Number(text.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) {
        return {
          ok: false,
          problem: `"${text}" is outside the years ${MIN_YEAR} to ${MAX_YEAR}.`,
          expected: `A date from ${MIN_YEAR} to ${MAX_YEAR}, such as 2026-03-31.`,
        };
      }
      return { ok: true, value: text };
    }
    case 'select_one': {
      const text = cellText(cell);
      const code = labels ? matchChoice(text, labels) : text.trim();
      if (code !== undefined) return { ok: true, value: code };
      return {
        ok: false,
        problem: `"${text}" is not in the choice list.`,
        expected: `One of: ${labels ? listOf(labels) : ''}. Use the cell’s dropdown.`,
      };
    }
    case 'acknowledge': {
      const yes = yesNo(cell);
      if (yes === undefined)
        return {
          ok: false,
          problem: `"${cellText(cell)}" is not Yes.`,
          expected: `${YES}, or leave it blank.`,
        };
      return { ok: true, value: yes ? 'OK' : null };
    }
    default:
      return { ok: true, value: cellText(cell) };
  }
}

/**
 * The chosen codes of a select_multiple in the order of its choice list, codes that are
 * not in the list (typed elsewhere, kept as they were) at the end: the order a workbook
 * gives back, so a fingerprint does not depend on the order the answer was stored in.
 */
export function inListOrder(chosen: readonly string[], listed: readonly string[]): string[] {
  return [...listed.filter((c) => chosen.includes(c)), ...chosen.filter((c) => !listed.includes(c))];
}

/** `${NO}` is offered beside Yes in dropdowns, for people who prefer to answer every line. */
export const YES_NO_LIST = `"${YES},${NO}"`;

/** A short, stable fingerprint of an answer, kept in the return to tell which cells changed. */
export function fingerprint(value: AnswerValue | undefined): string {
  const text = JSON.stringify(value ?? null);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * What a block of a sheet shows, from a row down, as one fingerprint: a sheet written for
 * reading (support received from the ledger) is fingerprinted at export, so the import can
 * say whether someone changed it.
 */
export function sheetFingerprint(ws: ExcelJS.Worksheet, fromRow: number): string {
  const lines: string[] = [];
  ws.eachRow((row, n) => {
    if (n < fromRow) return;
    const cells: string[] = [];
    row.eachCell((cell, col) => {
      const text = cellText(plainCell(cell.value)).trim();
      if (text) cells.push(`${col}=${text}`);
    });
    if (cells.length) lines.push(`${n}:${cells.join('|')}`);
  });
  return fingerprint(lines.join('\n'));
}
