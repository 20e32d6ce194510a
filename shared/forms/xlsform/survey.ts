/**
 * The survey sheet: rows become a tree of groups, repeats and questions. Every row
 * that cannot be taken as written is reported and reading goes on, so one pass gives
 * the whole list. Expressions are only collected here; they are checked once all
 * names are known (see expressions.ts).
 */
import type {
  FormItem,
  FormProblem,
  GroupItem,
  LeftOut,
  LocalText,
  QuestionItem,
  RepeatItem,
} from '../model';
import { normaliseQuotes } from '../expr/tokenizer';
import { cell, type Header } from './headers';
import { parseType } from './types';
import type { RawSheet, SheetRow } from './workbook';

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface ExpressionCell {
  row: number;
  column: string;
  source: string;
  /** The item whose rule this is; `.` refers to it. */
  owner: FormItem;
  allowColumns: boolean;
}

export interface SurveyResult {
  items: FormItem[];
  leftOut: LeftOut[];
  expressions: ExpressionCell[];
  /** Labels and hints, whose ${references} must name questions too. */
  texts: { row: number; column: string; text: string }[];
}

interface Context {
  sheet: RawSheet;
  header: Header;
  defaultLanguage: string;
  dropUnsupported: boolean;
  problems: FormProblem[];
}

const TRUE_WORDS = new Set(['yes', 'true', 'true()', '1', 'y']);
const FALSE_WORDS = new Set(['no', 'false', 'false()', '0', 'n']);
const NEEDS_LABEL = new Set([
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'note',
  'acknowledge',
]);

/** Text per language from `key` and `key::Language` columns. Unsuffixed text is the default language's. */
function localText(ctx: Context, row: SheetRow, key: string, result: SurveyResult): LocalText | undefined {
  const text: LocalText = {};
  for (const language of ctx.header.languages(key)) {
    const column = ctx.header.find(key, language);
    const value = cell(row, column);
    if (!value || !column) continue;
    const lang = language ?? ctx.defaultLanguage;
    // A language's own column wins over the unsuffixed one.
    if (language !== undefined || text[lang] === undefined) text[lang] = value;
    if (key === 'label' || key === 'hint' || key === 'guidance_hint')
      result.texts.push({ row: row.row, column: column.header, text: value });
  }
  return Object.keys(text).length > 0 ? text : undefined;
}

