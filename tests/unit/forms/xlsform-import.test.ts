import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkItems, type FormProblem, type QuestionItem, type Template } from '@shared/forms/model';
import { importXlsForm } from '@shared/forms/xlsform/import';
import { buildWorkbook } from './workbook-builder';

function questions(template: Template): Map<string, QuestionItem> {
  const map = new Map<string, QuestionItem>();
  for (const { item } of walkItems(template.items)) if (item.kind === 'question') map.set(item.name, item);
  return map;
}

const at = (problems: FormProblem[], row: number): FormProblem[] => problems.filter((p) => p.row === row);

describe('importing an XLSForm workbook', () => {
  it('accepts what the XLSForm tools accept: aliases, spaces, old spellings, curly quotes, floats', async () => {
    const data = await buildWorkbook({
      survey: [
        [
          'name ',
          ' TYPE',
          'label::English (en)',
          'label::Français (fr)',
          'bind:relevant',
          'constraint',
          'required',
        ],
        [
          'has_lab',
          'select one from yes_no',
          'Do you have a laboratory?',
          'Avez-vous un laboratoire ?',
          null,
          null,
          'yes',
        ],
        [],
        [
          'lab_staff',
          'integer',
          'Laboratory staff',
          'Personnel',
          '${has_lab} = \u2018yes\u2019',
          '. >= 1.0',
          'TRUE',
        ],
        ['areas', 'select all that apply from area', 'Areas', 'Domaines', null, null, null],
        ['outer', 'begin group', 'Outer', 'Extérieur', null, null, null],
        ['rooms', 'begin repeat', 'Rooms', 'Salles', null, null, null],
        ['room', 'text', 'Room', 'Salle', null, null, null],
        [null, 'end repeat', null, null, null, null, null],
        [null, 'end group', null, null, null, null, null],
        ['room_total', 'calculate', null, null, null, null, null],
      ],
      choices: [
        ['list name', 'name', 'label::English (en)', 'label::Français (fr)'],
        ['yes_no', 'yes', 'Yes', 'Oui'],
        ['yes_no', 'no', 'No', 'Non'],
        ['area', 'M', 'Mass', 'Masse'],
        ['area', 'L', 'Length', 'Longueur'],
      ],
      settings: [
        ['form_title', 'form_id', 'version', 'default_language'],
        ['Lab survey', 'lab_survey', 2026.0, 'English (en)'],
      ],
    });
    // The calculate row without a calculation is the one mistake here; fix it and import again.
    const first = await importXlsForm(data);
    expect(first.problems.map((p) => [p.row, p.column])).toEqual([[11, 'calculation']]);

    const fixed = await buildWorkbook({
      survey: [
        ['type', 'name', 'label', 'relevant', 'constraint', 'calculation', 'default'],
        ['select_one yes_no', 'has_lab', 'Lab?', null, null, null, 'yes'],
        ['integer', 'lab_staff', 'Staff', '${has_lab} = \u201cyes\u201d', '. >= 1', null, 3.0],
        ['begin repeat', 'rooms', 'Rooms', null, null, null, null],
        ['text', 'room', 'Room', null, null, null, null],
        ['end repeat', null, null, null, null, null, null],
        ['calculate', 'room_count', null, null, null, 'count(${room})', null],
        ['geopoint', 'where', 'Where is it?', null, null, null, null],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['yes_no', 'yes', 'Yes'],
        ['yes_no', 'no', 'No'],
      ],
      settings: [['form_id'], ['labs']],
    });
    const refused = await importXlsForm(fixed);
    expect(refused.template).toBeUndefined();
    expect(refused.problems).toEqual([
      expect.objectContaining({ row: 8, column: 'type', message: 'The type "geopoint" is not supported.' }),
    ]);

    const result = await importXlsForm(fixed, { leaveOutUnsupported: true });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const template = result.template as Template;
    expect(template.leftOut).toEqual([{ name: 'where', type: 'geopoint', row: 8 }]);
    const byName = questions(template);
    expect(byName.get('lab_staff')).toMatchObject({
      relevant: '${has_lab} = "yes"',
      constraint: '. >= 1',
      default: '3',
    });
    expect(byName.has('where')).toBe(false);
    expect(template.items.map((i) => i.kind)).toEqual(['question', 'question', 'repeat', 'question']);
  });

  it('reads translations, old select spellings and the settings sheet', async () => {
    const data = await buildWorkbook({
      survey: [
        ['type', 'name', 'label::English (en)', 'label::Français (fr)', 'hint::English (en)'],
        ['select one from yes_no', 'has_lab', 'Lab?', 'Labo ?', 'Any laboratory'],
        ['select all that apply from area', 'areas', 'Areas', 'Domaines', null],
      ],
      choices: [
        ['list name', 'name', 'label::English (en)', 'label::Français (fr)'],
        ['yes_no', 'yes', 'Yes', 'Oui'],
        ['yes_no', 'no', 'No', 'Non'],
        ['area', 'M', 'Mass', 'Masse'],
      ],
      settings: [
        ['form_title', 'form_id', 'version', 'default_language'],
        ['Lab survey', 'lab_survey', 2026.0, 'English (en)'],
      ],
    });
    const result = await importXlsForm(data);
    expect(result.problems).toEqual([]);
    const template = result.template as Template;
    expect(template).toMatchObject({
      id: 'lab_survey',
      version: '2026',
      title: 'Lab survey',
      defaultLanguage: 'English (en)',
      languages: ['English (en)', 'Français (fr)'],
    });
    expect(questions(template).get('has_lab')).toMatchObject({
      type: 'select_one',
      listName: 'yes_no',
      label: { 'English (en)': 'Lab?', 'Français (fr)': 'Labo ?' },
      hint: { 'English (en)': 'Any laboratory' },
    });
    expect(questions(template).get('areas')).toMatchObject({ type: 'select_multiple', listName: 'area' });
    expect(template.choiceLists['area']).toEqual([
      { name: 'M', label: { 'English (en)': 'Mass', 'Français (fr)': 'Masse' } },
    ]);
    expect(result.summary).toMatchObject({ questions: 2, groups: 0, repeats: 0, choiceLists: 2 });
  });

  it('keeps a question’s guidance_hint beside its hint, per language', async () => {
    const data = await buildWorkbook({
      survey: [
        ['type', 'name', 'label', 'hint', 'guidance_hint', 'guidance_hint::Français (fr)'],
        [
          'integer',
          'staff',
          'Staff',
          'Head count',
          'Count everyone paid by the institute on 31 December.',
          'Au 31 décembre.',
        ],
      ],
      settings: [
        ['form_title', 'form_id', 'version'],
        ['Staff', 'staff_form', '1'],
      ],
    });
    const result = await importXlsForm(data);
    expect(result.problems).toEqual([]);
    expect(questions(result.template as Template).get('staff')).toMatchObject({
      hint: { default: 'Head count' },
      guidanceHint: {
        default: 'Count everyone paid by the institute on 31 December.',
        'Français (fr)': 'Au 31 décembre.',
      },
    });
  });

  it('lists every mistake with its sheet, row, column and a fix, not just the first', async () => {
    const data = await buildWorkbook({
      survey: [
        ['type', 'name', 'label', 'relevant', 'constraint', 'calculation'],
        ['text', 'director', 'Director', null, null, null],
        ['integr', 'staff', 'Staff', null, null, null],
        ['text', null, 'No name', null, null, null],
        ['integer', 'budget', 'Budget', '${directr} != ""', null, null],
        ['integer', 'labs', 'Labs', null, 'lenght(.) > 0', null],
        ['decimal', 'ratio', 'Ratio', null, '. > (1', null],
        ['select_one colours', 'colour', 'Colour', null, null, null],
        ['text', 'director', 'Director again', null, null, null],
        ['begin group', 'section', 'Section', null, null, null],
        ['text', 'inside', 'Inside', null, null, null],
        ['image', 'photo', 'Photo', null, null, null],
      ],
      choices: [['list_name', 'name', 'label']],
      settings: [['form_id'], ['bad_form']],
    });
    const result = await importXlsForm(data);
    expect(result.template).toBeUndefined();
    const { problems } = result;
    expect(problems.every((p) => p.sheet === 'survey')).toBe(true);
    expect(at(problems, 3)[0]).toMatchObject({ column: 'type', fix: 'Did you mean "integer"?' });
    expect(at(problems, 4)[0]).toMatchObject({ column: 'name', message: 'This row has no name.' });
    expect(at(problems, 5)[0]).toMatchObject({
      column: 'relevant',
      message: '${directr} does not name a question of this form.',
      fix: 'Check the spelling against the name column.',
      position: 1,
    });
    expect(at(problems, 6)[0]).toMatchObject({ column: 'constraint', position: 1 });
    expect(at(problems, 6)[0]?.message).toContain('Unknown function lenght()');
    expect(at(problems, 6)[0]?.fix).toBe('Use string-length()');
    expect(at(problems, 7)[0]).toMatchObject({ column: 'constraint' });
    expect(at(problems, 7)[0]?.position).toBeGreaterThan(1);
    expect(at(problems, 8)[0]).toMatchObject({
      message: 'The choice list "colours" is not on the choices sheet.',
    });
    expect(at(problems, 9)[0]).toMatchObject({ message: 'The name "director" is already used on row 2.' });
    expect(at(problems, 10)[0]?.message).toContain('is never closed');
    expect(at(problems, 12)[0]).toMatchObject({ message: 'The type "image" is not supported.' });
    // Rows in workbook order.
    const rows = problems.map((p) => p.row ?? 0);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it('says what is wrong with a file that is not an XLSForm, without throwing', async () => {
    const good = await buildWorkbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
    });
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(), /empty/],
      ['text', new TextEncoder().encode('name,type\na,text'), /not an Excel workbook/],
      ['old excel', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), /old-style Excel/],
      ['truncated', good.slice(0, Math.floor(good.length / 2)), /could not be read/],
      ['no survey', await buildWorkbook({ Sheet1: [['a'], ['b']] }), /no "survey" sheet/],
    ];
    for (const [, bytes, message] of cases) {
      const result = await importXlsForm(bytes);
      expect(result.template).toBeUndefined();
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.message).toMatch(message);
    }
  });

  it('takes the form id from the file name when the settings sheet gives none', async () => {
    const data = await buildWorkbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
    });
    expect((await importXlsForm(data, { fileName: 'My form 2026.xlsx' })).template?.id).toBe('My_form_2026');
    const without = await importXlsForm(data);
    expect(without.problems[0]).toMatchObject({ sheet: 'settings', message: 'The form has no form_id.' });
  });

  it('imports the shipped templates without a single problem', async () => {
    for (const file of [
      'dec-capacity-needs.xlsx',
      'workshop-feedback.xlsx',
      'workshop-feedback-v2.xlsx',
      'implementation-followup.xlsx',
    ]) {
      const bytes = new Uint8Array(
        readFileSync(new URL(`../../../resources/templates/${file}`, import.meta.url)),
      );
      const result = await importXlsForm(bytes);
      expect(result.problems, file).toEqual([]);
      expect(result.template?.leftOut).toEqual([]);
      // The parsed copy the app ships must be what the workbook gives today (`npm run templates`).
      const shipped: unknown = JSON.parse(
        readFileSync(
          new URL(`../../../resources/templates/${file.replace('.xlsx', '.template.json')}`, import.meta.url),
          'utf8',
        ),
      );
      expect(shipped, `${file}: run npm run templates`).toEqual(result.template);
    }
  });
});
