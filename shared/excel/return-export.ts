/**
 * An institute's return for one response (or a blank one to send to an institute that
 * does not use the app): a cover, one sheet per section, one per repeat, a choices sheet
 * for the dropdowns, and a hidden sheet with what the import needs to read it back.
 */
import ExcelJS from 'exceljs';
import { answerStamp, type AnswerValue, type ResponseDoc } from '../docs/response/schema';
import type { AnsweredBy } from '../forms/answered-elsewhere';
import type { QuestionItem, Template } from '../forms/model';
import { childKey, evaluateForm, instancePrefix, pickText, type FormEvaluation } from '../forms/rules';
import {
  cellFor,
  cellText,
  fingerprint,
  inListOrder,
  MAX_CELL_TEXT,
  plainCell,
  safeText,
  sheetFingerprint,
  YES_NO_LIST,
} from './cells';
import {
  CHOICES_SHEET,
  choiceTexts,
  COVER_SHEET,
  ELSEWHERE_HEADER_ROW,
  IDS_SHEET,
  PARENT_ID_CODE,
  planReturn,
  REPEAT_CODE_ROW,
  REPEAT_FIRST_DATA_ROW,
  REPEAT_LABEL_ROW,
  RETURN_FORMAT,
  RETURN_FORMAT_VERSION,
  ROW_ID_CODE,
  SECTION_COLUMNS,
  SECTION_HEADER_ROW,
  YES,
  type ElsewhereSheet,
  type RepeatSheet,
  type ReturnPlan,
  type SectionSheet,
} from './return-layout';
import type { TableExport } from './table-sheet';
import { columnLetter, HEADER_FILL, HEADER_FONT, MUTED_FONT, toBytes, WRAP_TOP } from './style';

/** Who the return is for, as the cover shows it. */
export interface InstituteInfo {
  org: string;
  name: string;
  acronym?: string;
  economy?: string;
  /** True when the name or economy comes from reference data no source confirmed. */
  inferred?: boolean;
}

export interface ReturnExportInput {
  template: Template;
  institute: InstituteInfo;
  cycle: number;
  /** Absent for a blank return. */
  response?: ResponseDoc;
  exportedAt: Date;
  exportedBy: string;
  appVersion: string;
  language?: string;
  /**
   * What another part of the app answers for this institute and cycle (support received from
   * the support ledger: shared/funding/assessment-support.ts), written on its sheet for reading.
   */
  elsewhere?: Partial<Record<AnsweredBy, TableExport>>;
}

/** Empty rows offered under a repeat's rows, each with its dropdowns, for new entries. */
const SPARE_ROWS = 100;

