/**
 * The choices and settings sheets. Choices keep their extra columns, which
 * choice_filter expressions name (e.g. a `country` column filtering cities).
 */
import { mediaKinds, type Choice, type FormProblem, type LocalText } from '../model';
import { cell, choicesAliases, readHeader, settingsAliases } from './headers';
import { mediaFrom } from './survey';
import type { RawSheet } from './workbook';

export interface Settings {
  title?: string;
  id?: string;
  version?: string;
  defaultLanguage?: string;
  allowChoiceDuplicates: boolean;
  row?: number;
  /** The header of the form_id column as written, for reports. */
  idColumn?: string;
  sheetName?: string;
}

export function readSettings(sheet: RawSheet | undefined, problems: FormProblem[]): Settings {
  if (!sheet) return { allowChoiceDuplicates: false };
  const table = { ...settingsAliases, allow_choice_duplicates: 'allow_choice_duplicates' };
  const header = readHeader({ sheet, table, problems });
  const row = sheet.rows[1];
  if (!header || !row) return { allowChoiceDuplicates: false };
  const get = (key: string): string => cell(row, header.find(key));
  const settings: Settings = {
    allowChoiceDuplicates: ['yes', 'true'].includes(get('allow_choice_duplicates').toLowerCase()),
    row: row.row,
    sheetName: sheet.name,
  };
  const idColumn = header.find('form_id')?.header;
  if (idColumn) settings.idColumn = idColumn;
  if (get('form_title')) settings.title = get('form_title');
  if (get('form_id')) settings.id = get('form_id');
  if (get('version')) settings.version = get('version');
  if (get('default_language')) settings.defaultLanguage = get('default_language');
  for (const extra of sheet.rows.slice(2)) {
    problems.push({
      sheet: sheet.name,
      row: extra.row,
      message: 'Only the first row under the header of the settings sheet is read.',
      fix: 'Delete this row, or move its values to the first row.',
      severity: 'warning',
    });
  }
  return settings;
}

export interface ChoicesResult {
  lists: Record<string, Choice[]>;
  /** The row each list starts on, for reports. */
  rows: Record<string, number>;
  /** Column names usable in choice filters. */
  columns: Set<string>;
}

export function readChoices(
  sheet: RawSheet | undefined,
  defaultLanguage: string,
  allowDuplicates: boolean,
  problems: FormProblem[],
): ChoicesResult {
  const result: ChoicesResult = { lists: {}, rows: {}, columns: new Set(['name', 'label']) };
  if (!sheet) return result;
  const header = readHeader({ sheet, table: choicesAliases, keepUnknown: true, problems });
  if (!header) return result;
  const fixed: readonly string[] = ['list_name', 'name', 'label', ...mediaKinds];
  const extraColumns = header.columns.filter(
    (c) => c.key && !fixed.includes(c.key) && c.language === undefined,
  );
  extraColumns.forEach((c) => c.key && result.columns.add(c.key));
  const report = (row: number, key: string, message: string, fix: string): void => {
    problems.push({
      sheet: sheet.name,
      row,
      column: header.find(key)?.header ?? key,
      message,
      fix,
      severity: 'error',
    });
  };
  if (!header.find('list_name')) {
    report(header.row, 'list_name', 'The choices sheet has no list_name column.', 'Add a list_name column.');
    return result;
  }
  const seen = new Map<string, Set<string>>();
  for (const row of sheet.rows.slice(1)) {
    const listName = cell(row, header.find('list_name'));
    const name = cell(row, header.find('name'));
    const label: LocalText = {};
    for (const language of header.languages('label')) {
      const text = cell(row, header.find('label', language));
      const lang = language ?? defaultLanguage;
      if (text && (language !== undefined || label[lang] === undefined)) label[lang] = text;
    }
    if (!listName) {
      report(
        row.row,
        'list_name',
        'This choice has no list_name.',
        'Write the name of the list it belongs to.',
      );
      continue;
    }
    if (!name) {
      report(
        row.row,
        'name',
        `A choice in the list "${listName}" has no name.`,
        'Write a short name such as yes.',
      );
      continue;
    }
    const media = mediaFrom(header, row, defaultLanguage);
    if (Object.keys(label).length === 0 && !media) {
      report(
        row.row,
        'label',
        `The choice "${name}" in "${listName}" has no label.`,
        'Write the text people see.',
      );
    }
    const names = seen.get(listName) ?? new Set<string>();
    seen.set(listName, names);
    if (names.has(name) && !allowDuplicates) {
      report(
        row.row,
        'name',
        `The list "${listName}" has the choice "${name}" twice.`,
        'Give each choice of a list its own name.',
      );
      continue;
    }
    names.add(name);
    const extra: Record<string, string> = {};
    for (const column of extraColumns) {
      const value = cell(row, column);
      if (value && column.key) extra[column.key] = value;
    }
    const choice: Choice = {
      name,
      label,
      ...(media ? { media } : {}),
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
    (result.lists[listName] ??= []).push(choice);
    result.rows[listName] ??= row.row;
  }
  return result;
}