export function readSurvey(ctx: Context): SurveyResult {
  const { sheet, header, problems } = ctx;
  const result: SurveyResult = { items: [], leftOut: [], expressions: [], texts: [] };
  const root: { items: FormItem[] } = { items: result.items };
  const stack: { item: GroupItem | RepeatItem; row: number }[] = [];
  const report = (row: number, key: string | undefined, message: string, fix?: string): void => {
    const column = key ? (header.find(key)?.header ?? key) : undefined;
    problems.push({
      sheet: sheet.name,
      row,
      ...(column ? { column } : {}),
      message,
      ...(fix ? { fix } : {}),
      severity: 'error',
    });
  };
  const typeColumn = header.find('type');

  for (const row of sheet.rows.slice(1)) {
    const get = (key: string): string => cell(row, header.find(key));
    const typeText = cell(row, typeColumn);
    const name = get('name');
    const parent = stack.at(-1)?.item ?? root;
    if (!typeText) {
      const hasContent = header.columns.some((c) => c.key && cell(row, c) !== '');
      if (hasContent)
        report(row.row, 'type', 'This row has no type.', 'Enter a type such as text, or delete the row.');
      continue;
    }
    const parsed = parseType(typeText);
    if (parsed.kind === 'end') {
      const top = stack.at(-1);
      if (!top) {
        report(
          row.row,
          'type',
          `"${typeText}" has no matching "begin ${parsed.structure}" above it.`,
          'Delete this row or add the begin row.',
        );
      } else if (top.item.kind !== parsed.structure) {
        report(
          row.row,
          'type',
          `"${typeText}" closes "begin ${top.item.kind} ${top.item.name}" (row ${top.row}).`,
          `Write "end ${top.item.kind}" here, or close the inner ${parsed.structure} first.`,
        );
        // Recover as the author most likely meant: close the nearest matching block.
        const index = stack.map((s) => s.item.kind).lastIndexOf(parsed.structure);
        if (index >= 0) stack.length = index;
      } else {
        stack.pop();
      }
      continue;
    }
    if (parsed.kind === 'unsupported') {
      if (ctx.dropUnsupported) {
        result.leftOut.push({ name: name || `row ${row.row}`, type: parsed.type, row: row.row });
        problems.push({
          sheet: sheet.name,
          row: row.row,
          column: typeColumn?.header ?? 'type',
          message: `The ${parsed.type} question "${name}" is left out: this type is not supported.`,
          severity: 'warning',
        });
      } else {
        report(
          row.row,
          'type',
          `The type "${parsed.type}" is not supported.`,
          'Remove the row, or import the form without its unsupported questions.',
        );
      }
      continue;
    }
    if (parsed.kind === 'unknown') {
      report(
        row.row,
        'type',
        `"${typeText}" is not a question type.`,
        parsed.suggestion
          ? `Did you mean "${parsed.suggestion}"?`
          : 'Use a type such as text, integer or select_one LIST.',
      );
      continue;
    }
    if (!name) {
      report(
        row.row,
        'name',
        'This row has no name.',
        'Give it a short name of letters, digits and _, such as staff_total.',
      );
    } else if (!NAME_PATTERN.test(name)) {
      report(
        row.row,
        'name',
        `"${name}" is not a valid name.`,
        'Start with a letter or _ and use only letters, digits, _, - and . (no spaces).',
      );
    }
    const label = localText(ctx, row, 'label', result);
    const hint = localText(ctx, row, 'hint', result);
    const guidanceHint = localText(ctx, row, 'guidance_hint', result);
    const relevant = get('relevant');
    const appearance = get('appearance');
    const base = {
      name: name || `row_${row.row}`,
      row: row.row,
      ...(label ? { label } : {}),
      ...(hint ? { hint } : {}),
      ...(guidanceHint ? { guidanceHint } : {}),
      ...(relevant ? { relevant: normaliseQuotes(relevant) } : {}),
      ...(appearance ? { appearance } : {}),
    };
    const expression = (owner: FormItem, key: string, value: string, allowColumns = false): void => {
      if (!value) return;
      const column = header.find(key)?.header ?? key;
      result.expressions.push({ row: row.row, column, source: normaliseQuotes(value), owner, allowColumns });
    };

    if (parsed.kind === 'begin') {
      const repeatCount = get('repeat_count');
      const block: GroupItem | RepeatItem =
        parsed.structure === 'group'
          ? { kind: 'group', ...base, items: [] }
          : {
              kind: 'repeat',
              ...base,
              items: [],
              ...(repeatCount ? { repeatCount: normaliseQuotes(repeatCount) } : {}),
            };
      parent.items.push(block);
      stack.push({ item: block, row: row.row });
      expression(block, 'relevant', relevant);
      if (block.kind === 'repeat') expression(block, 'repeat_count', repeatCount);
      continue;
    }

    const question: QuestionItem = { kind: 'question', ...base, type: parsed.type };
    expression(question, 'relevant', relevant);
    const flag = (key: string, target: 'required' | 'readOnly'): void => {
      const value = get(key);
      const lower = value.toLowerCase();
      if (!value || FALSE_WORDS.has(lower)) return;
      if (TRUE_WORDS.has(lower)) question[target] = true;
      else {
        question[target] = normaliseQuotes(value);
        expression(question, key, value);
      }
    };
    flag('required', 'required');
    flag('read_only', 'readOnly');
    const requiredMessage = localText(ctx, row, 'required_message', result);
    if (requiredMessage) question.requiredMessage = requiredMessage;
    for (const [key, field] of [
      ['constraint', 'constraint'],
      ['calculation', 'calculation'],
      ['choice_filter', 'choiceFilter'],
    ] as const) {
      const value = get(key);
      if (!value) continue;
      question[field] = normaliseQuotes(value);
      expression(question, key, value, key === 'choice_filter');
    }
    const constraintMessage = localText(ctx, row, 'constraint_message', result);
    if (constraintMessage) question.constraintMessage = constraintMessage;
    const defaultValue = get('default');
    if (defaultValue) question.default = defaultValue;
    if (parsed.listName !== undefined) {
      question.listName = parsed.listName;
      if (!parsed.listName) {
        report(
          row.row,
          'type',
          `"${typeText}" does not name its choice list.`,
          `Write "${parsed.type} LIST", with LIST a list_name of the choices sheet.`,
        );
      }
    }
    if (parsed.type === 'calculate' && !question.calculation) {
      report(
        row.row,
        'calculation',
        `The calculate question "${name}" has no calculation.`,
        'Write the expression in the calculation column.',
      );
    }
    if (NEEDS_LABEL.has(parsed.type) && !label && !hint) {
      report(
        row.row,
        'label',
        `The ${parsed.type} question "${name}" has no label.`,
        'Write the question as people should read it in the label column.',
      );
    }
    parent.items.push(question);
  }

  for (const open of stack) {
    report(
      open.row,
      'type',
      `"begin ${open.item.kind} ${open.item.name}" is never closed.`,
      `Add an "end ${open.item.kind}" row where the ${open.item.kind} ends.`,
    );
  }
  return result;
}
