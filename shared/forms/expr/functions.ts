/**
 * The functions an expression may call. Each declares its arity so the importer can
 * report a wrong call with its position, before anyone fills in the form.
 */
import { isNodeSet, toBoolean, toNumber, toStringValue, type Scalar, type Value } from './values';

export interface FunctionContext {
  /** The value of `.` (functions such as string-length() default to it). */
  self(): Value;
  now(): Date;
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
};
