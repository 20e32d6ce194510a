/**
 * A consolidated return: one questionnaire and cycle across institutes. A wide sheet (one
 * row per institute, one column per question code, labels above the codes) for reading
 * and filtering, and a long sheet (one row per answer) for pivot tables. A select_multiple
 * question is one column of the chosen codes plus one 0/1 column per choice; a question
 * inside a table (repeat) lists every row's value in its cell on the wide sheet and has a
 * row per table row on the long one.
 *
 * Responses may be of several cycles and of several versions of the template: each is read
 * with the version it was answered on, and columns are joined by question code (the given
 * template's columns first, then codes only earlier versions asked).
 */
import ExcelJS from 'exceljs';
import type { AnswerValue, ResponseDoc } from '../docs/response/schema';
import { answeredElsewhere, type AnsweredBy } from '../forms/answered-elsewhere';
import { inputTypes, walkItems, type QuestionItem, type RepeatItem, type Template } from '../forms/model';
import { evaluateForm, pickText, type FieldNode, type FormEvaluation } from '../forms/rules';
import { cellFor, safeText } from './cells';
import { choiceTexts, planReturn, type ReturnPlan } from './return-layout';
import type { InstituteInfo } from './return-export';
import type { TableCell, TableExport } from './table-sheet';
import { HEADER_FILL, HEADER_FONT, MUTED_FONT, toBytes, WRAP_TOP } from './style';

export interface ConsolidatedInput {
  /** The version whose questions lead (the newest); its title names the return. */
  template: Template;
  cycle: number;
  /** Every institute chosen, with its response for the cycle (its own `cycle`, else the return's) where it has one. */
  institutes: { institute: InstituteInfo; response?: ResponseDoc; cycle?: number }[];
  /** Other versions of the template that some responses were answered on. */
  templates?: readonly Template[];
  exportedAt: Date;
  exportedBy: string;
  appVersion: string;
  language?: string;
  /** Called after each institute, so a screen can show progress. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * What another part of the app answers, for an institute and cycle (support received from the
   * support ledger: shared/funding/assessment-support.ts): a column on the wide sheet and a
   * sheet of its own, one row per entry.
   */
  elsewhere?: (org: string, cycle: number) => Partial<Record<AnsweredBy, TableExport>>;
}

export const WIDE_SHEET = 'By institute';
export const LONG_SHEET = 'Answers (long)';
export const ABOUT_SHEET = 'About';

interface Column {
  code: string;
  label: string;
  /** The value of this column for one institute's evaluated answers (and what is answered elsewhere). */
  value: (fields: FieldsByName, elsewhere: Partial<Record<AnsweredBy, TableExport>>) => ExcelJS.CellValue;
  width: number;
  date?: boolean;
}

/** An institute's evaluated questions by question name (several for questions in tables). */
type FieldsByName = Map<string, FieldNode[]>;

// Cycle and version come last, so the columns that were there before keep their places.
const FIXED = [
  'Institute',
  'Institute id',
  'Economy',
  'Status',
  'Revision',
  'Last changed',
  'Answered',
  'Cycle',
  'Template version',
];
const FIXED_CODES = [
  'institute',
  'org',
  'economy',
  'status',
  'revision',
  'updated_at',
  'answered',
  'cycle',
  'template_version',
];
const LAST_CHANGED = FIXED.indexOf('Last changed') + 1;

export function consolidatedFileName(template: Template, cycle: number): string {
  return `${template.id}-${cycle}-consolidated.xlsx`;
}

function relevantValues(fields: FieldsByName, name: string): AnswerValue[] {
  return (fields.get(name) ?? [])
    .filter((f) => f.relevant && f.value !== null && f.value !== undefined && f.value !== '')
    .map((f) => f.value as AnswerValue);
}

type Place =
  | { item: QuestionItem; inTable: boolean }
  /** A table another part of the app answers: one column, in the table's place. */
  | { elsewhere: AnsweredBy; item: RepeatItem };

/** Input and calculated questions in form order, and whether each sits in a table (repeat). */
function questionsOf(template: Template): Place[] {
  const out: Place[] = [];
  for (const { item, repeats } of walkItems(template.items)) {
    const outer = repeats[0];
    if (outer && answeredElsewhere(outer)) continue;
    const by = answeredElsewhere(item, repeats);
    if (by && item.kind === 'repeat') out.push({ elsewhere: by, item });
    else if (item.kind === 'question' && (inputTypes.includes(item.type) || item.type === 'calculate')) {
      out.push({ item, inTable: repeats.length > 0 });
    }
  }
  return out;
}

