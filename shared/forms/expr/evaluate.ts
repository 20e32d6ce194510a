/**
 * Evaluates a parsed expression against a context that resolves references. Pure and
 * total: a type mismatch gives NaN or false as XPath does, never an exception, so a
 * half-filled draft can always be evaluated.
 */
import { functions, type FunctionContext } from './functions';
import type { Expr } from './parser';
import { compare, toBoolean, toNumber, type Value } from './values';

export interface EvalContext extends FunctionContext {
  /** The value of `${name}`: a scalar, or a node-set for answers inside repeats. */
  resolve(name: string): Value;
  /** A bare name: the current choice's column, in a choice_filter. Absent elsewhere. */
  column?(name: string): Value;
}

function arithmetic(op: '+' | '-' | '*' | 'div' | 'mod', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case 'div':
      return a / b;
    case 'mod':
      return a % b;
  }
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case 'number':
    case 'string':
      return expr.value;
    case 'ref':
      return ctx.resolve(expr.name);
    case 'self':
      return expr.parent ? '' : ctx.self();
    case 'column':
      return ctx.column ? ctx.column(expr.name) : '';
    case 'negate':
      return -toNumber(evaluate(expr.operand, ctx));
    case 'call': {
      const fn = functions[expr.name];
      // The importer rejects unknown functions; a hand-made template still must not throw.
      if (!fn) return '';
      return fn.call(
        expr.args.map((a) => evaluate(a, ctx)),
        ctx,
      );
    }
    case 'binary': {
      const { op } = expr;
      if (op === 'and') return toBoolean(evaluate(expr.left, ctx)) && toBoolean(evaluate(expr.right, ctx));
      if (op === 'or') return toBoolean(evaluate(expr.left, ctx)) || toBoolean(evaluate(expr.right, ctx));
      const left = evaluate(expr.left, ctx);
      const right = evaluate(expr.right, ctx);
      if (op === '+' || op === '-' || op === '*' || op === 'div' || op === 'mod') {
        return arithmetic(op, toNumber(left), toNumber(right));
      }
      return compare(op, left, right);
    }
  }
}

/** Evaluates for a yes/no rule (relevant, constraint, required, read_only). */
export function evaluateBoolean(expr: Expr, ctx: EvalContext): boolean {
  return toBoolean(evaluate(expr, ctx));
}
