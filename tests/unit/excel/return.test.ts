import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { answerValues, stampAnswers } from '@shared/docs/response/edit';
import { parseDoc } from '@shared/docs/registry';
import { exportReturn } from '@shared/excel/return-export';
import { applyReturn } from '@shared/excel/apply-return';
import { checkReturn, openReturn, type ReturnReport } from '@shared/excel/return-import';
import {
  allTypes,
  editWorkbook,
  exportedAt,
  fullAnswers,
  fullResponse,
  institute,
  rowOf,
  sheetStartingWith,
} from './fixtures';

const now = new Date('2026-12-01T10:00:00.000Z');

function exportFull(response = fullResponse()) {
  return exportReturn({
    template: allTypes,
    institute,
    cycle: 2026,
    response,
    exportedAt,
    exportedBy: 'maria',
    appVersion: '9.9.9',
  });
}

async function check(
  bytes: Uint8Array,
  options: { current?: ReturnType<typeof fullResponse>; submit?: boolean } = {},
): Promise<ReturnReport> {
  const opened = await openReturn(bytes);
  if (!opened.ok) throw new Error(opened.problems.map((p) => p.problem).join('\n'));
  let n = 0;
  return checkReturn(opened, {
    template: allTypes,
    current: options.current,
    submit: options.submit ?? false,
    now,
    newId: () => `new${++n}`,
  });
}

const inputKeys = Object.keys(fullAnswers).filter((k) => k !== 'started');