/** One entry of a table answered elsewhere, in a cell: its first three cells that say something. */
function summaryOf(table: TableExport | undefined): string | null {
  if (!table || table.rows.length === 0) return null;
  return joined(
    table.rows.map((row) =>
      row
        .filter((v) => v !== null && v !== '')
        .slice(0, 3)
        .join(' — '),
    ),
  );
}

/** A value as text in a cell that lists several: choices by their label. */
function textOf(
  item: QuestionItem,
  value: AnswerValue,
  labels: ReadonlyMap<string, string> | undefined,
): string {
  if (Array.isArray(value)) return value.join(' ');
  if (item.type === 'select_one') return labels?.get(String(value)) ?? String(value);
  if (item.type === 'acknowledge' && value === 'OK') return 'Yes';
  return String(value);
}

function columnsOf(plan: ReturnPlan): Column[] {
  const { template, language } = plan;
  const columns: Column[] = [];
  const text = (item: QuestionItem) => pickText(item.label, template, language) || item.name;
  for (const place of questionsOf(template)) {
    if ('elsewhere' in place) {
      const by = place.elsewhere;
      columns.push({
        code: place.item.name,
        label: `${pickText(place.item.label, template, language) || place.item.name} (${ELSEWHERE_WORDS[by]})`,
        width: 50,
        value: (_fields, elsewhere) => summaryOf(elsewhere[by]),
      });
      continue;
    }
    const { item, inTable } = place;
    const labels = item.listName ? choiceTexts(plan, item.listName) : undefined;
    const label = inTable ? `${text(item)} (every row)` : text(item);
    if (item.type === 'select_multiple') {
      columns.push({
        code: item.name,
        label,
        width: 24,
        value: (fields) => joined(relevantValues(fields, item.name).map((v) => textOf(item, v, undefined))),
      });
      for (const choice of template.choiceLists[item.listName ?? ''] ?? []) {
        columns.push({
          code: `${item.name}/${choice.name}`,
          label: `${text(item)}: ${labels?.get(choice.name) ?? choice.name}`,
          width: 12,
          value: (fields) =>
            relevantValues(fields, item.name).some((v) => Array.isArray(v) && v.includes(choice.name))
              ? 1
              : 0,
        });
      }
      continue;
    }
    columns.push({
      code: item.name,
      label,
      width: item.type === 'text' ? 36 : 16,
      ...(item.type === 'date' && !inTable ? { date: true } : {}),
      value: (fields) => {
        const values = relevantValues(fields, item.name);
        if (!inTable) return values.length ? cellFor(item, values[0], labels) : null;
        return joined(values.map((v) => textOf(item, v, labels)));
      },
    });
  }
  return columns;
}

function joined(values: string[]): string | null {
  return values.length ? safeText(values.join('; ')) : null;
}

/** The template a response was answered on, when it is among those given. */
function versionOf(input: ConsolidatedInput, response: ResponseDoc): Template | undefined {
  return [input.template, ...(input.templates ?? [])].find((t) => t.version === response.templateVersion);
}

