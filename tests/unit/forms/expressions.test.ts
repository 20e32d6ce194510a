import { describe, expect, it } from 'vitest';
import { checkExpression } from '@shared/forms/expr/check';
import { evaluate, evaluateBoolean, type EvalContext } from '@shared/forms/expr/evaluate';
import { parseExpression } from '@shared/forms/expr/parser';
import { toStringValue, type Scalar, type Value } from '@shared/forms/expr/values';

type Answers = Record<string, Scalar | Scalar[]>;

function context(answers: Answers, self: Scalar = '', columns: Record<string, Scalar> = {}): EvalContext {
  return {
    resolve: (name) => {
      const value = answers[name];
      if (value === undefined) return '';
      return Array.isArray(value) ? { nodes: value } : value;
    },
    self: () => self,
    now: () => new Date(2026, 10, 24, 10, 30),
    column: (name) => columns[name] ?? '',
  };
}

const run = (source: string, answers: Answers = {}, self: Scalar = ''): Value =>
  evaluate(parseExpression(source), context(answers, self));
const text = (source: string, answers: Answers = {}, self: Scalar = ''): string =>
  toStringValue(run(source, answers, self));
const yes = (source: string, answers: Answers = {}, self: Scalar = ''): boolean =>
  evaluateBoolean(parseExpression(source), context(answers, self));

describe('expressions', () => {
  it('does arithmetic with XPath precedence, div and mod', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('7 div 2')).toBe(3.5);
    expect(run('7 mod 3')).toBe(1);
    expect(run('-2 - -3')).toBe(1);
    expect(text('0.1 + 0.2')).toBe('0.3');
    expect(text('1 div 0')).toBe('Infinity');
    expect(Number.isNaN(run("'abc' + 1"))).toBe(true);
  });

  it('compares numbers with numbers and text with text, as XPath does', () => {
    expect(yes('${age} >= 18 and ${age} <= 120', { age: '42' })).toBe(true);
    expect(yes('${age} >= 18', { age: '9' })).toBe(false);
    // Text that looks like a number compares as a number against a number.
    expect(yes('${n} = 3', { n: '3.0' })).toBe(true);
    expect(yes("${name} = 'Ana'", { name: 'Ana' })).toBe(true);
    expect(yes("${name} != ''", { name: '' })).toBe(false);
    // An empty answer is NaN in a numeric comparison, so neither < nor >= holds.
    expect(yes('${n} < 5', {})).toBe(false);
    expect(yes('${n} >= 5', {})).toBe(false);
    expect(yes("${d} > '2026-01-01'", { d: '2026-03-01' })).toBe(true);
  });

  it('runs the XLSForm spec examples for relevant and constraint', () => {
    expect(yes('. >= 18 and . <= 120', {}, '30')).toBe(true);
    expect(yes('. >= 18 and . <= 120', {}, '130')).toBe(false);
    expect(yes("${has_child} = 'yes'", { has_child: 'yes' })).toBe(true);
    expect(yes("selected(${colors}, 'red')", { colors: 'red blue' })).toBe(true);
    expect(yes("selected(${colors}, 'green')", { colors: 'red blue' })).toBe(false);
    expect(yes("not(selected(${colors}, 'red'))", { colors: 'blue' })).toBe(true);
    expect(yes('count-selected(${colors}) <= 2', { colors: 'red blue yellow' })).toBe(false);
    expect(yes("regex(., '^[A-Z]{2}[0-9]{4}$')", {}, 'AB1234')).toBe(true);
    expect(yes("regex(., '^[A-Z]{2}[0-9]{4}$')", {}, 'ab1234')).toBe(false);
    expect(yes('string-length(.) <= 10', {}, 'short')).toBe(true);
    expect(yes('. <= today()', {}, '2026-11-24')).toBe(true);
    expect(yes('. <= today()', {}, '2026-11-25')).toBe(false);
  });

  it('calls the text and number functions', () => {
    expect(text("concat(${first}, ' ', ${last})", { first: 'Ana', last: 'Silva' })).toBe('Ana Silva');
    expect(text("if(${n} > 10, 'big', 'small')", { n: '11' })).toBe('big');
    expect(text("coalesce(${nick}, 'none')", {})).toBe('none');
    expect(text("coalesce(${nick}, 'none')", { nick: 'Al' })).toBe('Al');
    expect(run("number('12.5') * 2")).toBe(25);
    expect(run('int(7.9)')).toBe(7);
    expect(run('int(-7.9)')).toBe(-7);
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(1.005, 2)')).toBe(1.01);
    expect(run('string-length(${s})', { s: 'metre' })).toBe(5);
    expect(text('today()')).toBe('2026-11-24');
  });

  it('sums and counts answers across repeat instances', () => {
    const answers = { days: ['3', '4.5', ''], provider: ['PTB', 'NIST', 'NMIJ'] };
    expect(run('sum(${days})', answers)).toBe(Number.NaN);
    expect(run('sum(${days})', { days: ['3', '4.5'] })).toBe(7.5);
    expect(run('count(${provider})', answers)).toBe(3);
    expect(run('count(${provider})', { provider: [] })).toBe(0);
    expect(yes("${provider} = 'NIST'", answers)).toBe(true);
  });

  it('does short-circuit and/or and not() over empty answers', () => {
    expect(yes("${a} = 'x' or ${b} = 'y'", { b: 'y' })).toBe(true);
    expect(yes("${a} = 'x' and ${b} = 'y'", { b: 'y' })).toBe(false);
    expect(yes('not(${a})', {})).toBe(true);
    expect(yes('true() and not(false())')).toBe(true);
  });

  it('accepts curly quotes as people type them in Excel', () => {
    expect(yes('${answer} = \u2018yes\u2019', { answer: 'yes' })).toBe(true);
    expect(yes('${answer} = \u201cyes\u201d', { answer: 'yes' })).toBe(true);
  });

  it('reports syntax errors and unknown functions with their position', () => {
    expect(checkExpression('. > (1').issues).toEqual([{ message: 'A ")" is missing', pos: 6 }]);
    const unknown = checkExpression('1 + lenght(.)').issues[0];
    expect(unknown).toMatchObject({
      message: 'Unknown function lenght()',
      pos: 4,
      fix: 'Use string-length()',
    });
    expect(checkExpression('if(1, 2)').issues[0]?.message).toBe('if() takes 3 arguments, not 2');
    expect(checkExpression("sum('3')").issues[0]?.message).toContain('needs a reference');
    expect(checkExpression("regex(., '(')").issues[0]?.message).toContain('is not valid');
    expect(checkExpression('${a} +').issues[0]?.pos).toBeGreaterThan(0);
    expect(checkExpression('${a} = 1 ${b}').issues).not.toEqual([]);
    expect(checkExpression('country = ${c}').issues[0]?.message).toContain('"country" is not understood');
    expect(checkExpression('country = ${c}', { allowColumns: true }).issues).toEqual([]);
  });

  it('lists the references an expression makes', () => {
    expect(checkExpression('${a} + ${b} * ${a}').refs.map((r) => r.name)).toEqual(['a', 'b', 'a']);
  });

  it('never evaluates JavaScript', () => {
    const attempts = ["constructor.constructor('return 1')()", 'process.exit()', '${a}; alert(1)'];
    for (const source of attempts) expect(checkExpression(source).issues).not.toEqual([]);
  });
});
