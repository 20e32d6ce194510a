/**
 * Reading a filled return back. `openReturn` checks the file (size, unpacked size, rows,
 * damage) and finds the hidden sheet that says which institute, questionnaire and cycle
 * it is; `checkReturn` reads every cell against the template and the response as it is
 * now, and reports each problem with its sheet, cell, question, what is wrong and what is
 * expected; `applyReturn` makes the next revision of the response from a clean report, all
 * at once. Nothing is written by this module.
 *
 * Only what the workbook changed is applied: each exported answer's fingerprint is kept in
 * the hidden sheet, so an answer edited in the app after the export is not overwritten by
 * the stale copy in an untouched cell (and where both changed, the report says so).
 */
import ExcelJS from 'exceljs';
import { answerStamp, type AnswerValue, type ResponseDoc } from '../docs/response/schema';
import type { AnsweredBy } from '../forms/answered-elsewhere';
import type { QuestionItem, Template } from '../forms/model';
import { childKey, evaluateForm, instanceIds, instancePrefix, newInstanceId, pickText } from '../forms/rules';
import {
  answerFromCell,
  cellText,
  fingerprint,
  inListOrder,
  plainCell,
  sheetFingerprint,
  yesNo,
  type PlainCell,
} from './cells';
import { guardWorkbook } from './guard';
import { SLUG_PATTERN } from '../ids';
import {
  CHOICES_SHEET,
  choiceTexts,
  COVER_SHEET,
  ELSEWHERE_HEADER_ROW,
  IDS_SHEET,
  PARENT_ID_CODE,
  planReturn,
  RETURN_FORMAT,
  RETURN_FORMAT_VERSION,
  ROW_ID_CODE,
  REPEAT_FIRST_DATA_ROW,
  type ElsewhereSheet,
  type RepeatSheet,
  type ReturnPlan,
  type SectionSheet,
} from './return-layout';

export interface ReturnProblem {
  severity: 'error' | 'warning';
  /** The sheet's name, or `(file)` for the workbook as a whole. */
  sheet: string;
  /** e.g. `C7`. */
  cell?: string;
  code?: string;
  question?: string;
  problem: string;
  expected?: string;
}

export interface ExportedAnswer {
  fingerprint: string;
  /** `at|by` of the answer when exported; empty when it had none. */
  stamp: string;
  /** True when the text was longer than a cell and was shortened in the workbook. */
  cut: boolean;
}

export interface ReturnMeta {
  org: string;
  templateId: string;
  templateVersion: string;
  cycle: number;
  language: string;
  /** Empty for a blank return. */
  responseId: string;
  revision: number;
  exportedAt: string;
  exportedBy: string;
  sheets: { sheetName: string; kind: string; name: string }[];
  answers: Map<string, ExportedAnswer>;
  /** Row ids of each repeat when exported, by the repeat's answer key. */
  rows: Map<string, string[]>;
  /** What each sheet written for reading showed when exported (its fingerprint), by name. */
  elsewhere: Map<string, string>;
}

export type OpenedReturn =
  { ok: true; meta: ReturnMeta; workbook: ExcelJS.Workbook } | { ok: false; problems: ReturnProblem[] };

function fileProblem(problem: string, expected?: string): ReturnProblem {
  return { severity: 'error', sheet: '(file)', problem, ...(expected ? { expected } : {}) };
}

const NOT_A_RETURN =
  'Export the institute’s return (Export to Excel on its response in NMI Workbench, or `workbench export --institute SLUG --template ID --cycle YEAR`), fill that one in, and import it.';

/** Checks the file and reads the hidden sheet that identifies the return. */
export async function openReturn(bytes: Uint8Array): Promise<OpenedReturn> {
  if (bytes.length === 0) return { ok: false, problems: [fileProblem('The file is empty.')] };
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    return {
      ok: false,
      problems: [
        fileProblem(
          'This is an old-style Excel workbook (.xls), which cannot be read.',
          'Save it from Excel or LibreOffice as an Excel workbook (.xlsx).',
        ),
      ],
    };
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return {
      ok: false,
      problems: [fileProblem('This file is not an Excel workbook (.xlsx).', NOT_A_RETURN)],
    };
  }
  const guard = guardWorkbook(bytes, undefined, 'The file');
  if (!guard.ok) return { ok: false, problems: [fileProblem(guard.message, guard.fix)] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    // ExcelJS's own message names its internals (e.g. "reading 'richText'"), not the file.
    return {
      ok: false,
      problems: [
        fileProblem(
          'The file could not be read as an Excel workbook: it may be damaged or cut short.',
          'Open it in Excel or LibreOffice, check it, and save it again as .xlsx.',
        ),
      ],
    };
  }
  const ids = findSheet(workbook, IDS_SHEET);
  if (!ids) {
    return {
      ok: false,
      problems: [
        fileProblem(
          `This workbook is not an NMI Workbench return: its hidden sheet "${IDS_SHEET}" is missing.`,
          NOT_A_RETURN,
        ),
      ],
    };
  }
  const meta = readMeta(ids);
  if (typeof meta === 'string') return { ok: false, problems: [fileProblem(meta, NOT_A_RETURN)] };
  const cover = checkCover(workbook, meta);
  if (cover) return { ok: false, problems: [cover] };
  return { ok: true, meta, workbook };
}