describe('an institute return, exported and imported back', () => {
  it('gives back exactly the same answers, for every question type, repeats and nested repeats included', async () => {
    const bytes = await exportFull();
    // Imported where the response does not exist yet (the secretariat receiving it by e-mail).
    const report = await check(bytes);
    expect(report.problems).toEqual([]);
    const applied = applyReturn(report, {
      template: allTypes,
      current: undefined,
      user: 'sam',
      at: now,
      reason: 'x',
    });
    const values = answerValues(applied);
    for (const key of inputKeys) expect([key, values[key]]).toEqual([key, fullAnswers[key]]);
    expect(() => parseDoc(applied)).not.toThrow();
  });

  it('changes nothing when imported unchanged over the response it came from', async () => {
    const response = fullResponse();
    const report = await check(await exportFull(response), { current: response });
    expect(report.problems).toEqual([]);
    expect(report.changes).toEqual({});
    expect(report.canApply).toBe(true);
  });

  it('writes a blank return for an institute without a response, which imports as a new response', async () => {
    const blank = await exportReturn({
      template: allTypes,
      institute,
      cycle: 2027,
      exportedAt,
      exportedBy: 'sam',
      appVersion: '9.9.9',
    });
    const filled = await editWorkbook(blank, (wb) => {
      rowOf(sheetStartingWith(wb, 'General'), 'director').getCell(3).value = 'Dr. Lee';
      rowOf(sheetStartingWith(wb, 'Profile'), 'legal').getCell(3).value = 'Other';
      rowOf(sheetStartingWith(wb, 'Profile'), 'areas:T').getCell(3).value = 'Yes';
      const needs = sheetStartingWith(wb, 'Needs');
      needs.getRow(3).values = ['', 'Mass', 'Yes', '', 2];
    });
    const report = await check(filled, { submit: true });
    expect(report.problems).toEqual([]);
    expect(report.changes).toMatchObject({
      director: 'Dr. Lee',
      legal: 'other',
      areas: ['T'],
      need: ['new1'],
      'need#new1/need_area': 'M',
      'need#new1/need_kinds': ['training'],
      'need#new1/need_priority': 2,
    });
    const applied = applyReturn(report, {
      template: allTypes,
      current: undefined,
      user: 'sam',
      at: now,
      reason: 'x',
    });
    expect(applied.status).toBe('submitted');
    expect(applied._id).toBe('response:ph-nml:all_types:2027');
    expect(applied.answers['started']?.value).toBe(now.toISOString());
  });

  it('reads what a person changed: answers, choices by label, Yes lines, added and deleted rows', async () => {
    const response = fullResponse();
    const edited = await editWorkbook(await exportFull(response), (wb) => {
      const profile = sheetStartingWith(wb, 'Profile');
      rowOf(profile, 'staff').getCell(3).value = 44;
      rowOf(profile, 'founded').getCell(3).value = new Date(Date.UTC(1966, 0, 2));
      rowOf(profile, 'legal').getCell(3).value = 'government AGENCY';
      rowOf(profile, 'areas:T').getCell(3).value = 'Yes';
      rowOf(profile, 'areas:L').getCell(3).value = 'No';
      rowOf(profile, 'notes').getCell(5).value = 'Checked with the director';
      const needs = sheetStartingWith(wb, 'Needs');
      needs.spliceRows(4, 1); // k2 deleted
      needs.getRow(4).values = ['', 'L', null, 'Yes', 4, '2027-01-15', 'gauge blocks'];
      const steps = sheetStartingWith(wb, 'Steps');
      steps.getRow(5).values = ['', 'k1', 'Install', 3];
    });
    const report = await check(edited, { current: response });
    expect(report.changes).toEqual({
      staff: 44,
      founded: '1966-01-02',
      legal: 'agency',
      areas: ['M', 'T'],
      need: ['k1', 'new1'],
      'need#new1/need_area': 'L',
      'need#new1/need_kinds': ['equipment'],
      'need#new1/need_priority': 4,
      'need#new1/need_by': '2027-01-15',
      'need#new1/need_text': 'gauge blocks',
      'need#k1/step': ['s1', 's2', 'new2'],
      'need#k1/step#new2/step_name': 'Install',
      'need#k1/step#new2/step_days': 3,
    });
    expect(report.problems.map((p) => [p.severity, p.cell ?? '', p.problem])).toEqual([
      ['warning', 'E13', 'Comments are not imported: the app keeps answers only.'],
      [
        'warning',
        '',
        '1 row was deleted from this table in the workbook and will be removed from the response.',
      ],
    ]);
    expect(report.summary.rowsAdded).toEqual([
      { sheet: expect.stringMatching(/Needs$/), count: 1 },
      { sheet: expect.stringMatching(/Steps$/), count: 1 },
    ]);
    const applied = applyReturn(report, {
      template: allTypes,
      current: response,
      user: 'sam',
      at: now,
      reason: 'x',
    });
    expect(applied.answers['staff']).toMatchObject({
      value: 44,
      by: 'sam',
      prev: '2026-11-20T10:00:00.000Z|maria',
    });
    expect(applied.answers['director']).toEqual(response.answers['director']);
  });

  it('keeps an answer changed in the app after the export, and warns where both changed', async () => {
    const response = fullResponse();
    const bytes = await exportFull(response);
    const later = {
      ...response,
      answers: stampAnswers(
        response.answers,
        { director: 'Dr. Cruz', staff: 50 },
        '2026-11-28T08:00:00.000Z',
        'jo',
      ),
    };
    expect((await check(bytes, { current: later })).changes).toEqual({});
    const edited = await editWorkbook(bytes, (wb) => {
      rowOf(sheetStartingWith(wb, 'Profile'), 'staff').getCell(3).value = 45;
    });
    const report = await check(edited, { current: later });
    expect(report.changes).toEqual({ staff: 45 });
    expect(report.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cell: 'C3',
        code: 'staff',
        problem:
          'Also changed in the app since the export (to "50" by jo); the workbook’s "45" will replace it.',
      }),
    ]);
  });

  it('reopens a submitted response as its next revision, and submits again only when asked', async () => {
    const response = fullResponse();
    const submittedDoc = {
      ...response,
      status: 'submitted' as const,
      history: [{ kind: 'submitted' as const, revision: 1, at: '2026-11-21T00:00:00.000Z', by: 'maria' }],
    };
    const edited = await editWorkbook(await exportFull(submittedDoc), (wb) => {
      rowOf(sheetStartingWith(wb, 'Profile'), 'budget').getCell(3).value = 2.5;
    });
    const draft = applyReturn(await check(edited, { current: submittedDoc }), {
      template: allTypes,
      current: submittedDoc,
      user: 'sam',
      at: now,
      reason: 'Imported from the return r.xlsx',
    });
    expect(draft).toMatchObject({ status: 'draft', revision: 2 });
    expect(draft.history.at(-1)).toMatchObject({
      kind: 'reopened',
      reason: 'Imported from the return r.xlsx',
    });
    const resubmitted = applyReturn(await check(edited, { current: submittedDoc, submit: true }), {
      template: allTypes,
      current: submittedDoc,
      user: 'sam',
      at: now,
      reason: 'r',
    });
    expect(resubmitted).toMatchObject({ status: 'submitted', revision: 2 });
    expect(resubmitted.history.map((e) => e.kind)).toEqual(['submitted', 'reopened', 'submitted']);
  });

  it('writes text that starts with = + - @ as text, never as a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await exportFull()).buffer);
    const cell = rowOf(sheetStartingWith(workbook, 'Profile'), 'notes').getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=SUM(A1:A9)\nline two\n+1 -1 @x');
    const step = sheetStartingWith(workbook, 'Steps').getCell('C4');
    expect([step.type, step.value]).toEqual([ExcelJS.ValueType.String, '@ship']);
  });

  it('offers dropdowns: the choice list for select questions, Yes/No for each choice line', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await exportFull()).buffer);
    const profile = sheetStartingWith(workbook, 'Profile');
    expect(rowOf(profile, 'legal').getCell(3).dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'Choices'!$A$2:$A$4"],
    });
    expect(rowOf(profile, 'areas:M').getCell(3).dataValidation).toMatchObject({ formulae: ['"Yes,No"'] });
    const choices = workbook.getWorksheet('Choices');
    expect(choices?.getRow(1).values).toEqual([undefined, 'legal', 'code', 'area', 'code', 'kind', 'code']);
    expect(choices?.getRow(2).values).toEqual([
      undefined,
      'Government agency',
      'agency',
      'Mass',
      'M',
      'Training',
      'training',
    ]);
    // Spare rows under a table carry the dropdowns too.
    expect(sheetStartingWith(workbook, 'Needs').getCell('B40').dataValidation).toMatchObject({
      type: 'list',
    });
    expect(profile.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(workbook.getWorksheet('_workbench')?.state).toBe('hidden');
  });
});