export function returnFileName(
  institute: InstituteInfo,
  template: Template,
  cycle: number,
  blank = false,
): string {
  const who = (institute.acronym || institute.org).replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${who}-${template.id}-${cycle}${blank ? '-blank' : ''}-return.xlsx`;
}

interface Context {
  plan: ReturnPlan;
  evaluation: FormEvaluation;
  response: ResponseDoc | undefined;
  /** Choice labels per list, for cells and dropdowns. */
  labels: Map<string, Map<string, string>>;
  /** The range of each list's labels on the choices sheet. */
  ranges: Map<string, string>;
  /** Rows of the hidden sheet: every exported answer's fingerprint and stamp. */
  snapshot: (string | number)[][];
}

export async function exportReturn(input: ReturnExportInput): Promise<Uint8Array> {
  const { template, response } = input;
  const plan = planReturn(template, input.language);
  const answers: Record<string, AnswerValue> = {};
  for (const [key, entry] of Object.entries(response?.answers ?? {})) answers[key] = entry.value;
  const evaluation = evaluateForm(template, answers, { now: input.exportedAt });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `NMI Workbench ${input.appVersion}`;
  workbook.created = input.exportedAt;

  const labels = new Map(plan.lists.map((list) => [list, choiceTexts(plan, list)]));
  const context: Context = { plan, evaluation, response, labels, ranges: new Map(), snapshot: [] };
  writeCover(workbook.addWorksheet(COVER_SHEET), input);
  const sheets = plan.sheets.map((sheet) => ({ sheet, worksheet: workbook.addWorksheet(sheet.sheetName) }));
  writeChoices(workbook.addWorksheet(CHOICES_SHEET), context);
  for (const { sheet, worksheet } of sheets) {
    if (sheet.kind === 'section') writeSection(worksheet, sheet, context);
    else if (sheet.kind === 'repeat') writeRepeat(worksheet, sheet, context);
    else await writeElsewhere(worksheet, sheet, input.elsewhere?.[sheet.by], context);
  }
  writeIds(workbook.addWorksheet(IDS_SHEET, { state: 'hidden' }), input, context);
  return toBytes(await workbook.xlsx.writeBuffer());
}

function statusText(response: ResponseDoc | undefined): string {
  if (!response) return 'Not started (blank return)';
  const revision = response.revision > 1 ? `, revision ${response.revision}` : '';
  return `${response.status === 'submitted' ? 'Submitted' : 'Draft'}${revision}`;
}

function writeCover(ws: ExcelJS.Worksheet, input: ReturnExportInput): void {
  const { template, institute } = input;
  ws.columns = [{ width: 24 }, { width: 70 }];
  ws.addRow([safeText(`${template.title}: return for ${input.cycle}`)]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const rows: [string, string | number][] = [
    ['Institute', safeText(institute.acronym ? `${institute.name} (${institute.acronym})` : institute.name)],
    ['Institute id', institute.org],
    ['Economy', safeText(institute.economy ?? '')],
    ['Questionnaire', safeText(template.title)],
    ['Template id', template.id],
    ['Template version', template.version],
    ['Cycle', input.cycle],
    ['Status', statusText(input.response)],
    ['Exported at', `${input.exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ['Exported by', safeText(input.exportedBy)],
    ['App version', `NMI Workbench ${input.appVersion}`],
  ];
  for (const [label, value] of rows) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  if (institute.inferred) {
    ws.addRow([
      '',
      'The institute’s name or economy comes from reference data that no source confirmed.',
    ]).font = MUTED_FONT;
  }
  ws.addRow([]);
  const help = [
    'How to fill in this return:',
    '• Each section has a sheet. Write answers in the Answer column; where a cell has a dropdown, choose from it.',
    '• For questions with several answers, mark Yes on each line that applies.',
    '• Tables (one row each) are on sheets of their own: add rows at the bottom and leave the Row id empty.',
    '• Do not change the Code column, the codes row of a table, or the sheet names: the import reads them.',
    '• Grey lines are calculated by the app and are not read back.',
    '• Then import the file in NMI Workbench ("Import a filled return"); it lists anything it cannot read.',
  ];
  for (const line of help) ws.addRow(['', line]).getCell(2).alignment = WRAP_TOP;
}

