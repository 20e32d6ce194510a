/**
 * Recursive-descent parser for the XLSForm expression subset, with XPath 1.0's
 * precedence: or < and < = != < < <= > >= < + - < * div mod < unary - < primary.
 */
import { ExpressionError, normaliseQuotes, tokenize, type Token } from './tokenizer';

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export type Expr =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'ref'; name: string; pos: number }
  /** `.`, or with `parent` the enclosing instance (`..`, only meaningful in position(..)). */
  | { kind: 'self'; pos: number; parent?: true }
  /** A bare name: a column of the choices sheet, only meaningful in a choice_filter. */
  | { kind: 'column'; name: string; pos: number }
  | { kind: 'negate'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; pos: number };

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    // tokenize() always ends with an 'end' token, so the last element exists.
    return this.tokens[this.index] ?? (this.tokens.at(-1) as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  parseAll(): Expr {
    if (this.peek().kind === 'end') throw new ExpressionError('The expression is empty', 0);
    const expr = this.binary(0);
    const rest = this.peek();
    if (rest.kind !== 'end') {
      throw new ExpressionError(
        `Unexpected "${rest.text}": an operator or a closing ")" may be missing`,
        rest.pos,
      );
    }
    return expr;
  }

  private binary(level: number): Expr {
    const ops = LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const op = ops.find((candidate) => token.kind === 'op' && token.text === candidate);
      if (!op) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right, pos: token.pos };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === 'op' && token.text === '-') {
      this.next();
      return { kind: 'negate', operand: this.unary(), pos: token.pos };
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.text), pos: token.pos };
      case 'string':
        return { kind: 'string', value: token.text, pos: token.pos };
      case 'ref':
        return { kind: 'ref', name: token.text, pos: token.pos };
      case 'dot':
        return token.text === '..'
          ? { kind: 'self', pos: token.pos, parent: true }
          : { kind: 'self', pos: token.pos };
      case 'lparen': {
        const inner = this.binary(0);
        this.expect('rparen', 'A ")" is missing');
        return inner;
      }
      case 'name':
        if (this.peek().kind === 'lparen') return this.call(token);
        return { kind: 'column', name: token.text, pos: token.pos };
      case 'end':
        throw new ExpressionError('The expression ends too early: a value is missing', token.pos);
      default:
        throw new ExpressionError(`Unexpected "${token.text}": a value is expected here`, token.pos);
    }
  }

  private call(name: Token): Expr {
    this.next(); // (
    const args: Expr[] = [];
    if (this.peek().kind !== 'rparen') {
      args.push(this.binary(0));
      while (this.peek().kind === 'comma') {
        this.next();
        args.push(this.binary(0));
      }
    }
    this.expect('rparen', `A ")" is missing to close ${name.text}(`);
    return { kind: 'call', name: name.text, args, pos: name.pos };
  }

  private expect(kind: Token['kind'], message: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw new ExpressionError(message, token.pos);
    this.next();
  }
}

/** Parses an expression; throws ExpressionError with the 0-based position on a syntax error. */
export function parseExpression(source: string): Expr {
  return new Parser(tokenize(normaliseQuotes(source))).parseAll();
}