describe('a return with mistakes is reported cell by cell and cannot be applied', () => {
  async function mistakes(change: (wb: ExcelJS.Workbook) => void, submit = false) {
    const response = fullResponse();
    const report = await check(await editWorkbook(await exportFull(response), change), {
      current: response,
      submit,
    });
    expect(report.canApply).toBe(false);
    expect(() =>
      applyReturn(report, { template: allTypes, current: response, user: 'x', at: now, reason: 'x' }),
    ).toThrow();
    return report.problems.filter((p) => p.severity === 'error');
  }

  it('a changed code', async () => {
    expect(
      await mistakes((wb) => (rowOf(sheetStartingWith(wb, 'Profile'), 'budget').getCell(1).value = 'budjet')),
    ).toEqual([
      expect.objectContaining({
        cell: 'A4',
        code: 'budjet',
        problem: '"budjet" is not a question code of this questionnaire.',
        expected: 'Leave the Code column as exported.',
      }),
    ]);
  });

  it('a code moved to another sheet, and a column code changed in a table', async () => {
    const problems = await mistakes((wb) => {
      rowOf(sheetStartingWith(wb, 'Profile'), 'budget').getCell(1).value = 'director';
      sheetStartingWith(wb, 'Needs').getCell('E2').value = 'priority';
    });
    expect(problems.map((p) => [p.cell, p.problem])).toEqual([
      ['A4', 'The question code "director" belongs on the sheet "1 General".'],
      ['E2', '"priority" is not a question code of this table.'],
    ]);
  });

  it('a choice not in the list, a word in a number, a bad date, a formula, an out-of-range value', async () => {
    const problems = await mistakes((wb) => {
      const profile = sheetStartingWith(wb, 'Profile');
      rowOf(profile, 'legal').getCell(3).value = 'Foundation';
      rowOf(profile, 'staff').getCell(3).value = '37 people';
      rowOf(profile, 'founded').getCell(3).value = '31/02/1965';
      rowOf(profile, 'budget').getCell(3).value = { formula: 'B2*2', result: 3.5 };
      rowOf(profile, 'areas:M').getCell(3).value = 'maybe';
      sheetStartingWith(wb, 'Needs').getCell('E3').value = 9;
    });
    expect(problems.map((p) => [p.cell, p.question, p.problem, p.expected])).toEqual([
      ['C3', 'Staff', '"37 people" is not a whole number.', 'A whole number, such as 12.'],
      [
        'C4',
        'Budget (million)',
        'The cell holds a formula (=B2*2), which is not read.',
        'Type the value itself.',
      ],
      [
        'C5',
        'Founded on',
        '"31/02/1965" is not a date the app can read.',
        'A date, such as 2026-03-31 (or a date cell).',
      ],
      [
        'C6',
        'Legal status',
        '"Foundation" is not in the choice list.',
        'One of: Government agency; University; Other. Use the cell’s dropdown.',
      ],
      ['C8', 'Areas served', '"maybe" is not Yes or No.', 'Yes, No, or leave it empty.'],
      ['E3', 'Priority', 'Enter a priority from 1 to 5.', undefined],
    ]);
  });

  it('a date outside 1900–2200, as a date cell (a serial of year 10,000) or typed, is refused', async () => {
    for (const [value, problem] of [
      [
        new Date(Date.UTC(10_000, 0, 1)),
        'The date in this cell (year 10000) is outside the years 1900 to 2200.',
      ],
      [
        new Date(Date.UTC(1850, 5, 1)),
        'The date in this cell (year 1850) is outside the years 1900 to 2200.',
      ],
      ['2201-01-01', '"2201-01-01" is outside the years 1900 to 2200.'],
    ] as const) {
      const problems = await mistakes((wb) => {
        rowOf(sheetStartingWith(wb, 'Profile'), 'founded').getCell(3).value = value;
      });
      expect(problems.map((p) => [p.cell, p.problem, p.expected])).toEqual([
        ['C5', problem, 'A date from 1900 to 2200, such as 2026-03-31.'],
      ]);
    }
  });

  it('a required answer missing when the response is being submitted', async () => {
    const problems = await mistakes((wb) => {
      rowOf(sheetStartingWith(wb, 'General'), 'director').getCell(3).value = null;
    }, true);
    expect(problems).toEqual([
      expect.objectContaining({
        cell: 'C3',
        code: 'director',
        problem: 'A required answer is missing, and the response is being submitted.',
      }),
    ]);
  });

  it('a row id that the return never had, and one copied twice', async () => {
    const problems = await mistakes((wb) => {
      const needs = sheetStartingWith(wb, 'Needs');
      needs.getCell('A3').value = 'zz9';
      needs.getCell('A4').value = 'k1';
      needs.getRow(5).values = ['k1', 'M'];
    });
    expect(problems.map((p) => [p.cell, p.problem])).toEqual([
      ['A3', '"zz9" is not a row id of this table.'],
      ['A5', 'The row id "k1" appears twice (rows 4 and 5).'],
    ]);
  });

  it('a row in a table whose number of rows an earlier answer fixes', async () => {
    const problems = await mistakes((wb) => {
      sheetStartingWith(wb, 'One service').getRow(5).values = ['', 'T', 7];
    });
    expect(problems.map((p) => [p.cell, p.problem])).toEqual([
      ['B5', 'This row is beyond the rows the table has (its number of rows is set by an earlier answer).'],
      ['C5', 'This row is beyond the rows the table has (its number of rows is set by an earlier answer).'],
    ]);
  });

  it('a return for another version of the questionnaire than the response uses', async () => {
    const response = fullResponse();
    const bytes = await exportFull(response);
    const report = await check(bytes, { current: { ...response, templateVersion: '4' } });
    expect(report.problems).toEqual([
      expect.objectContaining({
        sheet: '(file)',
        problem:
          'The institute’s 2026 response uses version 4 of "Every type", but this return was exported for version 3.',
      }),
    ]);
    const opened = await openReturn(bytes);
    if (!opened.ok) throw new Error('not opened');
    const unknown = checkReturn(opened, { template: undefined, current: undefined, submit: false, now });
    expect(unknown.problems[0]?.problem).toBe(
      'The return is for the questionnaire "all_types" version 3, which is not on this computer.',
    );
    expect(unknown.canApply).toBe(false);
  });
});