function writeChoices(ws: ExcelJS.Worksheet, context: Context): void {
  const { plan, labels, ranges } = context;
  ws.getRow(1).font = HEADER_FONT;
  plan.lists.forEach((list, index) => {
    const labelCol = index * 2 + 1;
    const codeCol = labelCol + 1;
    ws.getColumn(labelCol).width = 40;
    ws.getColumn(codeCol).width = 16;
    ws.getCell(1, labelCol).value = list;
    ws.getCell(1, codeCol).value = 'code';
    const texts = labels.get(list) ?? new Map<string, string>();
    let row = 2;
    for (const [code, label] of texts) {
      ws.getCell(row, labelCol).value = safeText(label);
      ws.getCell(row, codeCol).value = safeText(code);
      row++;
    }
    const letter = columnLetter(labelCol);
    ranges.set(list, `'${CHOICES_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, row - 1)}`);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function listValidation(context: Context, item: QuestionItem): ExcelJS.DataValidation | undefined {
  if (item.type === 'select_one' && item.listName) {
    const range = context.ranges.get(item.listName);
    if (!range) return undefined;
    return {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not in the list',
      error: 'Choose one of the answers in the dropdown.',
    };
  }
  if (item.type === 'acknowledge' || item.type === 'select_multiple') {
    return { type: 'list', allowBlank: true, formulae: [YES_NO_LIST] };
  }
  return undefined;
}

/** Remembers what was exported for a key, so the import can tell what the workbook changed. */
function remember(context: Context, key: string, item: QuestionItem): void {
  const entry = context.response?.answers[key];
  const value = context.evaluation.fields.get(key)?.value ?? entry?.value;
  const stamp = entry ? answerStamp(entry) : '';
  if (item.type === 'select_multiple') {
    const listed = (context.plan.template.choiceLists[item.listName ?? ''] ?? []).map((c) => c.name);
    const chosen = Array.isArray(value) && value.length > 0 ? inListOrder(value, listed) : null;
    context.snapshot.push(['answer', key, fingerprint(chosen), stamp, '']);
    return;
  }
  // What the cell shows: an untouched cell reads back the same text, however its answer parses.
  const shown = cellText(plainCell(cellFor(item, value, labelsOf(context, item))));
  const cut = textLength(value) > MAX_CELL_TEXT ? 'cut' : '';
  context.snapshot.push(['answer', key, fingerprint(shown), stamp, cut]);
}

function labelsOf(context: Context, item: QuestionItem): Map<string, string> | undefined {
  return item.listName ? context.labels.get(item.listName) : undefined;
}

function choiceText(context: Context, item: QuestionItem, code: string): string {
  return labelsOf(context, item)?.get(code) ?? code;
}

function textLength(value: AnswerValue | undefined): number {
  return typeof value === 'string' ? value.length : 0;
}

function hintFor(context: Context, item: QuestionItem, key: string): string {
  const { template, language } = context.plan;
  const parts: string[] = [];
  const hint = pickText(item.hint, template, language);
  if (hint) parts.push(hint);
  switch (item.type) {
    case 'integer':
      parts.push('Whole number.');
      break;
    case 'decimal':
      parts.push('Number.');
      break;
    case 'date':
      parts.push('Date (yyyy-mm-dd).');
      break;
    case 'select_one':
      parts.push('Choose from the dropdown.');
      break;
    case 'select_multiple':
      parts.push('Mark Yes on each line below that applies.');
      break;
    default:
      break;
  }
  const field = context.evaluation.fields.get(key);
  if (field && field.required) parts.push('Required.');
  if (field && !field.relevant) parts.push('Not needed with the answers given so far.');
  if (textLength(field?.value) > MAX_CELL_TEXT)
    parts.push('Too long for a spreadsheet cell: shortened here, kept whole in the app; edit it in the app.');
  return safeText(parts.join(' '));
}

function writeSection(ws: ExcelJS.Worksheet, sheet: SectionSheet, context: Context): void {
  const { plan, evaluation } = context;
  ws.columns = [{ width: 22 }, { width: 60 }, { width: 34 }, { width: 40 }, { width: 30 }];
  const title = ws.getCell(1, 1);
  title.value = safeText(sheet.title);
  title.font = { bold: true, size: 13 };
  const header = ws.getRow(SECTION_HEADER_ROW);
  header.values = [...SECTION_COLUMNS];
  header.font = HEADER_FONT;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  ws.views = [{ state: 'frozen', ySplit: SECTION_HEADER_ROW }];
  let rowNumber = SECTION_HEADER_ROW + 1;
  for (const line of sheet.lines) {
    const row = ws.getRow(rowNumber++);
    row.alignment = WRAP_TOP;
    if (line.kind === 'heading') {
      row.getCell(2).value = safeText(line.text);
      row.getCell(2).font = { bold: true };
      continue;
    }
    const { item } = line;
    const question = pickText(item.label, plan.template, plan.language) || item.name;
    row.getCell(1).value = line.code;
    row.getCell(1).font = MUTED_FONT;
    const field = evaluation.fields.get(item.name);
    switch (line.kind) {
      case 'question': {
        const cell = row.getCell(3);
        cell.value = cellFor(item, field?.value, labelsOf(context, item));
        if (item.type === 'date') cell.numFmt = 'yyyy-mm-dd';
        const validation = listValidation(context, item);
        if (validation) cell.dataValidation = validation;
        row.getCell(2).value = safeText(question);
        row.getCell(4).value = hintFor(context, item, item.name);
        remember(context, item.name, item);
        break;
      }
      case 'multiple':
        row.getCell(2).value = safeText(question);
        row.getCell(4).value = hintFor(context, item, item.name);
        remember(context, item.name, item);
        break;
      case 'choice': {
        const chosen = Array.isArray(field?.value) && field.value.includes(line.choice.name);
        row.getCell(2).value = safeText(`    ${choiceText(context, item, line.choice.name)}`);
        row.getCell(3).value = chosen ? YES : null;
        row.getCell(3).dataValidation = { type: 'list', allowBlank: true, formulae: [YES_NO_LIST] };
        row.getCell(4).value = safeText(`code ${line.choice.name}`);
        row.getCell(4).font = MUTED_FONT;
        break;
      }
      case 'calculated':
        row.getCell(2).value = safeText(question);
        row.getCell(3).value = cellFor(item, field?.value);
        row.getCell(4).value = 'Calculated by the app; not read back.';
        row.font = { ...MUTED_FONT, italic: true };
        break;
    }
  }
}

/** Every instance of a repeat, with the prefix of its answer keys and its parent's row id. */
export function repeatInstances(
  sheet: RepeatSheet,
  evaluation: FormEvaluation,
): { prefix: string; id: string; parent: string }[] {
  let frames: { prefix: string; parent: string }[] = [{ prefix: '', parent: '' }];
  for (const parent of sheet.parents) {
    frames = frames.flatMap((frame) => {
      const key = childKey(frame.prefix, parent.name);
      return (evaluation.blocks.get(key)?.instances ?? []).map((id) => ({
        prefix: instancePrefix(key, id),
        parent: frame.parent ? `${frame.parent}/${id}` : id,
      }));
    });
  }
  return frames.flatMap((frame) => {
    const key = childKey(frame.prefix, sheet.repeat.name);
    return (evaluation.blocks.get(key)?.instances ?? []).map((id) => ({
      prefix: instancePrefix(key, id),
      id,
      parent: frame.parent,
    }));
  });
}

function writeRepeat(ws: ExcelJS.Worksheet, sheet: RepeatSheet, context: Context): void {
  const { plan, evaluation } = context;
  const nested = sheet.parents.length > 0;
  const fixed = sheet.repeat.repeatCount !== undefined;
  const lead = nested ? 2 : 1;
  const labelRow = ws.getRow(REPEAT_LABEL_ROW);
  const codeRow = ws.getRow(REPEAT_CODE_ROW);
  labelRow.getCell(1).value = fixed
    ? 'Row id (one row each, fixed by the app)'
    : 'Row id (leave empty for a new row)';
  codeRow.getCell(1).value = ROW_ID_CODE;
  ws.getColumn(1).width = 14;
  if (nested) {
    labelRow.getCell(2).value = `Row id on ${sheet.parents.map((p) => p.name).join(' / ')}`;
    codeRow.getCell(2).value = PARENT_ID_CODE;
    ws.getColumn(2).width = 14;
  }
  sheet.columns.forEach((column, index) => {
    const col = lead + index + 1;
    const { item } = column;
    const question = pickText(item.label, plan.template, plan.language) || item.name;
    labelRow.getCell(col).value = safeText(
      column.kind === 'choice' ? `${question}: ${choiceText(context, item, column.choice.name)}` : question,
    );
    codeRow.getCell(col).value = column.code;
    ws.getColumn(col).width = column.kind === 'choice' ? 16 : item.type === 'text' ? 40 : 22;
    if (item.type === 'date') ws.getColumn(col).numFmt = 'yyyy-mm-dd';
  });
  labelRow.font = HEADER_FONT;
  labelRow.alignment = WRAP_TOP;
  labelRow.eachCell((cell) => (cell.fill = HEADER_FILL));
  codeRow.font = MUTED_FONT;
  ws.views = [{ state: 'frozen', ySplit: REPEAT_CODE_ROW, xSplit: lead }];

  const instances = repeatInstances(sheet, evaluation);
  const lists = new Map<string, string[]>();
  for (const instance of instances) {
    const listKey = instance.prefix.slice(0, instance.prefix.lastIndexOf('#'));
    lists.set(listKey, [...(lists.get(listKey) ?? []), instance.id]);
  }
  for (const [listKey, ids] of lists) context.snapshot.push(['rows', listKey, ids.join(' ')]);
  instances.forEach((instance, index) => {
    const row = ws.getRow(REPEAT_FIRST_DATA_ROW + index);
    row.alignment = WRAP_TOP;
    row.getCell(1).value = instance.id;
    row.getCell(1).font = MUTED_FONT;
    if (nested) row.getCell(2).value = instance.parent;
    sheet.columns.forEach((column, c) => {
      const cell = row.getCell(lead + c + 1);
      const key = childKey(instance.prefix, column.item.name);
      const value = evaluation.fields.get(key)?.value;
      if (column.kind === 'choice') {
        cell.value = Array.isArray(value) && value.includes(column.choice.name) ? YES : null;
        return;
      }
      cell.value = cellFor(column.item, value, labelsOf(context, column.item));
      if (column.kind === 'calculated') cell.font = { ...MUTED_FONT, italic: true };
    });
    for (const item of new Set(sheet.columns.filter((c) => c.kind !== 'calculated').map((c) => c.item))) {
      remember(context, childKey(instance.prefix, item.name), item);
    }
  });
  // Dropdowns on every existing row and on spare rows below.
  const last = REPEAT_FIRST_DATA_ROW + instances.length + (fixed ? 0 : SPARE_ROWS) - 1;
  sheet.columns.forEach((column, index) => {
    if (column.kind === 'calculated') return;
    const validation =
      column.kind === 'choice'
        ? ({ type: 'list', allowBlank: true, formulae: [YES_NO_LIST] } as ExcelJS.DataValidation)
        : listValidation(context, column.item);
    if (!validation) return;
    for (let r = REPEAT_FIRST_DATA_ROW; r <= last; r++)
      ws.getCell(r, lead + index + 1).dataValidation = validation;
  });
}

const ELSEWHERE_NOTE: Readonly<Record<AnsweredBy, string>> = {
  'support-ledger':
    'Read from the support ledger in NMI Workbench, for reading only: the import does not read this sheet back. Record or change support received in the app (Funding → Support ledger), or tell the secretariat.',
};

/** A table another part of the app answers: for reading, protected (no password), never imported. */
async function writeElsewhere(
  ws: ExcelJS.Worksheet,
  sheet: ElsewhereSheet,
  table: TableExport | undefined,
  context: Context,
): Promise<void> {
  ws.getCell(1, 1).value = safeText(sheet.title);
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = ELSEWHERE_NOTE[sheet.by];
  ws.getCell(2, 1).font = MUTED_FONT;
  const columns = table?.columns ?? [];
  const header = ws.getRow(ELSEWHERE_HEADER_ROW);
  header.values = columns.map((c) => safeText(c));
  header.font = HEADER_FONT;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  const rows = table?.rows ?? [];
  rows.forEach((values, index) => {
    const row = ws.getRow(ELSEWHERE_HEADER_ROW + 1 + index);
    row.values = values.map((v) => (typeof v === 'string' ? safeText(v) : v));
    row.alignment = WRAP_TOP;
  });
  if (rows.length === 0) ws.getCell(ELSEWHERE_HEADER_ROW + 1, 1).value = 'None recorded for this cycle.';
  columns.forEach((column, i) => {
    const longest = Math.max(column.length, ...rows.map((r) => String(r[i] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(50, Math.max(12, longest + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: ELSEWHERE_HEADER_ROW }];
  // Protected without a password: a slip of the keyboard cannot look like an answer.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  context.snapshot.push(['elsewhere', sheet.name, sheetFingerprint(ws, ELSEWHERE_HEADER_ROW)]);
}

function writeIds(ws: ExcelJS.Worksheet, input: ReturnExportInput, context: Context): void {
  const { response } = input;
  const rows: (string | number)[][] = [
    ['format', RETURN_FORMAT, RETURN_FORMAT_VERSION],
    ['org', input.institute.org],
    ['template', input.template.id, input.template.version],
    ['cycle', input.cycle],
    ['language', context.plan.language],
    ['response', response?._id ?? '', response?.revision ?? 0, response?.status ?? ''],
    ['exported', input.exportedAt.toISOString(), safeText(input.exportedBy), input.appVersion],
    ...context.plan.sheets.map((s) => ['sheet', s.sheetName, s.kind, s.name]),
    ...context.snapshot,
  ];
  for (const row of rows) ws.addRow(row);
}
