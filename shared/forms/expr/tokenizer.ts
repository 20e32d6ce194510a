/**
 * Tokenizer for the XLSForm expression subset (XPath 1.0 with `${name}` references).
 * Positions are 0-based offsets into the source; reports add 1 for people.
 */

export type TokenKind =
  | 'number'
  | 'string'
  | 'ref' // ${name}
  | 'dot' // .
  | 'name' // function names and, in choice filters, choice columns
  | 'op' // + - * = != < <= > >= and the operator names div mod and or
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

export class ExpressionError extends Error {
  constructor(
    message: string,
    /** 0-based offset into the expression. */
    readonly pos: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const OPERATOR_NAMES = new Set(['and', 'or', 'div', 'mod']);
const NAME_START = /[A-Za-z_]/;
// XPath names may contain - and . (count-selected, string-length) and a prefix (jr:choice-name).
const NAME_CHAR = /[A-Za-z0-9_.:-]/;
const REF_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Quotes that word processors and spreadsheets substitute; XLSForm tools accept them. */
export function normaliseQuotes(source: string): string {
  return source.replace(/[\u2018\u2019\u201A\u2032]/g, "'").replace(/[\u201C\u201D\u201E\u2033]/g, '"');
}

/** An operand just ended, so `*`, `div`, `mod`, `and`, `or` are operators here (XPath 1.0, 3.7). */
function afterOperand(previous: Token | undefined): boolean {
  if (!previous) return false;
  return ['number', 'string', 'ref', 'dot', 'rparen', 'name'].includes(previous.kind);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, pos: number): void => {
    tokens.push({ kind, text, pos });
  };
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (ch === '$') {
      if (source.charAt(i + 1) !== '{')
        throw new ExpressionError('A $ must start a reference such as ${age}', i);
      const close = source.indexOf('}', i + 2);
      if (close < 0) throw new ExpressionError('This ${ is never closed with }', i);
      const name = source.slice(i + 2, close).trim();
      if (!REF_NAME.test(name)) throw new ExpressionError(`"\${${name}}" is not a valid question name`, i);
      push('ref', name, start);
      i = close + 1;
    } else if (ch === "'" || ch === '"') {
      const close = source.indexOf(ch, i + 1);
      if (close < 0) throw new ExpressionError(`This text is never closed with ${ch}`, i);
      push('string', source.slice(i + 1, close), start);
      i = close + 1;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source.charAt(i + 1)))) {
      const match = /^[0-9]*\.?[0-9]*/.exec(source.slice(i));
      const text = match?.[0] ?? ch;
      push('number', text, start);
      i += text.length;
    } else if (ch === '.') {
      // `..` is the enclosing group or repeat instance, as in ODK's position(..).
      const text = source.charAt(i + 1) === '.' ? '..' : '.';
      push('dot', text, start);
      i += text.length;
    } else if (ch === '/' && /[A-Za-z_]/.test(source.charAt(i + 1))) {
      // An absolute path (/data/group/age), as older forms write references: the question's name.
      const match = /^(\/[A-Za-z_][A-Za-z0-9_.-]*)+/.exec(source.slice(i));
      const path = match?.[0] ?? '';
      const segments = path.split('/').filter(Boolean);
      if (segments.length < 2) throw new ExpressionError(`Unexpected character "${ch}"`, i);
      push('ref', segments.at(-1) ?? '', start);
      i += path.length;
    } else if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && NAME_CHAR.test(source.charAt(end))) end += 1;
      // A trailing "-" or "." belongs to the next token (as in `a -1`), not to the name.
      while (/[-.:]/.test(source.charAt(end - 1))) end -= 1;
      const text = source.slice(i, end);
      const isOperator = OPERATOR_NAMES.has(text) && afterOperand(tokens.at(-1));
      push(isOperator ? 'op' : 'name', text, start);
      i = end;
    } else if (ch === '!' || ch === '<' || ch === '>') {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        push('op', two, start);
        i += 2;
      } else if (ch === '!') {
        throw new ExpressionError('"!" must be followed by "=" (use not(...) to negate)', i);
      } else {
        push('op', ch, start);
        i += 1;
      }
    } else if ('+-*='.includes(ch)) {
      push('op', ch, start);
      i += 1;
    } else if (ch === '(') {
      push('lparen', ch, start);
      i += 1;
    } else if (ch === ')') {
      push('rparen', ch, start);
      i += 1;
    } else if (ch === ',') {
      push('comma', ch, start);
      i += 1;
    } else if (ch === '&' && source.startsWith('&&', i)) {
      throw new ExpressionError('Use "and" instead of "&&"', i);
    } else if (ch === '|' && source.startsWith('||', i)) {
      throw new ExpressionError('Use "or" instead of "||"', i);
    } else {
      throw new ExpressionError(`Unexpected character "${ch}"`, i);
    }
  }
  push('end', '', source.length);
  return tokens;
}
