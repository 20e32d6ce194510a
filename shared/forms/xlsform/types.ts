/**
 * The `type` column: today's spellings and the older ones the XLSForm tools still
 * accept, the types we know but do not support (so they can be named and left out),
 * and a suggestion for a misspelt type.
 */
import type { QuestionType } from '../model';

export type ParsedType =
  | { kind: 'question'; type: QuestionType; listName?: string }
  | { kind: 'begin'; structure: 'group' | 'repeat' }
  | { kind: 'end'; structure: 'group' | 'repeat' }
  | { kind: 'unsupported'; type: string }
  | { kind: 'unknown'; type: string; suggestion?: string };

const SIMPLE: Readonly<Record<string, QuestionType>> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  note: 'note',
  'add note prompt': 'note',
  calculate: 'calculate',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
  start: 'start',
  end: 'end',
  today: 'today',
  deviceid: 'deviceid',
  imei: 'deviceid',
  username: 'username',
};

/** XLSForm types that are real but that this app does not collect. */
export const UNSUPPORTED = new Set([
  'time',
  'datetime',
  'geopoint',
  'geotrace',
  'geoshape',
  'image',
  'audio',
  'video',
  'background-audio',
  'file',
  'barcode',
  'range',
  'rank',
  'hidden',
  'xml-external',
  'csv-external',
  'audit',
  'email',
  'phonenumber',
  'simserial',
  'subscriberid',
  'start-geopoint',
  'select_one_from_file',
  'select_multiple_from_file',
  'select_one_external',
  'begin loop',
  'end loop',
]);

const SELECT_FORMS: readonly [RegExp, 'select_one' | 'select_multiple'][] = [
  [/^select_one\s+(\S+)$/, 'select_one'],
  [/^select one\s+(\S+)$/, 'select_one'],
  [/^select one from\s+(\S+)$/, 'select_one'],
  [/^select1\s+(\S+)$/, 'select_one'],
  [/^select_multiple\s+(\S+)$/, 'select_multiple'],
  [/^select multiple\s+(\S+)$/, 'select_multiple'],
  [/^select all that apply from\s+(\S+)$/, 'select_multiple'],
  [/^select all that apply\s+(\S+)$/, 'select_multiple'],
];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

const KNOWN_WORDS = [
  ...Object.keys(SIMPLE),
  'select_one',
  'select_multiple',
  'begin group',
  'end group',
  'begin repeat',
  'end repeat',
];

export function parseType(written: string): ParsedType {
  // `begin_group` and `begin  group` are both seen in real forms.
  const type = written.trim().toLowerCase().replace(/\s+/g, ' ');
  const simple = SIMPLE[type];
  if (simple) return { kind: 'question', type: simple };
  const structure = /^(begin|end)[ _](group|repeat)$/.exec(type);
  if (structure) {
    const [, edge, what] = structure as unknown as [string, 'begin' | 'end', 'group' | 'repeat'];
    return { kind: edge, structure: what };
  }
  const head = type.split(' ')[0] ?? type;
  if (UNSUPPORTED.has(type) || UNSUPPORTED.has(head)) return { kind: 'unsupported', type };
  // `or_other` adds a free-text choice that older tools generate; we do not.
  if (/\sor_other$/.test(type)) return { kind: 'unsupported', type };
  for (const [pattern, select] of SELECT_FORMS) {
    // The list name keeps its case: lists are matched exactly, as in pyxform.
    if (pattern.test(type))
      return { kind: 'question', type: select, listName: written.trim().split(/\s+/).at(-1) };
  }
  // A select without its list: reported by the survey reader, which knows the row.
  if (type === 'select_one' || type === 'select_multiple') return { kind: 'question', type, listName: '' };
  const candidates = KNOWN_WORDS.map((word) => ({ word, d: distance(head, word) })).sort((a, b) => a.d - b.d);
  const best = candidates[0];
  return best && best.d <= 2 ? { kind: 'unknown', type, suggestion: best.word } : { kind: 'unknown', type };
}