/** What the user chose to import into: the response open in the app, or `--org`/`--cycle`. */
export interface ReturnTarget {
  org: string;
  cycle: number;
  /** When a questionnaire was chosen too (a response open in the app). */
  templateId?: string;
}

const EXPORT_AGAIN =
  'Import a return as NMI Workbench exported it. If it is for another institute or cycle, export the return of the right one and fill that in.';

/** The cover's rows the hidden sheet must agree with, by their label in column A. */
const COVER_FIELDS = [
  { label: 'Institute id', what: 'institute', of: (m: ReturnMeta) => m.org },
  { label: 'Template id', what: 'questionnaire', of: (m: ReturnMeta) => m.templateId },
  { label: 'Template version', what: 'questionnaire version', of: (m: ReturnMeta) => m.templateVersion },
  { label: 'Cycle', what: 'cycle', of: (m: ReturnMeta) => String(m.cycle) },
] as const;

/**
 * The hidden sheet is only trusted where the cover a person reads says the same: a
 * return whose hidden institute, questionnaire or cycle was changed is refused.
 */
function checkCover(workbook: ExcelJS.Workbook, meta: ReturnMeta): ReturnProblem | undefined {
  const cover = findSheet(workbook, COVER_SHEET);
  if (!cover) {
    return fileProblem(
      `The sheet "${COVER_SHEET}" is missing, so the app cannot check which institute, questionnaire and cycle this return is for.`,
      EXPORT_AGAIN,
    );
  }
  const found = new Map<string, { text: string; cell: string }>();
  for (let r = 1; r <= Math.min(cover.rowCount, 30); r++) {
    const row = cover.getRow(r);
    const label = textAt(row, 1);
    if (!found.has(label)) found.set(label, { text: textAt(row, 2), cell: row.getCell(2).address });
  }
  for (const field of COVER_FIELDS) {
    const shown = found.get(field.label);
    const hidden = field.of(meta);
    if (!shown) {
      return fileProblem(
        `The sheet "${COVER_SHEET}" has lost its row "${field.label}", so the app cannot check which ${field.what} this return is for.`,
        EXPORT_AGAIN,
      );
    }
    if (shown.text !== hidden) {
      return {
        severity: 'error',
        sheet: COVER_SHEET,
        cell: shown.cell,
        problem: `The cover says the ${field.what} is "${clip(shown.text)}", but the return’s hidden sheet "${IDS_SHEET}" says "${clip(hidden)}": one of them was changed after the export, so the app cannot tell whose return this is.`,
        expected: EXPORT_AGAIN,
      };
    }
  }
  return undefined;
}

/**
 * Refuses a return that is not for the institute and cycle the user chose. The hidden
 * sheet says whose return it is only as far as its cover agrees (checked on opening);
 * the user's choice decides where it is written.
 */
export function checkTarget(meta: ReturnMeta, target: ReturnTarget): ReturnProblem | undefined {
  const mismatches = [
    meta.org !== target.org ? `institute "${clip(meta.org)}"` : '',
    meta.cycle !== target.cycle ? `cycle ${meta.cycle}` : '',
    target.templateId !== undefined && meta.templateId !== target.templateId
      ? `questionnaire "${clip(meta.templateId)}"`
      : '',
  ].filter(Boolean);
  if (mismatches.length === 0) return undefined;
  const chosen = [
    `institute "${target.org}"`,
    `cycle ${target.cycle}`,
    ...(target.templateId !== undefined ? [`questionnaire "${target.templateId}"`] : []),
  ];
  return {
    severity: 'error',
    sheet: COVER_SHEET,
    problem: `This return is for ${mismatches.join(' and ')} (as its cover says), not for the ${chosen.join(', ')} chosen for this import. Nothing was read from it.`,
    expected:
      'Import it into the response it was exported from, or export the return of the response you meant and fill that one in.',
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    workbook.worksheets.find((ws) => ws.name === name) ??
    workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === wanted)
  );
}

function textAt(row: ExcelJS.Row, col: number): string {
  return cellText(plainCell(row.getCell(col).value)).trim();
}

