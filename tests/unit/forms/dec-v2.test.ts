/**
 * The DEC assessment's version 2: answers directors really give, carry-over from version 1
 * by question code, and both versions in one consolidated return.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { newResponseDoc, answerValues } from '@shared/docs/response/edit';
import type { AnswerValue } from '@shared/docs/response/schema';
import { exportConsolidated, LONG_SHEET, WIDE_SHEET } from '@shared/excel/consolidated';
import { carryOver } from '@shared/forms/carry-over';
import { walkItems, type Template } from '@shared/forms/model';
import { evaluateForm, parseNumber, valueFromInput } from '@shared/forms/rules';
import { findShippedTemplate, latestShippedTemplate } from '@shared/forms/shipped';
import { openLocalDb, type LocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const v1 = findShippedTemplate('dec_capacity_needs', '2026.1') as Template;
const v2 = findShippedTemplate('dec_capacity_needs', '2026.2') as Template;
const env = { now: new Date('2026-03-02T09:00:00Z') };
const question = (t: Template, key: string) => evaluateForm(t, {}, env).fields.get(key)?.item;

const lastYear: Record<string, AnswerValue> = {
  started: '2025-02-01T08:00:00.000Z',
  answered_by: 'Maria Santos',
  legal_status: 'government_agency',
  year_established: 1972,
  staff_scientists: 4,
  staff_technicians: 6,
  areas_served: ['M', 'T'],
  'area_services#1/service_area': 'T',
  'area_services#1/service_customers': 120,
  iso17025: 'implemented',
  need: ['k1'],
  'need#k1/need_area': 'M',
  'need#k1/need_type': 'training',
  'need#k1/need_priority': 1,
  ind_calibrations: 3450,
};

describe('the DEC assessment, version 2', () => {
  it('is the version new responses start on; version 1 stays for its cycles', () => {
    expect(latestShippedTemplate('dec_capacity_needs')?.version).toBe('2026.2');
    expect(v1.version).toBe('2026.1');
    const names = new Set([...walkItems(v2.items)].map(({ item }) => item.name));
    for (const code of [
      'metrology_law',
      'accreditation_ilac',
      'bipm_status',
      'cipm_mra',
      'apmp_membership',
      'apmp_role',
      'traceability_source',
      'staff_phd',
      'training',
      'lims',
      'digital_certificates',
      'remote_calibration',
      'industries_served',
      'government_programmes',
      'trade_requirements',
      'general_need',
      'offer',
      'least_developed',
    ])
      expect(names.has(code), code).toBe(true);
  });

  it('carries last cycle’s answers over by question code, never metadata or what v2 calculates', () => {
    const { answers, left } = carryOver(v1, v2, lastYear);
    expect(answers).toEqual({
      legal_status: 'government_agency',
      year_established: 1972,
      staff_scientists: 4,
      staff_technicians: 6,
      areas_served: ['M', 'T'],
      'area_services#1/service_customers': 120,
      iso17025: 'implemented',
      need: ['k1'],
      'need#k1/need_area': 'M',
      'need#k1/need_type': 'training',
      'need#k1/need_priority': 1,
      ind_calibrations: 3450,
    });
    expect(left).toEqual([]);
    // A choice the new version no longer offers stays behind and is named.
    expect(carryOver(v1, v2, { legal_status: 'retired_choice' }).left).toEqual(['legal_status']);
  });

  it('fills each area’s services from the areas ticked, in order', () => {
    const result = evaluateForm(v2, { areas_served: ['M', 'T'] }, env);
    expect([...result.calculated]).toEqual([
      ['area_services#1/service_area', 'M'],
      ['area_services#2/service_area', 'T'],
    ]);
  });

  it('accepts what directors really answer: 1947, "3,450", "3 450", a decimal comma', () => {
    const at = (answers: Record<string, AnswerValue>, key: string) =>
      evaluateForm(v2, answers, env).fields.get(key);
    expect(at({ year_established: 1947 }, 'year_established')?.error).toBeUndefined();
    expect(at({ year_established: 1799 }, 'year_established')?.error?.kind).toBe('constraint');
    expect(at({ year_established: 2027 }, 'year_established')?.error?.kind).toBe('constraint');
    const calibrations = question(v2, 'ind_calibrations');
    if (calibrations?.kind !== 'question') throw new Error('no ind_calibrations');
    expect(valueFromInput(calibrations, '3,450')).toBe(3450);
    expect(valueFromInput(calibrations, '3 450')).toBe(3450);
    expect(valueFromInput(calibrations, '3\u202F450')).toBe(3450);
    expect(valueFromInput(calibrations, '1,234,567')).toBe(1234567);
    expect(parseNumber('12,5', false)).toEqual({ value: 12.5 });
    expect(parseNumber('1.234,5', false)).toEqual({ value: 1234.5 });
    expect(parseNumber('1,234.5', false)).toEqual({ value: 1234.5 });
    expect(parseNumber('3,450', false)).toEqual({ ambiguous: true });
    expect(parseNumber('3,45,0', true)).toBeUndefined();
    expect(parseNumber('twelve', true)).toBeUndefined();
  });

  it('speaks of a field’s own range and kind: a 1–5 priority is not "such as 12"', () => {
    const result = evaluateForm(v2, { need: ['k1'], 'need#k1/need_priority': 'high' }, env);
    expect(result.fields.get('need#k1/need_priority')?.error).toEqual({
      kind: 'integer',
      range: { min: 1, max: 5 },
    });
  });

  it('no longer asks support received (the support ledger answers it): an old answer is read as stored, not counted, required or judged', () => {
    const old = evaluateForm(
      v2,
      {
        support_received: ['s1', 's2'],
        'support_received#s1/support_days': '3,450',
        'support_received#s1/support_provider': 'PTB',
      },
      env,
    );
    const days = old.fields.get('support_received#s1/support_days');
    expect(days?.value).toBe('3,450');
    expect(days?.error).toBeUndefined();
    expect(days?.readOnly).toBe(true);
    expect(days?.elsewhere).toBe('support-ledger');
    // s2 has no provider, which the table required: nobody is asked for it now.
    expect(old.missing.filter((k) => k.startsWith('support_received'))).toEqual([]);
    expect(old.invalid).toEqual([]);
    const support = old.sections.find((s) => s.name === 'support');
    expect(support).toMatchObject({ relevant: true, answered: 0, total: 0 });
    expect(old.total).toBe(evaluateForm(v2, {}, env).total);
  });
});

describe('versions side by side', () => {
  const opened: LocalDb[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });

  it('a new cycle on v2 leaves the submitted v1 response exactly as it was', async () => {
    const org = uniqueOrg('nml');
    const db = openLocalDb(org, MemoryPouch);
    opened.push(db);
    const repo = new Repository(db, { org, user: 'Maria Santos' });
    const first = await repo.createResponse('dec_capacity_needs', '2026.1', 2025, lastYear);
    const submitted = await repo.submitResponse(first._id, {});
    const { answers } = carryOver(v1, v2, answerValues(submitted));
    const next = await repo.createResponse('dec_capacity_needs', '2026.2', 2026, answers);
    expect(next.templateVersion).toBe('2026.2');
    expect(answerValues(next).year_established).toBe(1972);
    const again = await repo.getResponse(first._id);
    expect(again).toEqual(submitted);
    expect(again?.templateVersion).toBe('2026.1');
  });

  it('one consolidated return reads both versions, columns joined by code, one row per cycle', async () => {
    const at = '2026-03-02T09:00:00.000Z';
    const base = { org: 'ph-nml-itdi', templateId: 'dec_capacity_needs', at, by: 'Maria Santos' };
    const old = newResponseDoc({ ...base, templateVersion: '2026.1', cycle: 2025, answers: lastYear });
    const current = newResponseDoc({
      ...base,
      templateVersion: '2026.2',
      cycle: 2026,
      answers: { ...carryOver(v1, v2, lastYear).answers, year_established: 1947, least_developed: 'no' },
    });
    const institute = { org: 'ph-nml-itdi', name: 'NML-ITDI', economy: 'Philippines' };
    const bytes = await exportConsolidated({
      template: v2,
      templates: [v1],
      cycle: 2026,
      institutes: [
        { institute, response: old, cycle: 2025 },
        { institute, response: current, cycle: 2026 },
      ],
      exportedAt: new Date(at),
      exportedBy: 'sam',
      appVersion: '9.9.9',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const wide = workbook.getWorksheet(WIDE_SHEET) as ExcelJS.Worksheet;
    const codes = (wide.getRow(2).values as unknown[]).map(String);
    const cells = (code: string) => [3, 4].map((r) => wide.getRow(r).getCell(codes.indexOf(code)).value);
    expect(cells('cycle')).toEqual([2025, 2026]);
    expect(cells('template_version')).toEqual(['2026.1', '2026.2']);
    expect(cells('year_established')).toEqual([1972, 1947]);
    expect(cells('ind_calibrations')).toEqual([3450, 3450]);
    expect(cells('least_developed')).toEqual([null, 'No']);
    expect(codes.filter((c) => c === 'year_established')).toHaveLength(1);
    const long = workbook.getWorksheet(LONG_SHEET) as ExcelJS.Worksheet;
    const years: unknown[] = [];
    long.eachRow((row, n) => {
      if (n > 1 && row.getCell(5).value === 'year_established')
        years.push([row.getCell(4).value, row.getCell(8).value, row.getCell(10).value]);
    });
    expect(years).toEqual([
      [2025, 1972, '2026.1'],
      [2026, 1947, '2026.2'],
    ]);
  });
});
