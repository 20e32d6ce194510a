/**
 * Where each question of a template goes in an institute's return: one sheet per
 * top-level section (code, question, answer, unit/hint, comment), one sheet per repeat
 * (one row per instance, one column per question), a choices sheet and a cover. Export
 * and import both work from this plan, so they cannot disagree about a cell.
 *
 * Codes are what the import goes by (never row positions, so rows may be moved):
 * a question's name; `name:choice` for one choice of a select_multiple, which gets a row
 * (or, in a repeat, a column) of its own with a Yes/No dropdown.
 */
import {
  inputTypes,
  type Choice,
  type FormItem,
  type GroupItem,
  type QuestionItem,
  type RepeatItem,
  type Template,
} from '../forms/model';
import { answeredElsewhere, type AnsweredBy } from '../forms/answered-elsewhere';
import { GENERAL_SECTION, pickText } from '../forms/rules';

export const COVER_SHEET = 'Cover';
export const CHOICES_SHEET = 'Choices';
export const IDS_SHEET = '_workbench';
export const RETURN_FORMAT = 'nmi-workbench-return';
export const RETURN_FORMAT_VERSION = 1;

/** Section sheets: a title row, then the header row, then one row per answer. */
export const SECTION_HEADER_ROW = 2;
export const SECTION_COLUMNS = ['Code', 'Question', 'Answer', 'Unit / hint', 'Comment'] as const;
/** Repeat sheets: labels, then codes, then one row per instance. */
export const REPEAT_LABEL_ROW = 1;
export const REPEAT_CODE_ROW = 2;
export const REPEAT_FIRST_DATA_ROW = 3;
export const ROW_ID_CODE = '_row';
/** Sheets written for reading (answered elsewhere): the title, what it is, then the table's header. */
export const ELSEWHERE_HEADER_ROW = 3;
export const PARENT_ID_CODE = '_parent';

export const YES = 'Yes';
export const NO = 'No';

export type SectionLine =
  | { kind: 'heading'; text: string }
  | { kind: 'question'; code: string; item: QuestionItem }
  /** The question line of a select_multiple: its choices follow, one line each. */
  | { kind: 'multiple'; code: string; item: QuestionItem }
  | { kind: 'choice'; code: string; item: QuestionItem; choice: Choice }
  /** A calculated value, shown for reading; the import ignores it. */
  | { kind: 'calculated'; code: string; item: QuestionItem };

export type RepeatColumn =
  | { kind: 'question'; code: string; item: QuestionItem }
  | { kind: 'choice'; code: string; item: QuestionItem; choice: Choice }
  | { kind: 'calculated'; code: string; item: QuestionItem };

export interface SectionSheet {
  kind: 'section';
  /** The section's template name (`_general` for top-level questions). */
  name: string;
  sheetName: string;
  title: string;
  lines: SectionLine[];
}

export interface RepeatSheet {
  kind: 'repeat';
  name: string;
  sheetName: string;
  title: string;
  repeat: RepeatItem;
  /** The repeats that enclose this one, outermost first (nested repeats). */
  parents: RepeatItem[];
  columns: RepeatColumn[];
}

/**
 * A table another part of the app answers (../forms/answered-elsewhere.ts), such as support
 * received from the support ledger: written for reading, protected, and never read back.
 */
export interface ElsewhereSheet {
  kind: 'elsewhere';
  name: string;
  sheetName: string;
  title: string;
  by: AnsweredBy;
}

export type PlannedSheet = SectionSheet | RepeatSheet | ElsewhereSheet;

export interface ReturnPlan {
  template: Template;
  language: string;
  sheets: PlannedSheet[];
  /** Choice lists used by select questions, in first-use order: the choices sheet. */
  lists: string[];
}

const RESERVED = new Set([COVER_SHEET, CHOICES_SHEET, IDS_SHEET].map((n) => n.toLowerCase()));

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique without regard to case. */
export function sheetNameFor(title: string, taken: Set<string>): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  const base = (clean || 'Sheet').slice(0, 31).trim();
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()) || RESERVED.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

function isMetadata(item: QuestionItem): boolean {
  return !inputTypes.includes(item.type) && item.type !== 'calculate' && item.type !== 'note';
}

export function choiceCode(item: QuestionItem, choice: Choice): string {
  return `${item.name}:${choice.name}`;
}