function readMeta(ws: ExcelJS.Worksheet): ReturnMeta | string {
  const values = new Map<string, string[]>();
  const sheets: ReturnMeta['sheets'] = [];
  const answers = new Map<string, ExportedAnswer>();
  const rows = new Map<string, string[]>();
  const elsewhere = new Map<string, string>();
  ws.eachRow((row) => {
    const key = textAt(row, 1);
    const cells = [2, 3, 4, 5].map((c) => textAt(row, c));
    if (key === 'sheet')
      sheets.push({ sheetName: cells[0] ?? '', kind: cells[1] ?? '', name: cells[2] ?? '' });
    else if (key === 'answer')
      answers.set(cells[0] ?? '', {
        fingerprint: cells[1] ?? '',
        stamp: cells[2] ?? '',
        cut: cells[3] === 'cut',
      });
    else if (key === 'rows') rows.set(cells[0] ?? '', (cells[1] ?? '').split(' ').filter(Boolean));
    else if (key === 'elsewhere') elsewhere.set(cells[0] ?? '', cells[1] ?? '');
    else if (key) values.set(key, cells);
  });
  const [format, version] = values.get('format') ?? [];
  if (format !== RETURN_FORMAT) return `The hidden sheet "${IDS_SHEET}" does not describe a return.`;
  if (Number(version) > RETURN_FORMAT_VERSION)
    return 'This return was exported by a newer version of NMI Workbench. Update the app, then import it.';
  const [org = ''] = values.get('org') ?? [];
  const [templateId = '', templateVersion = ''] = values.get('template') ?? [];
  const cycle = Number(values.get('cycle')?.[0]);
  if (!org || !templateId || !templateVersion || !Number.isInteger(cycle)) {
    return `The hidden sheet "${IDS_SHEET}" was changed: it no longer says which institute, questionnaire and cycle the return is for.`;
  }
  // What no export writes (and what would break an id or a request) is refused here, in words.
  if (!SLUG_PATTERN.test(org)) {
    return `The hidden sheet "${IDS_SHEET}" was changed: "${clip(org)}" is not an institute id (1 to 40 lower-case letters, digits or hyphens).`;
  }
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(templateId) || !/^[A-Za-z0-9_.-]{1,100}$/.test(templateVersion)) {
    return `The hidden sheet "${IDS_SHEET}" was changed: "${clip(templateId)}" version "${clip(templateVersion)}" is not a questionnaire id and version.`;
  }
  if (cycle < 2000 || cycle > 2100) {
    return `The hidden sheet "${IDS_SHEET}" was changed: ${cycle} is not a cycle (a year from 2000 to 2100).`;
  }
  const [responseId = '', revision = '0'] = values.get('response') ?? [];
  const [exportedAt = '', exportedBy = ''] = values.get('exported') ?? [];
  return {
    org,
    templateId,
    templateVersion,
    cycle,
    language: values.get('language')?.[0] ?? '',
    responseId,
    revision: Number(revision) || 0,
    exportedAt,
    exportedBy,
    sheets,
    answers,
    rows,
    elsewhere,
  };
}

export interface CheckOptions {
  /** The questionnaire named in the return, if this computer (or server) has it. */
  template: Template | undefined;
  /** The institute's response for that questionnaire and cycle as it is now, if any. */
  current: ResponseDoc | undefined;
  /** Submit the response with these answers: every required answer must then be there. */
  submit: boolean;
  now: Date;
  newId?: () => string;
}

export interface ReturnSummary {
  /** Answers the workbook changes (repeat rows counted once each below). */
  changedAnswers: number;
  rowsAdded: { sheet: string; count: number }[];
  rowsRemoved: { sheet: string; count: number }[];
  /**
   * Sheets shown for reading and never read back (support received, from the support ledger):
   * the report says so, and whether someone changed them.
   */
  notRead: { sheet: string; by: AnsweredBy; changed: boolean }[];
}

export interface ReturnReport {
  meta: ReturnMeta;
  problems: ReturnProblem[];
  /** Answer key → new value: what applying writes. */
  changes: Record<string, AnswerValue>;
  summary: ReturnSummary;
  submit: boolean;
  /** True when nothing blocks applying (warnings may remain). */
  canApply: boolean;
}

/** The Yes/No cells read for each select_multiple, by its answer key. */
type Marks = Map<string, { item: QuestionItem; chosen: Set<string>; present: Set<string>; place: Place }>;

interface Place {
  sheet: string;
  sheetIndex: number;
  row: number;
  cell: string;
  code: string;
  question: string;
}

/** What the report says of a sheet shown for reading, in the command's words (the app has its own). */
export function notReadSentence(sheet: ReturnSummary['notRead'][number]): string {
  return `The sheet "${sheet.sheet}" shows support received from the support ledger and is not read back${sheet.changed ? ' (it was changed: those changes were not imported)' : ''}; record support received in the app's support ledger.`;
}

/** Reads every cell of the return against the template and the current response. */
export function checkReturn(
  opened: Extract<OpenedReturn, { ok: true }>,
  options: CheckOptions,
): ReturnReport {
  return new ReturnReader(opened, options).read();
}

class ReturnReader {
  private readonly problems: (ReturnProblem & { order: number[] })[] = [];
  private readonly values = new Map<string, AnswerValue>();
  private readonly places = new Map<string, Place>();
  private readonly lists = new Map<string, string[]>();
  private readonly summary: ReturnSummary = {
    changedAnswers: 0,
    rowsAdded: [],
    rowsRemoved: [],
    notRead: [],
  };
  private readonly current: Record<string, AnswerValue> = {};
  private plan: ReturnPlan | undefined;
  /** The tab each planned sheet was found under, by the section's or repeat's name. */
  private readonly sheetNames = new Map<string, { name: string; index: number }>();
  private readonly newId: () => string;

