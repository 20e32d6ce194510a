/**
 * Turns an XLSForm workbook into a Template, or into the complete list of what keeps it
 * from being one. Never throws for anything a file can contain: a damaged, foreign or
 * empty file is a problem in the list like any other.
 */
import {
  DEFAULT_LANGUAGE,
  templateSchema,
  walkItems,
  type Choice,
  type FormProblem,
  type LeftOut,
  type Template,
} from '../model';
import { checkSurvey } from './expressions';
import { readHeader, surveyAliases } from './headers';
import { readChoices, readSettings } from './sheets';
import { readSurvey } from './survey';
import { readWorkbook } from './workbook';

export interface ImportOptions {
  /** Import the form without its questions of unsupported types, recording them in `leftOut`. */
  leaveOutUnsupported?: boolean;
  /** The file's name, used for the form id and title when the settings sheet gives none. */
  fileName?: string;
}

export interface FormSummary {
  title?: string;
  id?: string;
  version?: string;
  questions: number;
  groups: number;
  repeats: number;
  choiceLists: number;
  languages: string[];
  leftOut: LeftOut[];
}

export interface ImportResult {
  /** Present only when no problem is an error. */
  template?: Template;
  problems: FormProblem[];
  summary: FormSummary;
}

const emptySummary = (): FormSummary => ({
  questions: 0,
  groups: 0,
  repeats: 0,
  choiceLists: 0,
  languages: [],
  leftOut: [],
});

/** Letters, digits, _ . - only: what a document id may hold (`my form` → `my_form`). */
function safeId(text: string): string | undefined {
  const id = text.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return id || undefined;
}

function idFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  return safeId(fileName.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, ''));
}

function languagesOf(list: readonly Choice[]): string[] {
  const languages = [...new Set(list.flatMap((c) => Object.keys(c.label)))];
  return languages.length ? languages : [DEFAULT_LANGUAGE];
}

/** Problems in workbook order: by sheet (survey, choices, settings, others), then row. */
function sortProblems(problems: FormProblem[]): FormProblem[] {
  const sheetOrder = (sheet: string): number => {
    const index = ['(file)', 'survey', 'choices', 'settings'].indexOf(sheet.trim().toLowerCase());
    return index < 0 ? 9 : index;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        sheetOrder(a.problem.sheet) - sheetOrder(b.problem.sheet) ||
        (a.problem.row ?? 0) - (b.problem.row ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

export async function importXlsForm(
  data: Uint8Array | ArrayBuffer,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const read = await readWorkbook(data);
  if (!read.ok) return { problems: [read.problem], summary: emptySummary() };
  const { workbook } = read;
  const problems: FormProblem[] = [];

  const surveySheet = workbook.get('survey');
  if (!surveySheet) {
    const names = [...workbook.values()].map((s) => `"${s.name}"`).join(', ');
    problems.push({
      sheet: '(file)',
      message: `The workbook has no "survey" sheet (it has ${names || 'no sheets'}).`,
      fix: 'An XLSForm needs sheets named survey and choices (and optionally settings).',
      severity: 'error',
    });
    return { problems, summary: emptySummary() };
  }
  const settings = readSettings(workbook.get('settings'), problems);
  const header = readHeader({ sheet: surveySheet, table: surveyAliases, problems });
  if (!header) return { problems: sortProblems(problems), summary: emptySummary() };
  if (!header.find('type') || !header.find('name')) {
    problems.push({
      sheet: surveySheet.name,
      row: header.row,
      message: `The survey sheet's first row needs the columns type and name${header.find('type') ? '' : ' (type is missing)'}.`,
      fix: 'Write the column names in the first row: type, name, label, …',
      severity: 'error',
    });
    return { problems: sortProblems(problems), summary: emptySummary() };
  }

  const written = header.languages('label').filter((l): l is string => l !== undefined);
  const hasPlainLabel = header.languages('label').includes(undefined);
  const defaultLanguage =
    settings.defaultLanguage ??
    (hasPlainLabel || written.length === 0 ? DEFAULT_LANGUAGE : (written[0] as string));
  const languages = [...new Set([...(hasPlainLabel ? [defaultLanguage] : []), ...written])];
  if (languages.length === 0) languages.push(defaultLanguage);

  const choicesSheet = workbook.get('choices');
  const choices = readChoices(choicesSheet, defaultLanguage, settings.allowChoiceDuplicates, problems);
  const survey = readSurvey({
    sheet: surveySheet,
    header,
    defaultLanguage,
    dropUnsupported: options.leaveOutUnsupported === true,
    problems,
  });
  for (const listName of survey.orOtherLists) {
    const list = choices.lists[listName];
    // pyxform adds an "Other" choice to a list used with or_other.
    if (list && !list.some((c) => c.name === 'other')) {
      list.push({ name: 'other', label: Object.fromEntries(languagesOf(list).map((l) => [l, 'Other'])) });
    }
  }
  checkSurvey(surveySheet.name, survey, choices, choicesSheet?.name ?? 'choices', problems);

  const summary: FormSummary = { ...emptySummary(), languages, leftOut: survey.leftOut };
  for (const { item } of walkItems(survey.items)) {
    if (item.kind === 'group') summary.groups += 1;
    else if (item.kind === 'repeat') summary.repeats += 1;
    else if (item.type !== 'calculate' && item.type !== 'note') summary.questions += 1;
  }
  summary.choiceLists = Object.keys(choices.lists).length;
  // pyxform takes any form_id; ours names a document, so other characters become _ (said once).
  let id = settings.id === undefined ? idFromFileName(options.fileName) : safeId(settings.id);
  if (settings.id !== undefined && id !== settings.id) {
    problems.push({
      sheet: settings.sheetName ?? 'settings',
      ...(settings.row ? { row: settings.row } : {}),
      column: settings.idColumn ?? 'form_id',
      message: id
        ? `The form_id "${settings.id}" has characters other than letters, digits, _ . and -; it is kept as "${id}".`
        : `The form_id "${settings.id}" has no letter or digit.`,
      ...(id ? {} : { fix: 'Write a form_id such as dec_capacity_needs.' }),
      severity: id ? 'warning' : 'error',
    });
    id ??= idFromFileName(options.fileName);
  }
  const title = settings.title ?? id;
  if (id) summary.id = id;
  if (title) summary.title = title;
  if (settings.version) summary.version = settings.version;
  if (!id) {
    problems.push({
      sheet: 'settings',
      message: 'The form has no form_id.',
      fix: 'Add a settings sheet with a form_id column, e.g. dec_capacity_needs.',
      severity: 'error',
    });
  }
  if (summary.questions === 0 && survey.items.length === 0) {
    problems.push({
      sheet: surveySheet.name,
      message: 'The survey sheet has no questions.',
      fix: 'Add one row per question under the header row.',
      severity: 'error',
    });
  }

  const sorted = sortProblems(problems);
  if (sorted.some((p) => p.severity === 'error') || !id) return { problems: sorted, summary };
  const parsed = templateSchema.safeParse({
    id,
    version: settings.version ?? '1',
    title: title ?? id,
    defaultLanguage,
    languages,
    items: survey.items,
    choiceLists: choices.lists,
    leftOut: survey.leftOut,
  });
  if (!parsed.success) {
    sorted.push({
      sheet: 'settings',
      message: `The form could not be stored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      fix: 'Form ids use only letters, digits, _ . and -.',
      severity: 'error',
    });
    return { problems: sorted, summary };
  }
  return { template: parsed.data, problems: sorted, summary };
}
