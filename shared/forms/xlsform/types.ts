/**
 * The `type` column, as pyxform reads it: today's spellings and the older ones the
 * XLSForm tools still accept (`gps`, `imei`, `q int`, `add text prompt`, `select1 L`,
 * `select_one L or_other`), the types we know but do not collect (named so that the
 * question can be left out cleanly), metadata we do not record (left out quietly: a
 * form made for phones asks for a SIM serial that a laptop does not have), and a
 * suggestion for a misspelt type.
 */
import type { QuestionType } from '../model';

export type ParsedType =
  | { kind: 'question'; type: QuestionType; listName?: string; orOther?: boolean }
  | { kind: 'begin'; structure: 'group' | 'repeat' }
  | { kind: 'end'; structure: 'group' | 'repeat' }
  /** A type that pyxform accepts and this app does not collect; `loop` blocks are skipped whole. */
  | { kind: 'unsupported'; type: string; block?: 'begin' | 'end' }
  /** Phone metadata (simserial, audit…): no question, nothing to ask, left out without a word. */
  | { kind: 'metadata'; type: string }
  | { kind: 'unknown'; type: string; suggestion?: string };

/** Every spelling of a type we collect, with the type it is. */
const SIMPLE: Readonly<Record<string, QuestionType>> = {
  text: 'text',
  string: 'text',
  'q string': 'text',
  'add text prompt': 'text',
  integer: 'integer',
  int: 'integer',
  'q int': 'integer',
  'add integer prompt': 'integer',
  decimal: 'decimal',
  'q decimal': 'decimal',
  'add decimal prompt': 'decimal',
  date: 'date',
  'q date': 'date',
  'add date prompt': 'date',
  note: 'note',
  'q note': 'note',
  'add note prompt': 'note',
  calculate: 'calculate',
  'q calculate': 'calculate',
  'add calculate prompt': 'calculate',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
  'q acknowledge': 'acknowledge',
  'add acknowledge prompt': 'acknowledge',
  start: 'start',
  'start time': 'start',
  'get start time': 'start',
  end: 'end',
  'end time': 'end',
  'get end time': 'end',
  today: 'today',
  'get today': 'today',
  deviceid: 'deviceid',
  imei: 'deviceid',
  'device id': 'deviceid',
  'get device id': 'deviceid',
  'uri:deviceid': 'deviceid',
  username: 'username',
  'uri:username': 'username',
};

/** Metadata that pyxform accepts and that a laptop cannot or should not record. */
const QUIET_METADATA = new Set([
  'subscriberid',
  'subscriber id',
  'get subscriber id',
  'uri:subscriberid',
  'simserial',
  'sim id',
  'get sim id',
  'uri:simserial',
  'phonenumber',
  'get phone number',
  'uri:phonenumber',
  'email',
  'uri:email',
  'audit',
  'start-geopoint',
  'background-audio',
  'background-geopoint',
  'hidden',
]);

/** XLSForm types that are real but that this app does not collect. */
export const UNSUPPORTED = new Set([
  'time',
  'datetime',
  'date time',
  'q date time',
  'q datetime',
  'add date time prompt',
  'add datetime prompt',
  'geopoint',
  'gps',
  'location',
  'q location',
  'q geopoint',
  'add location prompt',
  'geotrace',
  'geoshape',
  'image',
  'photo',
  'q image',
  'q picture',
  'add image prompt',
  'add photo prompt',
  'audio',
  'q audio',
  'add audio prompt',
  'video',
  'q video',
  'add video prompt',
  'file',
  'add file prompt',
  'barcode',
  'q barcode',
  'add barcode prompt',
  'range',
  'rank',
  'xml-external',
  'csv-external',
  'phone number',
  'percentage',
  'osm',
  'select_one_from_file',
  'select_multiple_from_file',
  'select one from file',
  'select multiple from file',
  'select_one_external',
  'number of days in last month',
  'number of days in last six months',
  'number of days in last year',
]);

const SELECT_FORMS: readonly [RegExp, 'select_one' | 'select_multiple'][] = [
  [/^select_one\s+(\S+)$/, 'select_one'],
  [/^select one\s+(\S+)$/, 'select_one'],
  [/^select one from\s+(\S+)$/, 'select_one'],
  [/^select one using\s+(\S+)$/, 'select_one'],
  [/^add select one prompt using\s+(\S+)$/, 'select_one'],
  [/^select1\s+(\S+)$/, 'select_one'],
  [/^q select1\s+(\S+)$/, 'select_one'],
  [/^select_multiple\s+(\S+)$/, 'select_multiple'],
  [/^select multiple\s+(\S+)$/, 'select_multiple'],
  [/^select multiple from\s+(\S+)$/, 'select_multiple'],
  [/^select multiple using\s+(\S+)$/, 'select_multiple'],
  [/^add select multiple prompt using\s+(\S+)$/, 'select_multiple'],
  [/^select all that apply from\s+(\S+)$/, 'select_multiple'],
  [/^select all that apply\s+(\S+)$/, 'select_multiple'],
  [/^q select\s+(\S+)$/, 'select_multiple'],
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
  'text',
  'integer',
  'decimal',
  'date',
  'note',
  'calculate',
  'acknowledge',
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
  if (QUIET_METADATA.has(type)) return { kind: 'metadata', type };
  // `begin lgroup` and `begin looped group` are old names of repeats.
  const structure = /^(begin|end)[ _](group|repeat|lgroup|looped group)$/.exec(type);
  if (structure) {
    const [, edge, what] = structure as unknown as [string, 'begin' | 'end', string];
    return { kind: edge, structure: what === 'group' ? 'group' : 'repeat' };
  }
  const loop = /^(begin|end)[ _]loop\b/.exec(type);
  if (loop) return { kind: 'unsupported', type: 'loop', block: loop[1] as 'begin' | 'end' };
  // `select_one L or_other` adds an "Other" choice to L, as pyxform does.
  const orOther = /\sor_other$/.test(type);
  const bare = orOther ? type.replace(/\sor_other$/, '') : type;
  const writtenBare = orOther ? written.trim().replace(/\s+or_other$/i, '') : written.trim();
  const head = bare.split(' ')[0] ?? bare;
  if (UNSUPPORTED.has(bare) || UNSUPPORTED.has(head)) return { kind: 'unsupported', type: bare };
  for (const [pattern, select] of SELECT_FORMS) {
    // The list name keeps its case: lists are matched exactly, as in pyxform.
    if (pattern.test(bare)) {
      const listName = writtenBare.split(/\s+/).at(-1);
      return {
        kind: 'question',
        type: select,
        ...(listName ? { listName } : {}),
        ...(orOther ? { orOther } : {}),
      };
    }
  }
  // A select without its list: reported by the survey reader, which knows the row.
  if (bare === 'select_one' || bare === 'select_multiple')
    return { kind: 'question', type: bare, listName: '' };
  const candidates = KNOWN_WORDS.map((word) => ({ word, d: distance(head, word) })).sort((a, b) => a.d - b.d);
  const best = candidates[0];
  // Only a near miss of a reasonably long word is a suggestion ("txt" is text; "gis" is nothing).
  const near = best && best.d <= (head.length >= 6 ? 2 : 1);
  return near ? { kind: 'unknown', type, suggestion: best.word } : { kind: 'unknown', type };
}