  constructor(
    private readonly opened: Extract<OpenedReturn, { ok: true }>,
    private readonly options: CheckOptions,
  ) {
    this.newId = options.newId ?? newInstanceId;
    for (const [key, entry] of Object.entries(options.current?.answers ?? {}))
      this.current[key] = entry.value;
  }

  read(): ReturnReport {
    const { meta } = this.opened;
    const { template, current } = this.options;
    const report = (changes: Record<string, AnswerValue>): ReturnReport => {
      const problems = this.problems
        .sort((a, b) => compareOrder(a.order, b.order))
        .map(({ order: _order, ...problem }) => problem);
      return {
        meta,
        problems,
        changes,
        summary: this.summary,
        submit: this.options.submit,
        canApply: !problems.some((p) => p.severity === 'error'),
      };
    };
    if (!template || template.id !== meta.templateId || template.version !== meta.templateVersion) {
      this.fileProblem(
        `The return is for the questionnaire "${meta.templateId}" version ${meta.templateVersion}, which is not on this computer.`,
        'Import that questionnaire first (or update the app), then import the return again.',
      );
      return report({});
    }
    if (current && current.templateVersion !== meta.templateVersion) {
      this.fileProblem(
        `The institute’s ${meta.cycle} response uses version ${current.templateVersion} of "${template.title}", but this return was exported for version ${meta.templateVersion}.`,
        'Export a new return from the response and fill that one in.',
      );
      return report({});
    }
    this.plan = planReturn(template, meta.language || template.defaultLanguage);
    this.readSheets();
    const changes = this.changes();
    this.checkRules(changes);
    return report(changes);
  }

  private fileProblem(problem: string, expected?: string, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({
      severity,
      sheet: '(file)',
      problem,
      ...(expected ? { expected } : {}),
      order: [-1, 0],
    });
  }

  private problemAt(
    place: Omit<Place, 'code' | 'question'> & Partial<Pick<Place, 'code' | 'question'>>,
    problem: string,
    expected?: string,
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.problems.push({
      severity,
      sheet: place.sheet,
      cell: place.cell,
      ...(place.code ? { code: place.code } : {}),
      ...(place.question ? { question: place.question } : {}),
      problem,
      ...(expected ? { expected } : {}),
      order: [place.sheetIndex, place.row, columnNumber(place.cell)],
    });
  }

  private sheetProblem(
    sheet: string,
    sheetIndex: number,
    problem: string,
    expected?: string,
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.problems.push({
      severity,
      sheet,
      problem,
      ...(expected ? { expected } : {}),
      order: [sheetIndex, 0],
    });
  }

  private label(item: QuestionItem): string {
    const plan = this.plan as ReturnPlan;
    return pickText(item.label, plan.template, plan.language) || item.name;
  }

  private labels(item: QuestionItem): Map<string, string> | undefined {
    return item.listName ? choiceTexts(this.plan as ReturnPlan, item.listName) : undefined;
  }

  private readSheets(): void {
    const plan = this.plan as ReturnPlan;
    const { workbook } = this.opened;
    const known = new Set([COVER_SHEET, CHOICES_SHEET, IDS_SHEET].map((n) => n.toLowerCase()));
    plan.sheets.forEach((planned, index) => {
      // The names written at export are the ones to look for (a later app may name tabs differently).
      // A table another feature now answers was a repeat in returns exported before it did.
      const written = this.opened.meta.sheets.find(
        (s) => s.name === planned.name && (s.kind === planned.kind || planned.kind === 'elsewhere'),
      );
      const sheet = written ? { ...planned, sheetName: written.sheetName } : planned;
      this.sheetNames.set(planned.name, { name: sheet.sheetName, index });
      known.add(sheet.sheetName.toLowerCase());
      const ws = findSheet(workbook, sheet.sheetName);
      if (sheet.kind === 'elsewhere') {
        if (ws) this.notRead(ws, sheet, written?.kind ?? sheet.kind, index);
        return;
      }
      if (!ws) {
        this.sheetProblem(
          sheet.sheetName,
          index,
          `The sheet "${sheet.sheetName}" is missing, so its answers stay as they are in the app.`,
          'If it was renamed, give it back its name.',
          'warning',
        );
        return;
      }
      if (sheet.kind === 'section') this.readSection(ws, sheet, index);
      else this.readRepeat(ws, sheet, index);
    });
    for (const ws of workbook.worksheets) {
      if (!known.has(ws.name.trim().toLowerCase())) {
        this.sheetProblem(
          ws.name,
          plan.sheets.length,
          `The sheet "${ws.name}" is not part of this return; it was not read.`,
          'Answers belong on the sheets the return came with.',
          'warning',
        );
      }
    }
  }