describe('the training dataset', () => {
  it('round-trips every DEC response: imported over itself nothing changes, imported fresh every answer comes back', async () => {
    const { findShippedTemplate } = await import('@shared/forms/shipped');
    const { generateInstituteDocs, planDataset } = await import('@shared/seed');
    const dec = findShippedTemplate('dec_capacity_needs');
    if (!dec) throw new Error('no DEC template');
    const plan = planDataset({ seed: 7, institutes: 8, cycles: 2, asOf: '2026-11-30' });
    let checked = 0;
    for (const seeded of plan.institutes) {
      for (const raw of generateInstituteDocs(plan, seeded)) {
        const doc = parseDoc(raw);
        if (doc.type !== 'response' || doc.templateId !== dec.id) continue;
        const opened = await openReturn(
          await exportReturn({
            template: dec,
            institute: { org: seeded.slug, name: seeded.name },
            cycle: doc.cycle,
            response: doc,
            exportedAt,
            exportedBy: 'sam',
            appVersion: '9.9.9',
          }),
        );
        if (!opened.ok) throw new Error('not opened');
        const over = checkReturn(opened, { template: dec, current: doc, submit: false, now });
        expect([doc._id, over.changes, over.problems]).toEqual([doc._id, {}, []]);
        const fresh = checkReturn(opened, { template: dec, current: undefined, submit: false, now });
        const back = answerValues(
          applyReturn(fresh, { template: dec, current: undefined, user: 'sam', at: now, reason: 'x' }),
        );
        for (const [key, entry] of Object.entries(doc.answers)) {
          const field = key.split('/').at(-1) ?? key;
          if (['started', 'ended', 'answered_by'].includes(field) || entry.value === null) continue;
          // Support received is the support ledger's, shown for reading and never read back.
          if (key.startsWith('support_received')) continue;
          const want = Array.isArray(entry.value) ? [...entry.value].sort() : entry.value;
          const got = back[key];
          expect([doc._id, key, Array.isArray(got) ? [...got].sort() : got]).toEqual([doc._id, key, want]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  }, 30_000); // a dozen institutes' workbooks written and read back: bounded by size, slow on a busy machine
});
