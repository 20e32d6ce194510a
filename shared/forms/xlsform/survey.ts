/**
 * The survey sheet: rows become a tree of groups, repeats and questions. Every row
 * that cannot be taken as written is reported and reading goes on, so one pass gives
 * the whole list. Expressions are only collected here; they are checked once all
 * names are known (see expressions.ts).
 */
import {
  mediaKinds,
  type FormItem,
  type FormProblem,
  type GroupItem,
  type LeftOut,
  type LocalText,
  type Media,
  type QuestionItem,
  type RepeatItem,
} from '../model';
import { normaliseQuotes } from '../expr/tokenizer';
import { cell, type Header } from './headers';
import { parseType } from './types';
import type { RawSheet, SheetRow } from './workbook';

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface ExpressionCell {
  row: number;
  column: string;
  /** The column's canonical name (relevant, constraint, choice_filter…). */
  key: string;
  source: string;
  /** The item whose rule this is; `.` refers to it. */
  owner: FormItem;
  allowColumns: boolean;
}

export interface SurveyResult {
  items: FormItem[];
  leftOut: LeftOut[];
  /** Phone metadata (simserial, audit…) left out without a word; references to it read as empty. */
  quiet: LeftOut[];
  /** select_one L or_other: lists that get an "Other" choice, as pyxform adds one. */
  orOtherLists: Set<string>;
  expressions: ExpressionCell[];
  /** Labels, hints and messages, whose ${references} must name questions too. */
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
    if (!mediaKinds.some((kind) => kind === key))
      result.texts.push({ row: row.row, column: column.header, text: value });
  }
  return Object.keys(text).length > 0 ? text : undefined;
}

/** The media columns of a row (`image`, `media::image::Français (fr)`…), or undefined when none. */
export function mediaFrom(header: Header, row: SheetRow, defaultLanguage: string): Media | undefined {
  const media: Media = {};
  for (const kind of mediaKinds) {
    const text: LocalText = {};
    for (const language of header.languages(kind)) {
      const value = cell(row, header.find(kind, language));
      const lang = language ?? defaultLanguage;
      if (value && (language !== undefined || text[lang] === undefined)) text[lang] = value;
    }
    if (Object.keys(text).length > 0) media[kind] = text;
  }
  return Object.keys(media).length > 0 ? media : undefined;
}

function mediaOf(ctx: Context, row: SheetRow): Media | undefined {
  return mediaFrom(ctx.header, row, ctx.defaultLanguage);
}

export function readSurvey(ctx: Context): SurveyResult {
  const { sheet, header, problems } = ctx;
  const result: SurveyResult = {
    items: [],
    leftOut: [],
    quiet: [],
    orOtherLists: new Set(),
    expressions: [],
    texts: [],
  };
  /** Inside `begin loop` … `end loop`, which is left out whole. */
  let loopDepth = 0;
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
  /** A question of a type we do not collect: left out when the person chose so, else an error. */
  const leaveOut = (name: string, type: string, row: number): void => {
    if (ctx.dropUnsupported) {
      // The warning itself is written once every rule is checked, naming the rules that used it.
      result.leftOut.push({ name: name || `row ${row}`, type, row });
    } else {
      report(
        row,
        'type',
        type === 'loop' ? 'Loops ("begin loop") are not supported.' : `The type "${type}" is not supported.`,
        'Remove the row, or import the form without its unsupported questions.',
      );
    }
  };

  for (const row of sheet.rows.slice(1)) {
    const get = (key: string): string => cell(row, header.find(key));
    const typeText = cell(row, typeColumn);
    const name = get('name');
    const parent = stack.at(-1)?.item ?? root;
    if (!typeText) {
      const hasContent = header.columns.some((c) => c.key && cell(row, c) !== '');
      if (!hasContent) continue;
      if (name) {
        report(
          row.row,
          'type',
          `The row "${name}" has no type.`,
          'Enter a type such as text, or delete the row.',
        );
      } else {
        // pyxform skips a row with neither type nor name (e.g. a stray `required = yes`).
        problems.push({
          sheet: sheet.name,
          row: row.row,
          column: typeColumn?.header ?? 'type',
          message: 'This row has no type and no name; it is skipped.',
          fix: 'Delete the row, or give it a type and a name.',
          severity: 'warning',
        });
      }
      continue;
    }
    const parsed = parseType(typeText);
    if (parsed.kind === 'unsupported' && parsed.block) {
      if (parsed.block === 'begin') {
        if (loopDepth === 0) leaveOut(name, 'loop', row.row);
        loopDepth += 1;
      } else loopDepth = Math.max(0, loopDepth - 1);
      continue;
    }
    if (loopDepth > 0) continue;
    if (parsed.kind === 'metadata') {
      if (name) result.quiet.push({ name, type: parsed.type, row: row.row });
      continue;
    }
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
      leaveOut(name, parsed.type, row.row);
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
    const media = mediaOf(ctx, row);
    const guidanceHint = localText(ctx, row, 'guidance_hint', result);
    const relevant = get('relevant');
    const appearance = get('appearance');
    const base = {
      name: name || `row_${row.row}`,
      row: row.row,
      ...(label ? { label } : {}),
      ...(hint ? { hint } : {}),
      ...(media ? { media } : {}),
      ...(guidanceHint ? { guidanceHint } : {}),
      ...(relevant ? { relevant: normaliseQuotes(relevant) } : {}),
      ...(appearance ? { appearance } : {}),
    };
    const expression = (owner: FormItem, key: string, value: string, allowColumns = false): void => {
      if (!value) return;
      const column = header.find(key)?.header ?? key;
      result.expressions.push({
        row: row.row,
        column,
        key,
        source: normaliseQuotes(value),
        owner,
        allowColumns,
      });
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
    const isSelect = parsed.type === 'select_one' || parsed.type === 'select_multiple';
    for (const [key, field] of [
      ['constraint', 'constraint'],
      ['calculation', 'calculation'],
      ['choice_filter', 'choiceFilter'],
    ] as const) {
      const value = get(key);
      if (!value) continue;
      if (key === 'choice_filter' && !isSelect) {
        // pyxform ignores a choice_filter on a question without choices.
        problems.push({
          sheet: sheet.name,
          row: row.row,
          column: header.find(key)?.header ?? key,
          message: `The ${parsed.type} question "${name}" has no choices, so its choice_filter is ignored.`,
          severity: 'warning',
        });
        continue;
      }
      question[field] = normaliseQuotes(value);
      expression(question, key, value, key === 'choice_filter');
    }
    const constraintMessage = localText(ctx, row, 'constraint_message', result);
    if (constraintMessage) question.constraintMessage = constraintMessage;
    const defaultValue = get('default');
    if (defaultValue) question.default = defaultValue;
    if (parsed.listName !== undefined) {
      question.listName = parsed.listName;
      if (parsed.orOther && parsed.listName) result.orOtherLists.add(parsed.listName);
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
    if (NEEDS_LABEL.has(parsed.type) && !label && !hint && !media) {
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