  /**
   * A sheet shown for reading (support received from the support ledger) is never read back:
   * the report says so, and warns when the sheet was changed, since those changes go nowhere.
   * In a return exported before the ledger answered it, the sheet was a table to fill in: any
   * row on it is reported as not imported.
   */
  private notRead(ws: ExcelJS.Worksheet, sheet: ElsewhereSheet, writtenAs: string, sheetIndex: number): void {
    const exported = this.opened.meta.elsewhere.get(sheet.name);
    let changed: boolean;
    if (writtenAs === 'elsewhere' && exported !== undefined) {
      changed = sheetFingerprint(ws, ELSEWHERE_HEADER_ROW) !== exported;
    } else {
      let rows = 0;
      ws.eachRow((row, n) => {
        if (n < REPEAT_FIRST_DATA_ROW) return;
        const filled = (row.values as unknown[])
          .slice(2)
          .some((v) => cellText(plainCell(v as ExcelJS.CellValue)).trim());
        if (filled) rows++;
      });
      changed = rows > 0;
    }
    this.summary.notRead.push({ sheet: sheet.sheetName, by: sheet.by, changed });
    if (changed)
      this.sheetProblem(
        sheet.sheetName,
        sheetIndex,
        `What is written on the sheet "${sheet.sheetName}" was not imported: support received is kept in the support ledger, not in the questionnaire.`,
        'Record or change support received in NMI Workbench (Funding → Support ledger), or tell the secretariat.',
        'warning',
      );
  }

  private readSection(ws: ExcelJS.Worksheet, sheet: SectionSheet, sheetIndex: number): void {
    const header = findHeader(ws, (text) => text.toLowerCase() === 'code');
    const columns = header ? headerColumns(ws.getRow(header)) : new Map<string, number>();
    const codeCol = columns.get('code');
    const answerCol = columns.get('answer');
    if (header === undefined || codeCol === undefined || answerCol === undefined) {
      this.sheetProblem(
        sheet.sheetName,
        sheetIndex,
        `The sheet "${sheet.sheetName}" has lost its header row (Code, Question, Answer…), so it was not read.`,
        'Export the return again, or restore the header row.',
      );
      return;
    }
    const commentCol = columns.get('comment');
    const lines = new Map(sheet.lines.filter((l) => l.kind !== 'heading').map((l) => [l.code, l] as const));
    const seen = new Map<string, number>();
    const marks: Marks = new Map();
    ws.eachRow((row, rowNumber) => {
      if (rowNumber <= header) return;
      const code = textAt(row, codeCol);
      const cell = plainCell(row.getCell(answerCol).value);
      const address = row.getCell(answerCol).address;
      const base = { sheet: sheet.sheetName, sheetIndex, row: rowNumber, cell: address };
      if (commentCol !== undefined) {
        const comment = plainCell(row.getCell(commentCol).value);
        if (comment.kind !== 'empty') {
          this.problemAt(
            { ...base, cell: row.getCell(commentCol).address, code },
            'Comments are not imported: the app keeps answers only.',
            'Put anything the committee must read into an answer.',
            'warning',
          );
        }
      }
      if (!code) {
        if (cell.kind !== 'empty') {
          this.problemAt(
            base,
            'This row has an answer but no code, so the app cannot tell which question it answers.',
            'Write it in the Answer cell of its question’s row.',
          );
        }
        return;
      }
      const line = lines.get(code);
      if (!line) {
        const elsewhere = this.plan?.sheets.find(
          (s) =>
            s !== sheet &&
            s.kind === 'section' &&
            s.lines.some((l) => l.kind !== 'heading' && l.code === code),
        );
        this.problemAt(
          { ...base, cell: row.getCell(codeCol).address, code },
          elsewhere
            ? `The question code "${code}" belongs on the sheet "${elsewhere.sheetName}".`
            : `"${code}" is not a question code of this questionnaire.`,
          'Leave the Code column as exported.',
        );
        return;
      }
      const first = seen.get(code);
      if (first !== undefined) {
        this.problemAt(
          { ...base, cell: row.getCell(codeCol).address, code },
          `The code "${code}" appears twice (rows ${first} and ${rowNumber}).`,
          'Keep one row per question.',
        );
        return;
      }
      seen.set(code, rowNumber);
      const place: Place = { ...base, code, question: this.label(line.item) };
      if (line.kind === 'question') {
        this.readValue(line.item.name, line.item, cell, place);
      } else if (line.kind === 'multiple') {
        this.places.set(line.item.name, place);
        if (cell.kind !== 'empty') {
          this.problemAt(
            place,
            'Several answers are not read from the question’s own row.',
            'Mark Yes on the line of each answer below it.',
          );
        }
      } else if (line.kind === 'choice') {
        this.markChoice(marks, line.item.name, line.item, line.choice.name, cell, place);
      }
    });
    this.applyMarks(marks);
  }

  /** One Yes/No cell of a select_multiple's choice, noted against its question's key. */
  private markChoice(
    marks: Marks,
    key: string,
    item: QuestionItem,
    choice: string,
    cell: PlainCell,
    place: Place,
  ): void {
    const mark = marks.get(key) ?? { item, chosen: new Set<string>(), present: new Set<string>(), place };
    marks.set(key, mark);
    const yes = yesNo(cell);
    if (yes === undefined) {
      this.problemAt(place, `"${cellText(cell)}" is not Yes or No.`, 'Yes, No, or leave it empty.');
      return;
    }
    mark.present.add(choice);
    if (yes) mark.chosen.add(choice);
  }

