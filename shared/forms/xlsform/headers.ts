/**
 * Header rows: names are trimmed and case-insensitive, old aliases (`bind:relevant`,
 * `jr:constraintMsg`, `list name`) are mapped to today's names, and `label::English (en)`
 * is split into a column and a language — what pyxform accepts, we accept.
 */
import type { FormProblem } from '../model';
import { columnLetter, type RawSheet, type SheetRow } from './workbook';

export interface Column {
  col: number;
  /** The header as written (trimmed), for reports. */
  header: string;
  /** The canonical column name, e.g. `constraint_message`; absent for an ignored column. */
  key?: string;
  language?: string;
}

export interface Header {
  /** The row the header is on. */
  row: number;
  columns: readonly Column[];
  /** The first column with each canonical name (and language). */
  find(key: string, language?: string): Column | undefined;
  /** Languages used for `key`, in column order (undefined is the column without `::`). */
  languages(key: string): (string | undefined)[];
}

type Aliases = Readonly<Record<string, string>>;

function aliases(entries: Record<string, readonly string[]>): Aliases {
  return Object.fromEntries(
    Object.entries(entries).flatMap(([key, names]) => [key, ...names].map((name) => [name, key])),
  );
}

export const surveyAliases = aliases({
  type: ['command'],
  name: ['value', 'tag'],
  label: ['caption'],
  hint: [],
  guidance_hint: ['guidance hint'],
  required: ['bind:required', 'bind::required'],
  required_message: ['required message', 'jr:requiredmsg', 'bind:jr:requiredmsg', 'bind::jr:requiredmsg'],
  relevant: ['relevance', 'bind:relevant', 'bind::relevant'],
  constraint: ['bind:constraint', 'bind::constraint'],
  constraint_message: [
    'constraint message',
    'jr:constraintmsg',
    'bind:jr:constraintmsg',
    'bind::jr:constraintmsg',
  ],
  calculation: ['calculate', 'bind:calculate', 'bind::calculate'],
  default: [],
  read_only: ['readonly', 'read only', 'bind:readonly', 'bind::readonly'],
  choice_filter: ['choice filter'],
  appearance: ['control:appearance', 'control::appearance'],
  repeat_count: ['repeat count', 'jr:count', 'count', 'control::jr:count'],
  image: ['media::image'],
  'big-image': ['media::big-image'],
  audio: ['media::audio'],
  video: ['media::video'],
});

export const choicesAliases = aliases({
  list_name: ['list name'],
  name: ['value'],
  label: ['caption'],
  image: ['media::image'],
  'big-image': ['media::big-image'],
  audio: ['media::audio'],
  video: ['media::video'],
});

export const settingsAliases = aliases({
  form_title: ['title', 'set form title'],
  form_id: ['id_string', 'set form id'],
  version: [],
  default_language: [],
});

const TRANSLATABLE = new Set([
  'label',
  'hint',
  'guidance_hint',
  'required_message',
  'constraint_message',
  'image',
  'big-image',
  'audio',
  'video',
]);

function parseHeader(written: string, table: Aliases): { key?: string; language?: string } {
  const lower = written.toLowerCase().replace(/\s+/g, ' ');
  const direct = table[lower];
  if (direct) return { key: direct };
  // The language is after the last `::` (`media::image::English (en)`).
  const split = written.lastIndexOf('::');
  if (split > 0) {
    const base = table[written.slice(0, split).trim().toLowerCase()];
    const language = written.slice(split + 2).trim();
    if (base && TRANSLATABLE.has(base) && language) return { key: base, language };
  }
  return {};
}

export interface HeaderOptions {
  sheet: RawSheet;
  table: Aliases;
  /** Keep unknown columns under their lower-cased header (the choices sheet's filter columns). */
  keepUnknown?: boolean;
  problems: FormProblem[];
}

/** Reads the first non-blank row as the header; reports columns that are ignored. */
export function readHeader({ sheet, table, keepUnknown, problems }: HeaderOptions): Header | undefined {
  const first: SheetRow | undefined = sheet.rows[0];
  if (!first) return undefined;
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const [col, text] of [...first.cells].sort(([a], [b]) => a - b)) {
    const header = text.trim();
    const parsed = parseHeader(header, table);
    const column: Column = { col, header: header || columnLetter(col) };
    if (parsed.key) {
      const id = `${parsed.key}::${parsed.language ?? ''}`;
      if (seen.has(id)) {
        problems.push({
          sheet: sheet.name,
          row: first.row,
          column: header,
          message: `The column "${header}" appears twice; only the first one is read.`,
          fix: 'Delete or rename one of the two columns.',
          severity: 'warning',
        });
      } else {
        seen.add(id);
        column.key = parsed.key;
        if (parsed.language) column.language = parsed.language;
      }
    } else if (keepUnknown && !header.includes('::')) {
      column.key = header.toLowerCase();
    } else {
      problems.push({
        sheet: sheet.name,
        row: first.row,
        column: header,
        message: `The column "${header}" is not used by NMI Workbench; its values are ignored.`,
        severity: 'warning',
      });
    }
    columns.push(column);
  }
  return {
    row: first.row,
    columns,
    find: (key, language) => columns.find((c) => c.key === key && c.language === language),
    languages: (key) => columns.filter((c) => c.key === key).map((c) => c.language),
  };
}

/** A row's trimmed text in a column, '' when blank. */
export function cell(row: SheetRow, column: Column | undefined): string {
  return column ? (row.cells.get(column.col) ?? '').trim() : '';
}
