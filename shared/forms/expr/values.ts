/**
 * Values and conversions with XPath 1.0 semantics, as ODK's JavaRosa applies them:
 * a reference to one answer is unpacked to that answer's value (so an empty answer is
 * false and NaN as a number), while a reference into a repeat from outside it is a
 * node-set (a list) that comparisons treat existentially.
 */
import type { AnswerValue } from '../../docs/response/schema';

export type Scalar = string | number | boolean;

/** The values of the answers a reference points to (one per repeat instance). */
export interface NodeSet {
  readonly nodes: readonly Scalar[];
}

export type Value = Scalar | NodeSet;

export function isNodeSet(value: Value): value is NodeSet {
  return typeof value === 'object';
}

/** A stored answer as an expression value: no answer is the empty string, lists are space-separated. */
export function answerToScalar(value: AnswerValue | undefined): Scalar {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  return value;
}

function unpack(value: Value): Value {
  return isNodeSet(value) && value.nodes.length === 1 ? (value.nodes[0] as Scalar) : value;
}

export function toBoolean(value: Value): boolean {
  const v = unpack(value);
  if (isNodeSet(v)) return v.nodes.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * XPath number(): decimal notation only (no exponents or hex). A date (YYYY-MM-DD)
 * becomes days since 1970-01-01, as JavaRosa does, so `${visit} > today()` works.
 */
export function toNumber(value: Value): number {
  const v = unpack(value);
  if (isNodeSet(v)) return v.nodes.length === 0 ? NaN : toNumber(v.nodes[0] as Scalar);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = v.trim();
  if (NUMBER_TEXT.test(text)) return Number(text);
  const date = DATE_TEXT.exec(text);
  if (date) return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) / DAY_MS;
  return NaN;
}

export function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(n, -0)) return '0';
  // Round away binary noise (0.1 + 0.2) the way people expect to read it.
  return String(Number(n.toPrecision(15)));
}

export function toStringValue(value: Value): string {
  const v = unpack(value);
  if (isNodeSet(v)) return v.nodes.length === 0 ? '' : toStringValue(v.nodes[0] as Scalar);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return numberToString(v);
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

function compareScalars(op: ComparisonOp, a: Scalar, b: Scalar): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') equal = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') equal = toNumber(a) === toNumber(b);
    else equal = a === b;
    return op === '=' ? equal : !equal;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/** XPath 1.0 comparison (3.4): a node-set compares true if any of its nodes does. */
export function compare(op: ComparisonOp, left: Value, right: Value): boolean {
  const a = unpack(left);
  const b = unpack(right);
  if (isNodeSet(a) || isNodeSet(b)) {
    if (typeof a === 'boolean' || typeof b === 'boolean') {
      return compareScalars(op, toBoolean(a), toBoolean(b));
    }
    const as = isNodeSet(a) ? a.nodes : [a];
    const bs = isNodeSet(b) ? b.nodes : [b];
    return as.some((x) => bs.some((y) => compareScalars(op, x, y)));
  }
  return compareScalars(op, a, b);
}
