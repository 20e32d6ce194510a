/**
 * The functions an expression may call. Each declares its arity so the importer can
 * report a wrong call with its position, before anyone fills in the form.
 */
import { isNodeSet, toBoolean, toNumber, toStringValue, type Scalar, type Value } from './values';

export interface FunctionContext {
  /** The value of `.` (functions such as string-length() default to it). */
  self(): Value;
  now(): Date;
  /** jr:choice-name(): the label of a choice of the question `${name}` refers to. */
  choiceLabel?(value: string, question: string): string;
  /** position(..): the 1-based number of the repeat instance the expression is in. */
  position?(): number;
}

export interface FunctionDef {
  min: number;
  /** Infinity for variadic functions. */
  max: number;
  /** Arguments (by index) that must be a ${reference}, because the function reads a list. */
  listArgs?: readonly number[];
  call(args: readonly Value[], ctx: FunctionContext): Value;
}

function nodes(value: Value): readonly Scalar[] {
  return isNodeSet(value) ? value.nodes : [value];
}

function arg(args: readonly Value[], index: number, ctx: FunctionContext): Value {
  return args[index] ?? ctx.self();
}

/** The items of a select_multiple answer: XLSForm stores them space-separated. */
function selections(value: Value): string[] {
  return toStringValue(value).split(/\s+/).filter(Boolean);
}

const regexCache = new Map<string, RegExp | null>();

/** Compiles a user's pattern once; an invalid one is null (and reported by the importer). */
export function compileRegex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local calendar date, as the person filling in the form sees it. */
export function localDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function roundTo(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  if (places === 0 || Number.isNaN(places)) return Math.floor(x + 0.5); // XPath round(): half up
  const factor = 10 ** Math.trunc(places);
  // Half away from zero, with binary noise removed first (1.005 * 100 = 100.49999…).
  return (Math.sign(x) * Math.round(Number((Math.abs(x) * factor).toPrecision(15)))) / factor;
}

function extreme(args: readonly Value[], pick: (a: number, b: number) => number): number {
  const all = args.flatMap(nodes).map(toNumber);
  if (all.length === 0) return NaN;
  return all.reduce((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : pick(a, b)));
}

const math = (f: (x: number) => number): FunctionDef => ({
  min: 1,
  max: 1,
  call: ([a]) => f(toNumber(a as Value)),
});