  private applyMarks(marks: Marks): void {
    for (const [key, mark] of marks) {
      this.setMultiple(key, mark.item, mark.chosen, mark.present, this.places.get(key) ?? mark.place);
    }
  }

  /** A select_multiple's answer from its Yes lines; choices whose line is missing keep their current state. */
  private setMultiple(
    key: string,
    item: QuestionItem,
    chosen: Set<string>,
    present: Set<string>,
    place: Place,
  ): void {
    const choices = this.plan?.template.choiceLists[item.listName ?? ''] ?? [];
    const before = this.current[key];
    // Choices whose line was not in the workbook keep their state, unknown codes included.
    const kept = Array.isArray(before) ? before.filter((c) => !present.has(c)) : [];
    const value = inListOrder(
      [...chosen, ...kept],
      choices.map((c) => c.name),
    );
    this.values.set(key, value.length > 0 ? value : null);
    if (!this.places.has(key)) this.places.set(key, place);
  }

  private readValue(key: string, item: QuestionItem, cell: PlainCell, place: Place): void {
    this.places.set(key, place);
    if (this.untouched(key, fingerprint(cellText(cell)))) return;
    const result = answerFromCell(item, cell, this.labels(item));
    if (!result.ok) {
      this.problemAt(place, result.problem, result.expected);
      return;
    }
    this.values.set(key, result.value);
  }

  private readRepeat(ws: ExcelJS.Worksheet, sheet: RepeatSheet, sheetIndex: number): void {
    const codeRow = findHeader(ws, (text) => text === ROW_ID_CODE);
    if (codeRow === undefined) {
      this.sheetProblem(
        sheet.sheetName,
        sheetIndex,
        `The sheet "${sheet.sheetName}" has lost its row of codes (${ROW_ID_CODE}, …), so it was not read.`,
        'Export the return again, or restore the second row.',
      );
      return;
    }
    const columnsByCode = new Map(sheet.columns.map((c) => [c.code, c] as const));
    const columns = new Map<number, (typeof sheet.columns)[number]>();
    let rowIdCol = 0;
    let parentCol = 0;
    ws.getRow(codeRow).eachCell((cell, col) => {
      const code = cellText(plainCell(cell.value)).trim();
      if (code === ROW_ID_CODE) rowIdCol = col;
      else if (code === PARENT_ID_CODE) parentCol = col;
      else if (code) {
        const column = columnsByCode.get(code);
        if (column) columns.set(col, column);
        else
          this.problemAt(
            { sheet: sheet.sheetName, sheetIndex, row: codeRow, cell: cell.address, code },
            `"${code}" is not a question code of this table.`,
            'Leave the row of codes as exported.',
          );
      }
    });
    const nested = sheet.parents.length > 0;
    if (nested && !parentCol) {
      this.sheetProblem(
        sheet.sheetName,
        sheetIndex,
        `The sheet "${sheet.sheetName}" has lost its column ${PARENT_ID_CODE}, so it was not read.`,
        'Export the return again.',
      );
      return;
    }
    const fixed = sheet.repeat.repeatCount !== undefined;
    // Row ids as found, per parent instance (the empty prefix for a top-level table).
    const found = new Map<string, string[]>();
    const seenIds = new Map<string, number>();
    ws.eachRow((row, rowNumber) => {
      if (rowNumber <= codeRow) return;
      const cells = [...columns].map(([col, column]) => ({
        col,
        column,
        cell: plainCell(row.getCell(col).value),
      }));
      const rowId = textAt(row, rowIdCol);
      if (!rowId && cells.every((c) => c.cell.kind === 'empty')) return;
      const base = { sheet: sheet.sheetName, sheetIndex, row: rowNumber };
      const prefix = nested ? this.parentPrefix(sheet, textAt(row, parentCol)) : '';
      if (prefix === undefined) {
        this.problemAt(
          { ...base, cell: row.getCell(parentCol).address },
          `"${textAt(row, parentCol)}" is not a row id of the table this row belongs to.`,
          'Copy the Row id of its row from that table.',
        );
        return;
      }
      const listKey = childKey(prefix, sheet.repeat.name);
      const ids = found.get(listKey) ?? [];
      found.set(listKey, ids);
      let id = rowId;
      if (id) {
        const known = this.knownRowIds(listKey);
        if (!/^[A-Za-z0-9]+$/.test(id) || (!known.has(id) && !fixed)) {
          this.problemAt(
            { ...base, cell: row.getCell(rowIdCol).address },
            `"${id}" is not a row id of this table.`,
            'Leave the Row id of a new row empty.',
          );
          return;
        }
        const twice = seenIds.get(`${listKey}#${id}`);
        if (twice !== undefined) {
          this.problemAt(
            { ...base, cell: row.getCell(rowIdCol).address },
            `The row id "${id}" appears twice (rows ${twice} and ${rowNumber}).`,
            'Leave the Row id of a new row empty; do not copy it.',
          );
          return;
        }
      } else {
        id = fixed ? this.nextNumber(listKey, ids) : this.newId();
      }
      seenIds.set(`${listKey}#${id}`, rowNumber);
      ids.push(id);
      const instance = instancePrefix(listKey, id);
      const marks: Marks = new Map();
      for (const { col, column, cell } of cells) {
        const address = row.getCell(col).address;
        const place: Place = {
          ...base,
          cell: address,
          code: column.code,
          question: this.label(column.item),
        };
        if (column.kind === 'calculated') continue;
        if (column.kind === 'question') {
          this.readValue(childKey(instance, column.item.name), column.item, cell, place);
          continue;
        }
        this.markChoice(
          marks,
          childKey(instance, column.item.name),
          column.item,
          column.choice.name,
          cell,
          place,
        );
      }
      this.applyMarks(marks);
    });
    // A table whose rows were all deleted still says so: every exported list of it is read.
    if (!nested) found.set(sheet.repeat.name, found.get(sheet.repeat.name) ?? []);
    for (const listKey of this.opened.meta.rows.keys()) {
      if (nested && nameOf(listKey) === sheet.repeat.name && !found.has(listKey)) found.set(listKey, []);
    }
    for (const [listKey, ids] of found) this.lists.set(listKey, ids);
  }

