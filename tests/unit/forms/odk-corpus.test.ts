/**
 * The XLSForm corpus (tests/fixtures/xlsforms, built by `npm run fixtures`): forms that
 * pyxform accepts, written as others write them. Each imports, and behaves as ODK would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExpression } from '@shared/forms/expr/check';
import { formLanguage, textDirection } from '@shared/forms/languages';
import { walkItems, type QuestionItem, type Template } from '@shared/forms/model';
import { evaluateForm, interpolate, pickText, topSections, type Answers } from '@shared/forms/rules';
import { importXlsForm, type ImportResult } from '@shared/forms/xlsform/import';
import { buildWorkbook } from './workbook-builder';

const env = { now: new Date('2026-03-02T09:00:00Z'), user: 'Ana', deviceId: 'laptop-7' };

async function load(name: string, leaveOutUnsupported = true): Promise<ImportResult> {
  const bytes = new Uint8Array(readFileSync(`tests/fixtures/xlsforms/${name}.xlsx`));
  return importXlsForm(bytes, { leaveOutUnsupported, fileName: `${name}.xlsx` });
}

async function template(name: string): Promise<Template> {
  const result = await load(name);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.template as Template;
}

function question(t: Template, name: string): QuestionItem {
  for (const { item } of walkItems(t.items)) if (item.kind === 'question' && item.name === name) return item;
  throw new Error(`no question ${name}`);
}

const run = (t: Template, answers: Answers) => evaluateForm(t, answers, env);

describe('the XLSForm corpus: what pyxform accepts imports', () => {
  it('leaves phone metadata out quietly and gps (geopoint) out on request', async () => {
    const strict = await load('metadata-and-gps', false);
    // The only thing standing in the way is the location question, named as unsupported.
    expect(strict.problems).toEqual([
      expect.objectContaining({ row: 11, severity: 'error', message: 'The type "gps" is not supported.' }),
    ]);
    const t = await template('metadata-and-gps');
    expect(question(t, 'device').type).toBe('deviceid');
    expect(t.leftOut).toEqual([{ name: 'where', type: 'gps', row: 11 }]);
    const names = [...walkItems(t.items)].map(({ item }) => item.name);
    expect(names).not.toContain('sim');
    expect(names).not.toContain('audit');
    const result = run(t, { device: 'laptop-7' });
    expect(interpolate(pickText(question(t, 'sim_note').label, t), result, t, 'sim_note')).toBe(
      'SIM  on laptop-7',
    );
  });

  it('skips a row with only required = yes, with a warning, as pyxform does', async () => {
    const result = await load('stray-required');
    expect(result.template?.items.map((i) => i.name)).toEqual(['lab', 'staff']);
    expect(result.problems).toEqual([
      expect.objectContaining({ row: 3, severity: 'warning', message: expect.stringContaining('skipped') }),
    ]);
  });

  it('takes the same name in different groups, keeping answers apart by path', async () => {
    const t = await template('duplicate-names');
    const names = [...walkItems(t.items)].map(({ item }) => item.name);
    expect(names).toEqual([
      'director',
      'director.full_name',
      'director.email',
      'quality_manager',
      'quality_manager.full_name',
      'quality_manager.email',
      'staff',
      'staff.full_name',
      'remarks',
    ]);
    const result = run(t, {
      'director.full_name': 'Ana',
      'quality_manager.full_name': 'Ben',
      staff: ['a1'],
      'staff#a1/staff.full_name': 'Chi',
    });
    expect(result.fields.get('director.full_name')?.value).toBe('Ana');
    expect(result.fields.get('quality_manager.full_name')?.value).toBe('Ben');
    expect(result.fields.get('staff#a1/staff.full_name')?.value).toBe('Chi');

    // Twice in one group is refused, and so is a ${reference} that could mean either.
    const bad = await importXlsForm(
      await buildWorkbook({
        survey: [
          ['type', 'name', 'label'],
          ['begin group', 'a', 'A'],
          ['text', 'x', 'X'],
          ['text', 'x', 'X again'],
          ['end group'],
          ['begin group', 'b', 'B'],
          ['text', 'y', 'Y'],
          ['end group'],
          ['begin group', 'c', 'C'],
          ['text', 'y', 'Y'],
          ['end group'],
          ['note', 'n', 'You said ${y}'],
        ],
        settings: [['form_id'], ['dups']],
      }),
    );
    expect(bad.problems.map((p) => [p.row, p.message])).toEqual([
      [4, 'The name "x" is already used on row 3 in the same group "a".'],
      [12, '${y} could mean any of the questions named "y" (rows 7, 10).'],
    ]);
  });

  it('accepts a note and choices whose only label is an image', async () => {
    const t = await template('image-labels');
    expect(question(t, 'logo').media).toEqual({ image: { default: 'logo.png' } });
    expect(
      t.choiceLists.faces?.map((c) => [c.name, c.media?.image?.default ?? '', pickText(c.label, t)]),
    ).toEqual([
      ['happy', 'happy.png', ''],
      ['neutral', 'neutral.png', ''],
      ['sad', 'sad.png', 'Not satisfied'],
    ]);
  });

  it('reads a formula cell by the value Excel cached, FALSE and 0 included', async () => {
    const t = await template('formula-cells');
    expect(question(t, 'accredited').listName).toBe('truth');
    expect(t.choiceLists.truth?.map((c) => c.name)).toEqual(['true', 'false']);
    expect(question(t, 'staff').default).toBe('0');
  });

  it('evaluates XPath math (sqrt, pow, cos, atan, pi, log10, exp)', async () => {
    const t = await template('math-functions');
    const fields = run(t, { side: 1 }).fields;
    expect(fields.get('diagonal')?.value).toBe(1.414);
    expect(fields.get('angle')?.value).toBe(45);
    expect(fields.get('cosine')?.value).toBe(1);
    expect(fields.get('logs')?.value).toBe(4);
    // A function that does not exist is named, and only a sensible near name is offered.
    const [cosh] = checkExpression('cosh(1)').issues;
    expect(cosh?.message).toBe('Unknown function cosh()');
    expect(cosh?.fix).not.toMatch(/not\(\)/);
    expect(checkExpression('sqrtt(4)').issues[0]?.fix).toBe('Use sqrt()');
    expect(checkExpression("pulldata('f', 'c', 'k', 1)").issues).toEqual([
      expect.objectContaining({ warning: true }),
    ]);
  });

  it('keeps a form_id with a space, said on the settings cell', async () => {
    const result = await load('form-id-space');
    expect(result.template?.id).toBe('lab_survey_2026');
    expect(result.problems).toEqual([
      expect.objectContaining({ sheet: 'settings', row: 2, column: 'form_id', severity: 'warning' }),
    ]);
  });

  it('carries leaving out through: rules on left-out questions only are dropped, others read them as empty', async () => {
    const result = await load('left-out-references');
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    // One warning per left-out question, naming the rules that used it.
    expect(result.problems.filter((p) => p.message.includes('"location" is left out'))).toHaveLength(1);
    expect(result.problems.find((p) => p.row === 2)?.message).toContain('row 4 (relevant), row 5 (label)');
    const t = result.template as Template;
    expect(question(t, 'address').relevant).toBeUndefined();
    expect(question(t, 'building').relevant).toBe("${photo} != '' or ${address} != ''");
    expect(question(t, 'city').choiceFilter).toBeUndefined();
    expect(run(t, {}).fields.get('building')?.relevant).toBe(false);
    const answered = run(t, { address: '1 Main St' });
    expect(answered.fields.get('building')?.relevant).toBe(true);
    expect(interpolate(pickText(question(t, 'building').label, t), answered, t, 'building')).toBe(
      'Building near ',
    );
  });

  it('fills ${…} in labels, hints, constraint messages and repeat labels', async () => {
    const t = await template('interpolated-texts');
    const result = run(t, { my_name: 'Ana', age: 12, lab: ['k1'] });
    const age = result.fields.get('age');
    expect(age?.error?.kind).toBe('constraint');
    const fill = (text: string, at: string) => interpolate(text, result, t, at);
    expect(fill(pickText(age?.error?.message, t), 'age')).toBe('Sorry Ana, this survey is for adults.');
    expect(fill(pickText(question(t, 'age').label, t), 'age')).toBe('How old are you, Ana?');
    expect(fill(pickText(question(t, 'age').hint, t), 'age')).toBe('Years, Ana');
    expect(fill(pickText(t.items[2]?.label, t), 'lab')).toBe('Laboratory of Ana');
  });

  it('keeps top-level questions where the form puts them, between groups', async () => {
    const t = await template('order-between-groups');
    expect(topSections(t).map((s) => s.name)).toEqual(['_general', 'staff', '_general2', 'services']);
    const result = run(t, { budget_note: 'tight' });
    expect(result.sections.map((s) => [s.name, s.answered])).toEqual([
      ['_general', 0],
      ['staff', 0],
      ['_general2', 1],
      ['services', 0],
    ]);
    expect(result.fields.get('budget_note')?.section).toBe('_general2');
  });

  it('offers the form’s own languages and starts in its default language', async () => {
    const t = await template('four-languages');
    expect(t.languages).toEqual(['Swahili (sw)', 'English (en)', 'العربية (ar)', '中文']);
    expect(t.defaultLanguage).toBe('English (en)');
    expect(formLanguage(t, undefined)).toBe('English (en)');
    expect(formLanguage(t, 'sw')).toBe('Swahili (sw)');
    expect(formLanguage(t, 'Deutsch (de)')).toBe('English (en)');
    expect(pickText(question(t, 'lab').label, t, '中文')).toBe('实验室名称');
    expect(textDirection('العربية (ar)')).toBe('rtl');
    expect(textDirection('العربية')).toBe('rtl');
    expect(textDirection('中文')).toBe('ltr');
    expect(textDirection('Swahili (sw)')).toBe('ltr');
  });

  it('reads KoBo habits: begin_group, or_other, jr:constraintMsg, absolute paths, position(..)', async () => {
    const t = await template('kobo-habits');
    expect(t.choiceLists.kind?.map((c) => c.name)).toEqual(['nmi', 'di', 'other']);
    expect(run(t, { kind: 'other' }).fields.get('kind_other')?.relevant).toBe(true);
    expect(run(t, { kind: 'nmi' }).fields.get('kind_other')?.relevant).toBe(false);
    const founded = run(t, { founded: 1700 }).fields.get('founded');
    expect(pickText(founded?.error?.message, t)).toBe('After 1800');
    const units = run(t, { unit: ['a', 'b'] });
    expect([units.fields.get('unit#a/unit_no')?.value, units.fields.get('unit#b/unit_no')?.value]).toEqual([
      1, 2,
    ]);
  });

  it('clears a cascading answer its parent no longer allows, and whatever it filtered', async () => {
    const t = await template('cascade');
    const fine = run(t, { economy: 'vn', region: 'north', city: 'hanoi', labs: ['mass', 'length'] });
    expect(fine.cleared.size).toBe(0);
    expect(fine.fields.get('city')?.choices?.map((c) => c.name)).toEqual(['hanoi']);
    const changed = run(t, { economy: 'th', region: 'north', city: 'hanoi', labs: ['mass'] });
    expect([...changed.cleared]).toEqual([
      ['region', null],
      ['city', null],
      ['labs', null],
    ]);
    expect(changed.fields.get('region')?.choices?.map((c) => c.name)).toEqual(['central']);
    expect(changed.fields.get('city')?.choices).toEqual([]);
  });

  it('imports the two-language form with a cascade and a repeat that the end-to-end test uses', async () => {
    const t = await template('two-language-cascade');
    expect(t.languages).toEqual(['English (en)', 'Français (fr)']);
    const result = run(t, { economy: 'th', city: 'hanoi' });
    expect([...result.cleared]).toEqual([['city', null]]);
  });
});

describe('rules ODK writes that this app does not evaluate', () => {
  it('leaves out a rule reading a secondary instance, with a warning', async () => {
    const result = await importXlsForm(
      await buildWorkbook({
        survey: [
          ['type', 'name', 'label', 'calculation', 'constraint'],
          ['text', 'code', 'Code', null, null],
          ['calculate', 'area', null, "instance('areas')/root/item[name = ${code}]/label", null],
          ['integer', 'n', 'N', null, '. < 10'],
        ],
        settings: [['form_id'], ['instances']],
      }),
    );
    expect(result.problems).toEqual([expect.objectContaining({ row: 3, severity: 'warning' })]);
  });
});