/** ODK's date(): days since 1970 or a date text, as a YYYY-MM-DD date. */
function asDate(value: Value): string {
  const n = toNumber(value);
  if (Number.isNaN(n)) return '';
  const date = new Date(Math.floor(n) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ODK's format-date(): %Y %y %m %n %b %d %e %a; other letters as written. */
function formatDate(value: Value, format: string): string {
  const text = toStringValue(value);
  const n = toNumber(value);
  const date = /^\d{4}-\d{2}-\d{2}/.test(text)
    ? new Date(`${text.slice(0, 10)}T00:00:00Z`)
    : Number.isNaN(n)
      ? undefined
      : new Date(Math.floor(n) * 86_400_000);
  if (!date || Number.isNaN(date.getTime())) return '';
  const parts: Record<string, string> = {
    Y: String(date.getUTCFullYear()),
    y: pad(date.getUTCFullYear() % 100),
    m: pad(date.getUTCMonth() + 1),
    n: String(date.getUTCMonth() + 1),
    b: MONTHS[date.getUTCMonth()] ?? '',
    d: pad(date.getUTCDate()),
    e: String(date.getUTCDate()),
    a: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()] ?? '',
  };
  return format.replace(/%([A-Za-z])/g, (all, letter: string) => parts[letter] ?? all);
}

function randomId(): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

/**
 * ODK functions that need what a laptop's form does not have (external CSV files, maps,
 * signatures): accepted, reported once as a warning, and evaluated as empty.
 */
export const UNEVALUATED = new Set([
  'pulldata',
  'digest',
  'randomize',
  'area',
  'distance',
  'geofence',
  'base64-decode',
  'extract-signed',
  'instance',
  'current',
  'version',
  'property',
]);

export const functions: Readonly<Record<string, FunctionDef>> = {
  true: { min: 0, max: 0, call: () => true },
  false: { min: 0, max: 0, call: () => false },
  not: { min: 1, max: 1, call: ([a]) => !toBoolean(a as Value) },
  boolean: { min: 1, max: 1, call: ([a]) => toBoolean(a as Value) },
  string: { min: 0, max: 1, call: (args, ctx) => toStringValue(arg(args, 0, ctx)) },
  number: { min: 0, max: 1, call: (args, ctx) => toNumber(arg(args, 0, ctx)) },
  int: { min: 1, max: 1, call: ([a]) => Math.trunc(toNumber(a as Value)) },
  round: {
    min: 1,
    max: 2,
    call: ([a, places]) => roundTo(toNumber(a as Value), places === undefined ? 0 : toNumber(places)),
  },
  floor: { min: 1, max: 1, call: ([a]) => Math.floor(toNumber(a as Value)) },
  ceiling: { min: 1, max: 1, call: ([a]) => Math.ceil(toNumber(a as Value)) },
  abs: { min: 1, max: 1, call: ([a]) => Math.abs(toNumber(a as Value)) },
  selected: {
    min: 2,
    max: 2,
    call: ([list, value]) => selections(list as Value).includes(toStringValue(value as Value).trim()),
  },
  'count-selected': { min: 1, max: 1, call: ([list]) => selections(list as Value).length },
  'string-length': { min: 0, max: 1, call: (args, ctx) => toStringValue(arg(args, 0, ctx)).length },
  'normalize-space': {
    min: 0,
    max: 1,
    call: (args, ctx) =>
      toStringValue(arg(args, 0, ctx))
        .trim()
        .replace(/\s+/g, ' '),
  },
  concat: { min: 0, max: Infinity, call: (args) => args.map(toStringValue).join('') },
  join: {
    min: 2,
    max: 2,
    listArgs: [1],
    call: ([sep, list]) =>
      nodes(list as Value)
        .map(toStringValue)
        .join(toStringValue(sep as Value)),
  },
  contains: {
    min: 2,
    max: 2,
    call: ([a, b]) => toStringValue(a as Value).includes(toStringValue(b as Value)),
  },
  'starts-with': {
    min: 2,
    max: 2,
    call: ([a, b]) => toStringValue(a as Value).startsWith(toStringValue(b as Value)),
  },
  'ends-with': {
    min: 2,
    max: 2,
    call: ([a, b]) => toStringValue(a as Value).endsWith(toStringValue(b as Value)),
  },
  substr: {
    min: 2,
    max: 3,
    // ODK's substr: 0-based start, exclusive end.
    call: ([s, start, end]) =>
      toStringValue(s as Value).slice(
        toNumber(start as Value),
        end === undefined ? undefined : toNumber(end),
      ),
  },
  if: { min: 3, max: 3, call: ([c, a, b]) => (toBoolean(c as Value) ? (a as Value) : (b as Value)) },
  coalesce: {
    min: 2,
    max: 2,
    call: ([a, b]) => (toStringValue(a as Value) !== '' ? (a as Value) : (b as Value)),
  },
  regex: {
    min: 2,
    max: 2,
    call: ([s, pattern]) =>
      compileRegex(toStringValue(pattern as Value))?.test(toStringValue(s as Value)) ?? false,
  },
  today: { min: 0, max: 0, call: (_args, ctx) => localDate(ctx.now()) },
  now: { min: 0, max: 0, call: (_args, ctx) => ctx.now().toISOString() },
  sum: {
    min: 1,
    max: 1,
    listArgs: [0],
    call: ([list]) => nodes(list as Value).reduce<number>((total, node) => total + toNumber(node), 0),
  },
  count: { min: 1, max: 1, listArgs: [0], call: ([list]) => nodes(list as Value).length },
  max: { min: 1, max: Infinity, call: (args) => extreme(args, Math.max) },
  min: { min: 1, max: Infinity, call: (args) => extreme(args, Math.min) },
  // XPath 3 math, as ODK has them.
  pow: {
    min: 2,
    max: 2,
    call: ([a, b]) => Math.pow(toNumber(a as Value), toNumber(b as Value)),
  },
  sqrt: math(Math.sqrt),
  exp: math(Math.exp),
  exp10: math((x) => Math.pow(10, x)),
  log: math(Math.log),
  log10: math(Math.log10),
  sin: math(Math.sin),
  cos: math(Math.cos),
  tan: math(Math.tan),
  asin: math(Math.asin),
  acos: math(Math.acos),
  atan: math(Math.atan),
  atan2: {
    min: 2,
    max: 2,
    call: ([y, x]) => Math.atan2(toNumber(y as Value), toNumber(x as Value)),
  },
  pi: { min: 0, max: 0, call: () => Math.PI },
  random: { min: 0, max: 0, call: () => Math.random() },
  position: { min: 0, max: 1, call: (_args, ctx) => ctx.position?.() ?? NaN },
  uuid: { min: 0, max: 1, call: () => randomId() },
  once: {
    min: 1,
    max: 1,
    call: ([a], ctx) => (toStringValue(ctx.self()) !== '' ? ctx.self() : (a as Value)),
  },
  'boolean-from-string': {
    min: 1,
    max: 1,
    call: ([a]) => ['true', '1'].includes(toStringValue(a as Value).trim()),
  },
  'selected-at': {
    min: 2,
    max: 2,
    call: ([list, index]) => selections(list as Value)[toNumber(index as Value)] ?? '',
  },
  'count-non-empty': {
    min: 1,
    max: 1,
    listArgs: [0],
    call: ([list]) => nodes(list as Value).filter((n) => toStringValue(n) !== '').length,
  },
  'indexed-repeat': {
    min: 3,
    max: Infinity,
    call: ([list, , index]) => nodes(list as Value)[toNumber(index as Value) - 1] ?? '',
  },
  'jr:choice-name': {
    min: 2,
    max: 2,
    call: ([value, question], ctx) =>
      ctx.choiceLabel?.(toStringValue(value as Value), toStringValue(question as Value)) ?? '',
  },
  'substring-before': {
    min: 2,
    max: 2,
    call: ([a, b]) => {
      const s = toStringValue(a as Value);
      const at = s.indexOf(toStringValue(b as Value));
      return at < 0 ? '' : s.slice(0, at);
    },
  },
  'substring-after': {
    min: 2,
    max: 2,
    call: ([a, b]) => {
      const s = toStringValue(a as Value);
      const t = toStringValue(b as Value);
      const at = s.indexOf(t);
      return at < 0 ? '' : s.slice(at + t.length);
    },
  },
  translate: {
    min: 3,
    max: 3,
    call: ([a, from, to]) => {
      const source = toStringValue(from as Value);
      const target = toStringValue(to as Value);
      return [...toStringValue(a as Value)]
        .map((ch) => {
          const at = source.indexOf(ch);
          return at < 0 ? ch : (target[at] ?? '');
        })
        .join('');
    },
  },
  date: { min: 1, max: 1, call: ([a]) => asDate(a as Value) },
  'decimal-date-time': { min: 1, max: 1, call: ([a]) => toNumber(a as Value) },
  'format-date': {
    min: 2,
    max: 2,
    call: ([a, f]) => formatDate(a as Value, toStringValue(f as Value)),
  },
  checklist: {
    min: 3,
    max: Infinity,
    call: ([lo, hi, ...rest]) => {
      const yes = rest.flatMap(nodes).filter((v) => toBoolean(v)).length;
      const min = toNumber(lo as Value);
      const max = toNumber(hi as Value);
      return (min < 0 || yes >= min) && (max < 0 || yes <= max);
    },
  },
};