  /**
   * True when a cell still holds what was exported and the app has that answer (or a
   * newer one): the workbook changes nothing there. Where the app lacks an answer that
   * was exported (e.g. the response is not on this computer), the workbook's is taken.
   */
  private untouched(key: string, shown: string): boolean {
    const exported = this.opened.meta.answers.get(key);
    if (!exported || exported.fingerprint !== shown) return false;
    return exported.stamp === '' || this.options.current?.answers[key] !== undefined;
  }

  private knownRowIds(listKey: string): Set<string> {
    return new Set([...(this.opened.meta.rows.get(listKey) ?? []), ...instanceIds(this.current[listKey])]);
  }

  private nextNumber(listKey: string, taken: readonly string[]): string {
    const used = new Set([...taken, ...this.knownRowIds(listKey)]);
    let n = 1;
    while (used.has(String(n))) n++;
    return String(n);
  }

  /** `k1/k7` under parents [a, b] → `a#k1/b#k7`, when those instances exist. */
  private parentPrefix(sheet: RepeatSheet, path: string): string | undefined {
    const ids = path.split('/').map((p) => p.trim());
    if (ids.length !== sheet.parents.length || ids.some((id) => !id)) return undefined;
    let prefix = '';
    for (const [index, parent] of sheet.parents.entries()) {
      const key = childKey(prefix, parent.name);
      const id = ids[index] as string;
      const known = new Set([...this.knownRowIds(key), ...(this.lists.get(key) ?? [])]);
      if (!known.has(id)) return undefined;
      prefix = instancePrefix(key, id);
    }
    return prefix;
  }

  /** What applying writes: answers whose cell the workbook changed, and the tables' rows. */
  private changes(): Record<string, AnswerValue> {
    const { meta } = this.opened;
    const changes: Record<string, AnswerValue> = {};
    for (const [key, value] of this.values) {
      const exported = meta.answers.get(key);
      const now = this.current[key];
      if (this.untouched(key, fingerprint(value)) || same(value, now)) continue;
      const place = this.places.get(key);
      if (exported?.cut && place) {
        this.problemAt(
          place,
          'This answer is longer than a spreadsheet cell holds, so the workbook has a shortened copy; its change cannot be read.',
          'Change this answer in the app.',
        );
        continue;
      }
      const entry = this.options.current?.answers[key];
      if (exported && entry && answerStamp(entry) !== exported.stamp && place) {
        this.problemAt(
          place,
          `Also changed in the app since the export (to ${describe(now)} by ${entry.by}); the workbook’s ${describe(value)} will replace it.`,
          'Apply only if the workbook’s answer is the one to keep.',
          'warning',
        );
      }
      changes[key] = value;
    }
    this.summary.changedAnswers = Object.keys(changes).length;
    for (const [listKey, ids] of this.lists) {
      if (this.isFixed(listKey)) continue; // its rows are set by an earlier answer, not listed
      const before = instanceIds(this.current[listKey]);
      const exported = meta.rows.get(listKey) ?? [];
      const removed = new Set(exported.filter((id) => !ids.includes(id)));
      // Rows added in the app since the export stay; rows deleted in the workbook go.
      const next = [...before.filter((id) => !removed.has(id)), ...ids.filter((id) => !before.includes(id))];
      const added = next.length - before.filter((id) => next.includes(id)).length;
      const gone = before.length - before.filter((id) => next.includes(id)).length;
      if (added === 0 && gone === 0) continue;
      changes[listKey] = next;
      const sheetIndex =
        this.plan?.sheets.findIndex((s) => s.kind === 'repeat' && s.name === nameOf(listKey)) ?? -1;
      const sheet = this.plan?.sheets[sheetIndex]?.sheetName ?? listKey;
      if (added > 0) this.summary.rowsAdded.push({ sheet, count: added });
      if (gone > 0) {
        this.summary.rowsRemoved.push({ sheet, count: gone });
        this.sheetProblem(
          sheet,
          sheetIndex,
          `${gone} row${gone === 1 ? ' was' : 's were'} deleted from this table in the workbook and will be removed from the response.`,
          'Apply only if those rows should go.',
          'warning',
        );
      }
    }
    return changes;
  }

