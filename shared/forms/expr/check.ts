/**
 * Static checks of an expression, run by the importer so that every mistake is found
 * with its position before the form is used: syntax, unknown functions, wrong number
 * of arguments, list functions given a non-reference, invalid regex literals.
 */
import { compileRegex, functions, UNEVALUATED } from './functions';
import { parseExpression, type Expr } from './parser';
import { ExpressionError } from './tokenizer';

export interface ExpressionIssue {
  message: string;
  /** 0-based position in the source. */
  pos: number;
  fix?: string;
  /** A warning does not keep the form from being imported. */
  warning?: boolean;
}

export interface ExpressionRef {
  name: string;
  pos: number;
}

export interface CheckedExpression {
  expr?: Expr;
  refs: ExpressionRef[];
  issues: ExpressionIssue[];
}

export interface CheckOptions {
  /** choice_filter expressions may name the choices sheet's columns (e.g. `country = ${country}`). */
  allowColumns?: boolean;
}

/** Names people write from other languages or older tools, and what we accept instead. */
const LIKELY: Readonly<Record<string, string>> = {
  count_selected: 'count-selected',
  countselected: 'count-selected',
  string_length: 'string-length',
  length: 'string-length',
  iif: 'if',
  ifelse: 'if',
};

/** The children of a node, for walking the tree. */
export function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'negate':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'call':
      return expr.args;
    default:
      return [];
  }
}

/** Edit distance, for suggesting the function a typo most likely meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The function a misspelt name most likely meant: a known alias, a different case, or a
 * near miss of a long enough name. Short names are only matched one letter off, so that
 * an unknown `cosh()` is never told to "use not()".
 */
function nearestFunction(name: string): string | undefined {
  const lower = name.toLowerCase();
  const alias = LIKELY[lower];
  if (alias) return alias;
  if (functions[lower]) return lower;
  let best: { name: string; d: number } | undefined;
  const candidates = [...Object.keys(functions).map((n) => [n, n]), ...Object.entries(LIKELY)];
  for (const [written, meant] of candidates) {
    const d = distance(lower, written as string);
    const allowed = Math.min(lower.length, (written as string).length) >= 6 ? 2 : 1;
    if (d <= allowed && d < lower.length / 2 && (!best || d < best.d)) best = { name: meant as string, d };
  }
  return best?.name;
}

function checkCall(expr: Extract<Expr, { kind: 'call' }>, issues: ExpressionIssue[]): void {
  const fn = functions[expr.name];
  if (!fn && UNEVALUATED.has(expr.name)) {
    issues.push({
      message: `${expr.name}() needs what only ODK Collect has (such as attached files or the phone's location); here it gives an empty answer`,
      pos: expr.pos,
      warning: true,
    });
    return;
  }
  if (!fn) {
    const hint = nearestFunction(expr.name);
    issues.push({
      message: `Unknown function ${expr.name}()`,
      pos: expr.pos,
      fix: hint
        ? `Use ${hint}()`
        : 'Check the name against the list of XLSForm functions (ODK XForms specification).',
    });
    return;
  }
  const n = expr.args.length;
  if (n < fn.min || n > fn.max) {
    const wanted =
      fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`;
    issues.push({
      message: `${expr.name}() takes ${wanted} argument${wanted === '1' ? '' : 's'}, not ${n}`,
      pos: expr.pos,
    });
  }
  for (const index of fn.listArgs ?? []) {
    const a = expr.args[index];
    if (a && a.kind !== 'ref') {
      issues.push({
        message: `${expr.name}() needs a reference to a question, such as \${name}`,
        pos: a.pos,
      });
    }
  }
  const pattern = expr.args[1];
  if (expr.name === 'regex' && pattern?.kind === 'string' && compileRegex(pattern.value) === null) {
    issues.push({ message: `The regular expression '${pattern.value}' is not valid`, pos: pattern.pos });
  }
}

export function checkExpression(source: string, options: CheckOptions = {}): CheckedExpression {
  let expr: Expr;
  try {
    expr = parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError)
      return { refs: [], issues: [{ message: error.message, pos: error.pos }] };
    throw error;
  }
  const refs: ExpressionRef[] = [];
  const issues: ExpressionIssue[] = [];
  const visit = (node: Expr): void => {
    if (node.kind === 'ref') refs.push({ name: node.name, pos: node.pos });
    if (node.kind === 'call') checkCall(node, issues);
    if (node.kind === 'column' && !options.allowColumns) {
      issues.push({
        message: `"${node.name}" is not understood here`,
        pos: node.pos,
        fix: `Write \${${node.name}} to use an answer, or '${node.name}' for the text itself`,
      });
    }
    children(node).forEach(visit);
  };
  visit(expr);
  return { expr, refs, issues };
}

const compiled = new Map<string, Expr | null>();

/**
 * The parsed form of an expression, cached by its source so the form rules can be
 * run on every keystroke. A source that does not parse gives null.
 */
export function compileExpression(source: string): Expr | null {
  let expr = compiled.get(source);
  if (expr === undefined) {
    try {
      expr = parseExpression(source);
    } catch {
      expr = null;
    }
    if (compiled.size > 5000) compiled.clear();
    compiled.set(source, expr);
  }
  return expr;
}

/** The ${references} in a text such as a label (`Total staff: ${staff_total}`). */
export function textRefs(text: string): ExpressionRef[] {
  return [...text.matchAll(/\$\{\s*([^}]*?)\s*\}/g)].map((m) => ({ name: m[1] ?? '', pos: m.index }));
}
