/** A questionnaire with every question type the app supports, and a response that answers all of them. */
import ExcelJS from 'exceljs';
import { newResponseDoc } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import type { Template } from '@shared/forms/model';

const en = (text: string) => ({ en: text });

export const allTypes: Template = {
  id: 'all_types',
  version: '3',
  title: 'Every type',
  defaultLanguage: 'en',
  languages: ['en'],
  leftOut: [],
  choiceLists: {
    legal: [
      { name: 'agency', label: en('Government agency') },
      { name: 'university', label: en('University') },
      { name: 'other', label: en('Other') },
    ],
    area: [
      { name: 'M', label: en('Mass') },
      { name: 'T', label: en('Thermometry') },
      { name: 'L', label: en('Length') },
    ],
    kind: [
      { name: 'training', label: en('Training') },
      { name: 'equipment', label: en('Equipment') },
    ],
  },
  items: [
    { kind: 'question', type: 'start', name: 'started', row: 2 },
    { kind: 'question', type: 'text', name: 'director', row: 3, label: en('Director'), required: true },
    {
      kind: 'group',
      name: 'profile',
      row: 4,
      label: en('Profile'),
      items: [
        {
          kind: 'question',
          type: 'integer',
          name: 'staff',
          row: 5,
          label: en('Staff'),
          constraint: '. >= 0',
          constraintMessage: en('Enter 0 or more.'),
        },
        { kind: 'question', type: 'decimal', name: 'budget', row: 6, label: en('Budget (million)') },
        { kind: 'question', type: 'date', name: 'founded', row: 7, label: en('Founded on') },
        {
          kind: 'question',
          type: 'select_one',
          name: 'legal',
          row: 8,
          label: en('Legal status'),
          listName: 'legal',
          required: true,
        },
        {
          kind: 'question',
          type: 'select_multiple',
          name: 'areas',
          row: 9,
          label: en('Areas served'),
          listName: 'area',
        },
        { kind: 'question', type: 'acknowledge', name: 'agree', row: 10, label: en('I confirm') },
        {
          kind: 'question',
          type: 'calculate',
          name: 'double',
          row: 11,
          calculation: 'coalesce(${staff}, 0) * 2',
        },
        {
          kind: 'question',
          type: 'text',
          name: 'notes',
          row: 12,
          label: en('Notes'),
          appearance: 'multiline',
        },
      ],
    },
    {
      kind: 'repeat',
      name: 'need',
      row: 13,
      label: en('Needs'),
      items: [
        {
          kind: 'question',
          type: 'select_one',
          name: 'need_area',
          row: 14,
          label: en('Area'),
          listName: 'area',
          required: true,
        },
        {
          kind: 'question',
          type: 'select_multiple',
          name: 'need_kinds',
          row: 15,
          label: en('Kinds'),
          listName: 'kind',
        },
        {
          kind: 'question',
          type: 'integer',
          name: 'need_priority',
          row: 16,
          label: en('Priority'),
          constraint: '. >= 1 and . <= 5',
          constraintMessage: en('Enter a priority from 1 to 5.'),
        },
        { kind: 'question', type: 'date', name: 'need_by', row: 17, label: en('Needed by') },
        { kind: 'question', type: 'text', name: 'need_text', row: 18, label: en('What exactly') },
        {
          kind: 'repeat',
          name: 'step',
          row: 19,
          label: en('Steps'),
          items: [
            { kind: 'question', type: 'text', name: 'step_name', row: 20, label: en('Step') },
            { kind: 'question', type: 'integer', name: 'step_days', row: 21, label: en('Days') },
          ],
        },
      ],
    },
    {
      kind: 'group',
      name: 'services',
      row: 22,
      label: en('Services'),
      items: [
        {
          kind: 'repeat',
          name: 'svc',
          row: 23,
          label: en('One service per area'),
          repeatCount: 'count-selected(${areas})',
          items: [
            {
              kind: 'question',
              type: 'select_one',
              name: 'svc_area',
              row: 24,
              label: en('Area'),
              listName: 'area',
            },
            { kind: 'question', type: 'integer', name: 'svc_customers', row: 25, label: en('Customers') },
          ],
        },
      ],
    },
  ],
};

export const fullAnswers: Record<string, AnswerValue> = {
  started: '2026-11-01T08:00:00.000Z',
  director: 'Dr. Ana María Núñez',
  staff: 42,
  budget: 1.75,
  founded: '1965-07-01',
  legal: 'university',
  areas: ['M', 'L'],
  agree: 'OK',
  notes: '=SUM(A1:A9)\nline two\n+1 -1 @x',
  need: ['k1', 'k2'],
  'need#k1/need_area': 'M',
  'need#k1/need_kinds': ['training', 'equipment'],
  'need#k1/need_priority': 1,
  'need#k1/need_by': '2027-03-31',
  'need#k1/need_text': '-5 kg weights',
  'need#k1/step': ['s1', 's2'],
  'need#k1/step#s1/step_name': 'Quote',
  'need#k1/step#s1/step_days': 10,
  'need#k1/step#s2/step_name': '@ship',
  'need#k1/step#s2/step_days': 30,
  'need#k2/need_area': 'T',
  'need#k2/need_kinds': ['training'],
  'need#k2/need_priority': 3,
  'need#k2/need_text': 'A thermometry course',
  'svc#1/svc_area': 'M',
  'svc#1/svc_customers': 120,
  'svc#2/svc_area': 'L',
  'svc#2/svc_customers': 0,
};

export function fullResponse(answers: Record<string, AnswerValue> = fullAnswers): ResponseDoc {
  return newResponseDoc({
    org: 'ph-nml',
    templateId: allTypes.id,
    templateVersion: allTypes.version,
    cycle: 2026,
    answers,
    at: '2026-11-20T10:00:00.000Z',
    by: 'maria',
  });
}

export const institute = {
  org: 'ph-nml',
  name: 'National Metrology Laboratory',
  acronym: 'NML',
  economy: 'Philippines',
};
export const exportedAt = new Date('2026-11-25T09:00:00.000Z');

/** Loads a workbook, lets the test change it as a person would in a spreadsheet, and saves it. */
export async function editWorkbook(
  bytes: Uint8Array,
  change: (workbook: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  await change(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The row of a section sheet whose Code cell holds `code`. */
export function rowOf(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === code) found = row;
  });
  if (!found) throw new Error(`no row ${code} on ${sheet.name}`);
  return found;
}

export function sheetStartingWith(workbook: ExcelJS.Workbook, prefix: string): ExcelJS.Worksheet {
  const sheet = workbook.worksheets.find((ws) => ws.name.replace(/^\d+ /, '').startsWith(prefix));
  if (!sheet) throw new Error(`no sheet ${prefix}: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return sheet;
}

export function sheetNamed(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}