  private isFixed(listKey: string): boolean {
    return (
      this.plan?.sheets.some(
        (s) => s.kind === 'repeat' && s.name === nameOf(listKey) && s.repeat.repeatCount !== undefined,
      ) ?? false
    );
  }

  /** The template's rules on the answers as they would be: constraints, fixed row counts, and required answers when submitting. */
  private checkRules(changes: Record<string, AnswerValue>): void {
    const plan = this.plan as ReturnPlan;
    const merged = { ...this.current, ...changes };
    const evaluation = evaluateForm(plan.template, merged, { now: this.options.now });
    for (const key of Object.keys(changes)) {
      const place = this.places.get(key);
      const field = evaluation.fields.get(key);
      if (!place) continue;
      if (!field) {
        this.problemAt(
          place,
          'This row is beyond the rows the table has (its number of rows is set by an earlier answer).',
          'Change that earlier answer first, or delete this row.',
        );
        continue;
      }
      if (field.error?.kind === 'constraint') {
        const message = pickText(field.error.message, plan.template, plan.language);
        this.problemAt(
          place,
          message || 'The answer is outside what this question allows.',
          message ? undefined : `An answer for which ${field.item.constraint ?? 'the rule'} holds.`,
        );
      } else if (field.error?.kind === 'choice') {
        this.problemAt(
          place,
          'The answer is not among the choices this question offers here.',
          'Use the cell’s dropdown.',
        );
      }
    }
    if (!this.options.submit) return;
    for (const key of evaluation.missing) {
      const field = evaluation.fields.get(key);
      const place = this.places.get(key) ?? this.placeOfMissing(key);
      const message = field?.item.requiredMessage
        ? pickText(field.item.requiredMessage, plan.template, plan.language)
        : '';
      const problem = message || 'A required answer is missing, and the response is being submitted.';
      if (place) this.problemAt(place, problem, 'Answer it, or import without submitting.');
      else
        this.fileProblem(
          `${field ? this.label(field.item) : key}: ${problem}`,
          'Answer it, or import without submitting.',
        );
    }
    for (const key of evaluation.invalid) {
      if (key in changes) continue;
      const field = evaluation.fields.get(key);
      const place = this.places.get(key);
      const text = `The answer ${describe(merged[key])} is not valid, and the response is being submitted.`;
      if (place) this.problemAt(place, text, 'Correct it, or import without submitting.');
      else
        this.fileProblem(
          `${field ? this.label(field.item) : key}: ${text}`,
          'Correct it in the app, or import without submitting.',
        );
    }
  }

  /** Where a required answer that the workbook left out would be written. */
  private placeOfMissing(key: string): Place | undefined {
    const name = key.slice(key.lastIndexOf('/') + 1);
    for (const sheet of this.plan?.sheets ?? []) {
      const found = this.sheetNames.get(sheet.name);
      if (
        found &&
        sheet.kind === 'section' &&
        sheet.lines.some((l) => l.kind !== 'heading' && l.item.name === name)
      ) {
        return { sheet: found.name, sheetIndex: found.index, row: 0, cell: '', code: name, question: name };
      }
    }
    return undefined;
  }
}

/** `need` → `need`; `need#k1/step` → `step`. */
function nameOf(listKey: string): string {
  return listKey.slice(listKey.lastIndexOf('/') + 1);
}

/** Equal answers; a select_multiple's choices in any order. */
function same(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  const norm = (v: AnswerValue | undefined) => JSON.stringify(Array.isArray(v) ? [...v].sort() : (v ?? null));
  return norm(a) === norm(b);
}

function describe(value: AnswerValue | undefined): string {
  if (value === null || value === undefined) return '(empty)';
  if (Array.isArray(value)) return value.length ? `"${value.join(' ')}"` : '(empty)';
  const text = String(value);
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function columnNumber(address: string): number {
  const letters = /^[A-Z]+/.exec(address)?.[0] ?? '';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function findHeader(ws: ExcelJS.Worksheet, isHeader: (firstCell: string) => boolean): number | undefined {
  for (let r = 1; r <= Math.min(ws.rowCount, 6); r++) {
    if (isHeader(textAt(ws.getRow(r), 1))) return r;
  }
  return undefined;
}

function headerColumns(row: ExcelJS.Row): Map<string, number> {
  const columns = new Map<string, number>();
  row.eachCell((cell, col) => {
    const text = cellText(plainCell(cell.value)).trim().toLowerCase();
    const name = text.startsWith('unit') ? 'unit' : text;
    if (!columns.has(name)) columns.set(name, col);
  });
  return columns;
}