export async function exportConsolidated(input: ConsolidatedInput): Promise<Uint8Array> {
  const { template } = input;
  const plan = planReturn(template, input.language);
  const columns = columnsOf(plan);
  const codes = new Set(columns.map((c) => c.code));
  const plans = new Map([[template.version, plan]]);
  for (const other of input.templates ?? []) {
    if (plans.has(other.version)) continue;
    const otherPlan = planReturn(other, input.language);
    plans.set(other.version, otherPlan);
    for (const column of columnsOf(otherPlan)) {
      if (codes.has(column.code)) continue;
      codes.add(column.code);
      columns.push(column);
    }
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `NMI Workbench ${input.appVersion}`;
  workbook.created = input.exportedAt;
  const about = workbook.addWorksheet(ABOUT_SHEET);
  const wide = workbook.addWorksheet(WIDE_SHEET);
  const long = workbook.addWorksheet(LONG_SHEET);

  const labelRow = wide.getRow(1);
  const codeRow = wide.getRow(2);
  FIXED.forEach((name, i) => {
    labelRow.getCell(i + 1).value = name;
    codeRow.getCell(i + 1).value = FIXED_CODES[i] ?? '';
  });
  columns.forEach((column, i) => {
    labelRow.getCell(FIXED.length + i + 1).value = safeText(column.label);
    codeRow.getCell(FIXED.length + i + 1).value = column.code;
    wide.getColumn(FIXED.length + i + 1).width = column.width;
    if (column.date) wide.getColumn(FIXED.length + i + 1).numFmt = 'yyyy-mm-dd';
  });
  [36, 14, 18, 12, 9, 18, 12, 8, 10].forEach((width, i) => (wide.getColumn(i + 1).width = width));
  labelRow.font = HEADER_FONT;
  labelRow.alignment = WRAP_TOP;
  labelRow.eachCell((cell) => (cell.fill = HEADER_FILL));
  codeRow.font = MUTED_FONT;
  wide.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];

  long.columns = [
    { header: 'Institute', key: 'institute', width: 36 },
    { header: 'Institute id', key: 'org', width: 14 },
    { header: 'Economy', key: 'economy', width: 18 },
    { header: 'Cycle', key: 'cycle', width: 8 },
    { header: 'Code', key: 'code', width: 24 },
    { header: 'Question', key: 'question', width: 50 },
    { header: 'Table row', key: 'row', width: 10 },
    { header: 'Value', key: 'value', width: 24 },
    { header: 'Value label', key: 'valueLabel', width: 36 },
    { header: 'Template version', key: 'version', width: 12 },
  ];
  long.getRow(1).font = HEADER_FONT;
  long.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  long.views = [{ state: 'frozen', ySplit: 1 }];
  long.autoFilter = { from: 'A1', to: 'J1' };

  const elsewhereSheets: Partial<Record<AnsweredBy, ExcelJS.Worksheet>> = {};
  const total = input.institutes.length;
  let withResponse = 0;
  const cycles = new Set<number>();
  const versions = new Set<string>();
  for (const [index, entry] of input.institutes.entries()) {
    const { institute } = entry;
    const cycle = entry.cycle ?? input.cycle;
    cycles.add(cycle);
    const version = entry.response ? versionOf(input, entry.response) : undefined;
    // A response of a version not given cannot be read; it is said so rather than misread.
    const response = version ? entry.response : undefined;
    const answers: Record<string, AnswerValue> = {};
    for (const [key, value] of Object.entries(response?.answers ?? {})) answers[key] = value.value;
    const evaluation = evaluateForm(version ?? template, answers, { now: input.exportedAt });
    const fields: FieldsByName = new Map();
    for (const field of evaluation.fields.values()) {
      fields.set(field.item.name, [...(fields.get(field.item.name) ?? []), field]);
    }
    if (response) withResponse++;
    if (response) versions.add(response.templateVersion);
    const name = safeText(institute.acronym ? `${institute.name} (${institute.acronym})` : institute.name);
    const row = wide.getRow(index + 3);
    const fixed: ExcelJS.CellValue[] = [
      name,
      institute.org,
      safeText(institute.economy ?? ''),
      response ? response.status : entry.response ? 'version not available' : 'not started',
      response ? response.revision : null,
      response ? new Date(response.updatedAt) : null,
      response ? `${evaluation.answered} of ${evaluation.total}` : null,
      cycle,
      entry.response?.templateVersion ?? null,
    ];
    fixed.forEach((value, i) => (row.getCell(i + 1).value = value));
    row.getCell(LAST_CHANGED).numFmt = 'yyyy-mm-dd hh:mm';
    const elsewhere = input.elsewhere?.(institute.org, cycle) ?? {};
    columns.forEach((column, i) => {
      row.getCell(FIXED.length + i + 1).value = column.value(fields, elsewhere);
    });
    for (const [by, table] of Object.entries(elsewhere) as [AnsweredBy, TableExport][]) {
      const sheet = (elsewhereSheets[by] ??= elsewhereSheet(workbook, by, table));
      for (const values of table.rows)
        sheet.addRow([name, institute.org, safeText(institute.economy ?? ''), cycle, ...values.map(cellOf)]);
    }
    if (response && version) {
      const responsePlan = plans.get(version.version) ?? plan;
      writeLong(long, responsePlan, evaluation, { name, institute, cycle, version: version.version });
    }
    await input.onProgress?.(index + 1, total);
  }

  about.columns = [{ width: 26 }, { width: 70 }];
  const cycleText = [...new Set([input.cycle, ...cycles])].sort().join(', ');
  about.addRow([safeText(`${template.title}: consolidated return for ${cycleText}`)]).font = {
    bold: true,
    size: 14,
  };
  about.addRow([]);
  for (const [label, value] of [
    ['Questionnaire', safeText(template.title)],
    ['Template id', template.id],
    ['Template version', [...new Set([template.version, ...versions])].sort().join(', ')],
    ['Cycle', [...new Set([input.cycle, ...cycles])].sort().join(', ')],
    ['Institutes', `${total} (${withResponse} with a response, ${total - withResponse} not started)`],
    ['Exported at', `${input.exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ['Exported by', safeText(input.exportedBy)],
    ['App version', `NMI Workbench ${input.appVersion}`],
  ] as const) {
    const row = about.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  about.addRow([]);
  for (const line of [
    `"${WIDE_SHEET}": one row per institute and cycle; the first row holds the questions, the second their codes.`,
    'Each response is read with the template version it was answered on; columns are joined by question code.',
    'A question with several answers has a column of the chosen codes and a 0/1 column for each answer.',
    'A question asked once per row of a table (e.g. each need) lists every row’s answer, separated by "; ".',
    `"${LONG_SHEET}": one row per answer (one per chosen answer, one per table row), for pivot tables.`,
    ...(Object.keys(elsewhereSheets).length > 0
      ? [
          '"Support received": one row per entry of each institute’s support ledger for its cycle (received or under way); the questionnaire no longer asks it.',
        ]
      : []),
  ]) {
    about.addRow(['', line]).getCell(2).alignment = WRAP_TOP;
  }
  return toBytes(await workbook.xlsx.writeBuffer());
}

const ELSEWHERE_WORDS: Readonly<Record<AnsweredBy, string>> = {
  'support-ledger': 'from the support ledger',
};

const cellOf = (value: TableCell): ExcelJS.CellValue => (typeof value === 'string' ? safeText(value) : value);

/** The sheet of a table answered elsewhere: who, then the table's own columns. */
function elsewhereSheet(workbook: ExcelJS.Workbook, by: AnsweredBy, table: TableExport): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(by === 'support-ledger' ? 'Support received' : by);
  const header = ws.addRow(['Institute', 'Institute id', 'Economy', 'Cycle', ...table.columns]);
  header.font = HEADER_FONT;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  [36, 14, 18, 8, ...table.columns.map(() => 22)].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length + 4 } };
  return ws;
}

function writeLong(
  long: ExcelJS.Worksheet,
  plan: ReturnPlan,
  evaluation: FormEvaluation,
  who: { name: string; institute: InstituteInfo; cycle: number; version: string },
): void {
  const { template, language } = plan;
  for (const field of evaluation.fields.values()) {
    const { item } = field;
    if (field.elsewhere) continue;
    if (!field.relevant || field.value === null || field.value === undefined || field.value === '') continue;
    if (!inputTypes.includes(item.type) && item.type !== 'calculate') continue;
    // The row of the innermost table the question sits in: its place among that table's rows.
    const instance = /^(.*)#([A-Za-z0-9]+)\/[^/#]+$/.exec(field.key);
    const tableRow = instance
      ? (evaluation.blocks.get(instance[1] ?? '')?.instances.indexOf(instance[2] ?? '') ?? -1) + 1 || null
      : null;
    const labels = item.listName ? choiceTexts(plan, item.listName) : undefined;
    const base = {
      institute: who.name,
      org: who.institute.org,
      economy: safeText(who.institute.economy ?? ''),
      cycle: who.cycle,
      code: item.name,
      question: safeText(pickText(item.label, template, language) || item.name),
      row: tableRow,
    };
    const values = Array.isArray(field.value) ? field.value : [field.value];
    for (const value of values) {
      const cell = cellFor(
        item.type === 'select_multiple' ? { ...item, type: 'text' } : item,
        value,
        undefined,
      );
      const added = long.addRow({
        ...base,
        value: typeof cell === 'number' || cell instanceof Date ? cell : safeText(String(value)),
        valueLabel: labels ? safeText(labels.get(String(value)) ?? '') : null,
        version: who.version,
      });
      if (cell instanceof Date) added.getCell('value').numFmt = 'yyyy-mm-dd';
    }
  }
}