/** The lines and sheets a template's items become. */
export function planReturn(template: Template, language = template.defaultLanguage): ReturnPlan {
  const taken = new Set<string>();
  const sheets: PlannedSheet[] = [];
  const lists: string[] = [];
  const text = (item: FormItem) => pickText(item.label, template, language) || item.name;
  const useList = (item: QuestionItem) => {
    if (item.listName && !lists.includes(item.listName)) lists.push(item.listName);
  };
  const choicesOf = (item: QuestionItem) =>
    item.listName ? (template.choiceLists[item.listName] ?? []) : [];

  const repeatSheet = (repeat: RepeatItem, parents: RepeatItem[]): RepeatSheet[] => {
    const columns: RepeatColumn[] = [];
    const nested: RepeatSheet[] = [];
    const visit = (items: readonly FormItem[]) => {
      for (const item of items) {
        if (item.kind === 'group') visit(item.items);
        else if (item.kind === 'repeat') nested.push(...repeatSheet(item, [...parents, repeat]));
        else if (item.type === 'calculate') columns.push({ kind: 'calculated', code: item.name, item });
        else if (item.type === 'select_multiple') {
          useList(item);
          for (const choice of choicesOf(item))
            columns.push({ kind: 'choice', code: choiceCode(item, choice), item, choice });
        } else if (inputTypes.includes(item.type)) {
          useList(item);
          columns.push({ kind: 'question', code: item.name, item });
        }
      }
    };
    visit(repeat.items);
    const title = text(repeat);
    const sheet: RepeatSheet = {
      kind: 'repeat',
      name: repeat.name,
      sheetName: '',
      title,
      repeat,
      parents,
      columns,
    };
    return [sheet, ...nested];
  };

  const tableSheets = (repeat: RepeatItem): PlannedSheet[] => {
    const by = answeredElsewhere(repeat);
    return by
      ? [{ kind: 'elsewhere', name: repeat.name, sheetName: '', title: text(repeat), by }]
      : repeatSheet(repeat, []);
  };

  const sectionLines = (items: readonly FormItem[], later: PlannedSheet[]): SectionLine[] => {
    const lines: SectionLine[] = [];
    for (const item of items) {
      if (item.kind === 'group') {
        const inner = sectionLines(item.items, later);
        if (inner.some((l) => l.kind !== 'heading'))
          lines.push({ kind: 'heading', text: text(item) }, ...inner);
      } else if (item.kind === 'repeat') {
        later.push(...tableSheets(item));
      } else if (item.type === 'calculate') {
        lines.push({ kind: 'calculated', code: item.name, item });
      } else if (item.type === 'select_multiple') {
        useList(item);
        lines.push({ kind: 'multiple', code: item.name, item });
        for (const choice of choicesOf(item))
          lines.push({ kind: 'choice', code: choiceCode(item, choice), item, choice });
      } else if (!isMetadata(item) && item.type !== 'note') {
        useList(item);
        lines.push({ kind: 'question', code: item.name, item });
      }
    }
    return lines;
  };

  const general = template.items.filter((i): i is QuestionItem => i.kind === 'question');
  const generalLines = sectionLines(general, []);
  if (generalLines.some((l) => l.kind !== 'calculated')) {
    sheets.push({
      kind: 'section',
      name: GENERAL_SECTION,
      sheetName: '',
      title: 'General',
      lines: generalLines,
    });
  }
  for (const item of template.items) {
    if (item.kind === 'question') continue;
    if (item.kind === 'repeat') {
      sheets.push(...tableSheets(item));
      continue;
    }
    const later: PlannedSheet[] = [];
    const lines = sectionLines((item as GroupItem).items, later);
    // A section of calculated values only (e.g. a count under a table) adds a tab with nothing to fill.
    if (lines.some((l) => l.kind !== 'heading' && l.kind !== 'calculated'))
      sheets.push({ kind: 'section', name: item.name, sheetName: '', title: text(item), lines });
    sheets.push(...later);
  }
  // Names in sheet order, numbered so the tabs read in the questionnaire's order.
  sheets.forEach((sheet, index) => {
    sheet.sheetName = sheetNameFor(`${index + 1} ${sheet.title}`, taken);
  });
  return { template, language, sheets, lists };
}

/** The label shown for a choice in dropdowns: its label, or `label (code)` where labels repeat. */
export function choiceTexts(plan: ReturnPlan, listName: string): Map<string, string> {
  const choices = plan.template.choiceLists[listName] ?? [];
  const labels = choices.map((c) => pickText(c.label, plan.template, plan.language) || c.name);
  const seen = new Map<string, number>();
  for (const label of labels) seen.set(label.toLowerCase(), (seen.get(label.toLowerCase()) ?? 0) + 1);
  return new Map(
    choices.map((choice, i) => {
      const label = labels[i] ?? choice.name;
      return [choice.name, (seen.get(label.toLowerCase()) ?? 0) > 1 ? `${label} (${choice.name})` : label];
    }),
  );
}
