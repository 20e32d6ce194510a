/**
 * Issue 19: CMC plans faithful to the KCDB 2.0 and the CIPM MRA review, the DEC plan's own
 * leverage areas, and reference data a director can trust — one test per item, on real
 * identifiers and values.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import economies from '../../../resources/reference/apmp-economies.json';
import { LEVERAGE_AREAS, leverageLabel, leverageOfWorkPackage } from '@shared/case-studies/leverage';
import { cmcRowOf } from '@shared/cmc/cmc-rows';
import { familyOf } from '@shared/cmc/families';
import { needsFromPlan, rankProviders } from '@shared/cmc/matching';
import { SUPPORT_TYPES } from '@shared/cmc/milestones';
import { applyPlanChanges } from '@shared/cmc/plan-edit';
import { rightFirstTime, rightFirstTimeByInstitute, returnedRounds } from '@shared/cmc/review';
import { notSiFlag, unitStatus } from '@shared/cmc/units';
import { KCDB_ID_PATTERN, validatePlan } from '@shared/cmc/validate';
import {
  CMCPLAN_SCHEMA_VERSION,
  newCmcPlanFields,
  type CmcPlanDoc,
  type CmcPlanFields,
  type ReviewRound,
} from '@shared/docs/cmcplan/schema';
import { parseDoc } from '@shared/docs/registry';
import { CMC_COLUMNS, cmcSheetName, exportCmcRows } from '@shared/excel/cmc-sheet';
import { developingEconomies, listReferenceInstitutes } from '@shared/reference/economies';
import { generateInstituteDocs } from '@shared/seed';
import { CAPABILITY_SPECS } from '@shared/seed/cmcplan/capabilities';
import { practicePlan } from '@shared/seed/context';
import { PRACTICE_INSTITUTE } from '@shared/seed/institutes';
import { mergeLeaves, type Leaf } from '@shared/sync/merge';

const AT = '2026-11-01T00:00:00.000Z';

function plan(
  area: string,
  change: (f: CmcPlanFields) => void = () => undefined,
  org = 'id-snsu-bsn',
): CmcPlanDoc {
  const fields = newCmcPlanFields(area, area === 'QM' ? 'Water' : 'Mass standards', 'Service');
  change(fields);
  return {
    _id: `cmcplan:${org}:p-${area}`,
    type: 'cmcplan',
    schemaVersion: CMCPLAN_SCHEMA_VERSION,
    org,
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'Dewi',
    ...fields,
  };
}

const problems = (p: CmcPlanDoc) => validatePlan(p).map((x) => `${x.field}: ${x.message}`);

function round(stage: ReviewRound['stage'], received: string, returned: boolean): ReviewRound {
  return {
    stage,
    received,
    from: 'APMP TCQM reviewer',
    comments: 'Give the technical evidence for the lower end of the range.',
    answered: received,
    answer: 'CCQM-K30 results attached.',
    returned,
    resubmitted: returned ? received : '',
  };
}

describe('1. the DEC plan’s leverage areas', () => {
  it('are LA1–LA5 with the plan’s titles and work packages', () => {
    expect(LEVERAGE_AREAS.map((a) => a.code)).toEqual(['LA1', 'LA2', 'LA3', 'LA4', 'LA5']);
    expect(leverageLabel('LA1')).toBe('LA1 — Actionable knowledge made available on a regular basis');
    expect(leverageOfWorkPackage('LA1-WP4')).toBe('LA1');
    expect(leverageOfWorkPackage('LA5-WP4')).toBe('LA5');
  });

  it('move stories tagged with the invented list to the nearest area, or leave them untagged with a note', () => {
    const story = (leverageArea: string) =>
      parseDoc({
        _id: 'casestudy:ph-nml-itdi:s1',
        type: 'casestudy',
        schemaVersion: 1,
        org: 'ph-nml-itdi',
        createdAt: AT,
        updatedAt: AT,
        updatedBy: 'Maria',
        title: 'Weighbridges',
        economy: 'Philippines',
        leverageArea,
        sdgs: [9],
        areas: ['M'],
        context: 'c',
        challenge: '',
        actions: '',
        partners: '',
        results: '',
        impact: '',
        lessons: '',
        indicators: [],
        quotes: [],
        photos: {},
        status: 'draft',
        history: [{ action: 'create', to: 'draft', at: AT, by: 'Maria' }],
        comments: {},
      });
    expect(story('capability')).toMatchObject({
      schemaVersion: 2,
      leverageArea: 'LA5',
      leverageAreaFormer: '',
    });
    expect(story('industry-trade')).toMatchObject({ leverageArea: 'LA2', leverageAreaFormer: '' });
    expect(story('quality-infrastructure')).toMatchObject({
      leverageArea: '',
      leverageAreaFormer: 'Quality infrastructure: accreditation, standards, legal metrology',
    });
    expect(story('')).toMatchObject({ leverageArea: '', leverageAreaFormer: '', context: 'c' });
  });
});

describe('2. CMC fields as the KCDB 2.0 holds them', () => {
  it('puts a plan in its family: QM chemistry and biology, RI ionizing radiation, the rest physics', () => {
    expect(['QM', 'RI', 'M', 'EM', 'TF'].map(familyOf)).toEqual([
      'chembio',
      'radiation',
      'physics',
      'physics',
      'physics',
    ]);
  });

  it('upgrades a schema 1 plan without losing a word: parameters to a list, the value to a range, relative to the mode', () => {
    const {
      parameterList: _p,
      uncertaintyMin: _min,
      uncertaintyMax: _max,
      uncertaintyMode: _m,
      ...rest
    } = plan('M');
    void [_p, _min, _max, _m];
    const old = {
      ...rest,
      schemaVersion: 1,
      parameters: 'Air density: 1.2 kg/m³; conventional mass',
      uncertaintyValue: '0,03',
      relative: true,
    };
    const doc = parseDoc(old) as CmcPlanDoc;
    expect(doc.schemaVersion).toBe(2);
    expect(doc.parameterList).toEqual([
      { id: 'p1', name: 'Air density', value: '1.2 kg/m³', unit: '' },
      { id: 'p2', name: 'conventional mass', value: '', unit: '' },
    ]);
    expect([doc.uncertaintyForm, doc.uncertaintyMin, doc.uncertaintyMax, doc.uncertaintyMode]).toEqual([
      'range',
      '0,03',
      '0,03',
      'relative',
    ]);
    expect(Object.keys(doc)).not.toContain('uncertaintyValue');
    expect(doc.reviewRounds).toEqual({});
    expect(doc.checklist.qs_covers).toEqual({ done: false, note: '' });
  });

  it('merges a schema 1 revision from an older app with a schema 2 one, field by field', () => {
    const current = plan('M', (f) => (f.quantity = 'Mass')) as unknown as Leaf;
    const {
      parameterList: _p,
      uncertaintyMin: _a,
      uncertaintyMax: _b,
      uncertaintyMode: _c,
      ...rest
    } = plan('M');
    void [_p, _a, _b, _c];
    const older = { ...rest, schemaVersion: 1, parameters: '', uncertaintyValue: null, relative: false };
    const result = mergeLeaves(
      [
        { ...current, _rev: '2-aaa' },
        { ...older, instrument: 'E2 weights', _rev: '2-bbb' },
      ],
      { ...older, _rev: '1-x' },
    );
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toMatchObject({ schemaVersion: 2, quantity: 'Mass', instrument: 'E2 weights' });
  });

  it('exports a QM plan in the chemistry and biology template: analyte, matrix, technique, CRM, delivery; unit and uncertainty in their own columns', async () => {
    const qm = plan('QM', (f) => {
      Object.assign(f, {
        service: 'Inorganic elements in water',
        analyte: 'lead',
        matrix: 'drinking water',
        quantity: 'Mass fraction',
        method: 'Isotope dilution ICP-MS',
        crm: 'no',
        deliveryMechanism: 'Measurement of customer samples',
        rangeMin: 0.001,
        rangeMax: 1,
        rangeUnit: 'mg/kg',
        uncertaintyMin: 2,
        uncertaintyMax: 8,
        uncertaintyUnit: '%',
        uncertaintyMode: 'relative',
        coverageFactor: 2,
        confidenceLevel: '95',
        comparisons: ['CCQM-K30', 'APMP.QM-S15'],
        nuclide: 'not for QM',
      });
    });
    const rm = plan('RI', (f) =>
      Object.assign(f, { nuclide: 'Cs-137', source: 'Gamma beam', medium: 'Air' }),
    );
    const rows = [cmcRowOf(qm, 'SNSU-BSN', []), cmcRowOf(rm, 'SNSU-BSN', [])];
    expect(rows[0]?.nuclide).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      new Uint8Array(await exportCmcRows({ rows, exportedAt: new Date(AT), appVersion: '1' })).buffer,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Chemistry and biology', 'Ionizing radiation']);
    const sheet = workbook.getWorksheet(cmcSheetName('chembio'));
    const headers = (sheet?.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual(CMC_COLUMNS.chembio.map((c) => c.header));
    expect(headers.slice(0, 13)).toEqual([
      'Institute',
      'Metrology area',
      'Category',
      'Sub-category',
      'Analyte or component',
      'Matrix',
      'Quantity',
      'Measurement technique',
      'Certified reference material?',
      'Delivery mechanism',
      'Minimum value',
      'Maximum value',
      'Unit',
    ]);
    const values = (sheet?.getRow(3).values as unknown[]).slice(1);
    const at = (header: string) => values[headers.indexOf(header)];
    expect([at('Analyte or component'), at('Matrix'), at('Certified reference material?')]).toEqual([
      'lead',
      'drinking water',
      'No',
    ]);
    expect([at('Minimum value'), at('Maximum value'), at('Unit')]).toEqual([0.001, 1, 'mg/kg']);
    expect([at('Minimum'), at('Maximum'), at('Absolute or relative')]).toEqual([2, 8, 'Relative']);
    expect(at('Supporting comparisons')).toBe('CCQM-K30, APMP.QM-S15');
    const ri = workbook.getWorksheet(cmcSheetName('radiation'));
    expect((ri?.getRow(2).values as unknown[]).slice(5, 8)).toEqual([
      'Nuclide or radiation',
      'Source',
      'Medium',
    ]);
    expect((ri?.getRow(3).values as unknown[]).slice(5, 8)).toEqual(['Cs-137', 'Gamma beam', 'Air']);
  });

  it('checks each uncertainty form: a range in order, an equation written, a table of positive values', () => {
    expect(
      problems(plan('L', (f) => Object.assign(f, { uncertaintyMin: 0.1, uncertaintyMax: 0.05 }))),
    ).toEqual([
      'uncertaintyMax: The largest uncertainty (0.05) is below the smallest (0.1); give the range from the smaller to the larger.',
    ]);
    expect(problems(plan('L', (f) => (f.uncertaintyForm = 'equation')))).toEqual([
      'uncertaintyEquation: Write the uncertainty as an equation in the measurand, e.g. U = (0.05 + 0.5·L) µm, L in m.',
    ]);
    const table = plan('EM', (f) => {
      f.uncertaintyForm = 'table';
      f.uncertaintyTable = [
        { id: 'u1', value: 1, uncertainty: 0.000003 },
        { id: 'u2', value: 1000, uncertainty: '0,03' },
      ];
    });
    expect(problems(table)).toEqual([
      'uncertaintyTable: Row 2: "0,03" is not a number; write it with a decimal point, e.g. 0.25 or 2.5e-6.',
    ]);
    expect(
      problems(plan('EM', (f) => Object.assign(f, { uncertaintyMode: 'relative', uncertaintyUnit: 'µV/V' }))),
    ).toEqual([]);
    expect(
      problems(plan('EM', (f) => Object.assign(f, { uncertaintyMode: 'relative', uncertaintyUnit: 'mV' }))),
    ).toEqual([
      'uncertaintyUnit: A relative uncertainty is a ratio: give it in %, as a number (unit 1) or as a ratio such as µV/V, not in mV.',
    ]);
    expect(
      problems(plan('M', (f) => (f.comparisons = ['CCM.M-K4', 'APMP.M.M-K5', 'CCRI(I)-K2', 'weights 2019']))),
    ).toEqual([
      'comparisons: "weights 2019" does not look like a comparison\'s KCDB identifier (e.g. CCM.M-K4, APMP.M.M-K5, APMP.QM-S15).',
    ]);
  });
});

describe('3. KCDB identifiers', () => {
  it('accept the KCDB’s alphanumeric numbers, as in the app’s own reference data', () => {
    for (const id of [
      'APMP-EM-KR-000006OF-2',
      'APMP-PR-KR-000009CO-3',
      'APMP-QM-CN-00000JZR-1',
      'EURAMET-M-DE-00000123-1',
    ])
      expect([id, KCDB_ID_PATTERN.test(id)]).toEqual([id, true]);
    for (const id of ['APMP-EM-KOR-1', 'apmp-em-kr-000006of-2', 'APMP EM KR 6', 'APMP-EM-KR-'])
      expect([id, KCDB_ID_PATTERN.test(id)]).toEqual([id, false]);
    expect(problems(plan('EM', (f) => (f.kcdbId = 'APMP-EM-KR-000006OF-2')))).toEqual([]);
  });
});

describe('4. the review path, rounds and right first time', () => {
  it('leaves prerequisites in any order and keeps the submission path in order', () => {
    const any = plan('M', (f) => {
      f.milestones.comparison.actual = '2025-01-10';
      f.milestones.quality_system.actual = '2026-03-01';
      f.milestones.peer_review.planned = '2024-06-01';
    });
    expect(problems(any)).toEqual([]);
    const disorder = plan('M', (f) => {
      f.milestones.jcrb.planned = '2027-02-01';
      f.milestones.intra_regional.planned = '2027-05-01';
    });
    expect(problems(disorder)).toEqual([
      'milestones.jcrb.planned: JCRB inter-regional review (2027-02-01) comes before Intra-regional review (2027-05-01); the review path runs in order.',
    ]);
  });

  it('asks for the checklist before submission and a re-review date after publication', () => {
    const submitting = plan('M', (f) => {
      f.milestones.rmo_tc.status = 'in_progress';
      for (const item of Object.values(f.checklist)) item.done = true;
      f.checklist.uncertainty_budget.done = false;
    });
    expect(problems(submitting)).toEqual([
      'checklist.uncertainty_budget: Before submitting, check: an uncertainty budget supports the stated uncertainty over the whole range.',
    ]);
    const published = plan('M', (f) => {
      f.milestones.published = { ...f.milestones.published, status: 'done', actual: '2026-05-04' };
      f.kcdbId = 'APMP-M-ID-00000A12-1';
      f.maintenanceDue = '2031-05-04';
      f.reviewRounds = { r1: { ...round('intra_regional', '2026-01-10', true), resubmitted: '' } };
    });
    expect(problems(published)).toEqual([
      'reviewRounds.r1.resubmitted: This round sent the CMC back and it is now published: give the date it was resubmitted.',
    ]);
  });

  it('records rounds by path, so two people adding rounds offline keep both', () => {
    const base = plan('QM');
    const first = applyPlanChanges(base, { 'reviewRounds.r1': round('rmo_tc', '2026-02-01', true) });
    const second = applyPlanChanges(base, { 'reviewRounds.r2': round('jcrb', '2026-06-01', false) });
    const merged = mergeLeaves(
      [
        { ...(first as unknown as Leaf), _rev: '2-a' },
        { ...(second as unknown as Leaf), _rev: '2-b' },
      ],
      base as unknown as Record<string, unknown>,
    );
    expect(merged.conflicts).toEqual([]);
    expect(Object.keys(merged.merged['reviewRounds'] as object).sort()).toEqual(['r1', 'r2']);
    const removed = applyPlanChanges(first, { 'reviewRounds.r1': null });
    expect(removed.reviewRounds).toEqual({});
  });

  it('gives the share of published CMCs never sent back, per institute and across institutes', () => {
    const published = (org: string, rounds: Record<string, ReviewRound>) =>
      plan(
        'M',
        (f) => {
          f.milestones.published.status = 'done';
          f.reviewRounds = rounds;
        },
        org,
      );
    const plans = [
      published('id-snsu-bsn', { r1: round('intra_regional', '2026-01-01', false) }),
      published('id-snsu-bsn', {
        r1: round('intra_regional', '2026-01-01', true),
        r2: round('jcrb', '2026-04-01', false),
      }),
      published('th-nimt', {}),
      plan('M', (f) => (f.reviewRounds = { r1: round('rmo_tc', '2026-01-01', true) }), 'th-nimt'),
    ];
    const facts = plans.map((p) => ({
      org: p.org,
      published: p.milestones.published.status === 'done',
      returnedRounds: returnedRounds(p),
    }));
    expect(rightFirstTime(facts)).toEqual({ published: 3, firstTime: 2, share: 2 / 3 });
    expect(rightFirstTimeByInstitute(facts)).toEqual([
      { org: 'id-snsu-bsn', figure: { published: 2, firstTime: 1, share: 0.5 } },
      { org: 'th-nimt', figure: { published: 1, firstTime: 1, share: 1 } },
    ]);
    expect(rightFirstTime([])).toEqual({ published: 0, firstTime: 0, share: null });
  });
});

describe('6. support for the quality system', () => {
  it('can be asked for at the first milestone and is matched like the questionnaire’s need', () => {
    expect(SUPPORT_TYPES).toContain('quality_system');
    const asking = plan('M', (f) => (f.milestones.quality_system.support = ['quality_system']));
    const [need] = needsFromPlan(asking);
    expect(need).toMatchObject({ type: 'quality_system', milestone: 'quality_system' });
    const ranked = need
      ? rankProviders(need, [{ org: 'th-nimt', area: 'M', kind: 'published', detail: '12 CMCs published' }])
      : [];
    expect(ranked[0]?.org).toBe('th-nimt');
  });
});

describe('7. units', () => {
  it('sorts SI, accepted and not-SI units, flagging the last with their SI equivalent', () => {
    expect(unitStatus('kg').kind).toBe('si');
    expect(unitStatus('µmol/mol').kind).toBe('si');
    expect(unitStatus('mL').kind).toBe('accepted');
    expect(unitStatus('Gy/h').kind).toBe('accepted');
    expect(unitStatus('dB').kind).toBe('accepted');
    for (const [unit, equivalent] of [
      ['bar', '1 bar = 100 kPa'],
      ['mmHg', '1 mmHg ≈ 133.322 Pa'],
      ['psi', '1 psi ≈ 6.894 76 kPa'],
      ['lb', '1 lb = 0.453 592 37 kg'],
      ['in', '1 in = 25.4 mm'],
      ['ft', '1 ft = 0.3048 m'],
      ['rpm', '1 rpm = 1 min⁻¹ = 1/60 s⁻¹'],
    ] as const) {
      expect(unitStatus(unit)).toEqual({ kind: 'not-si', notSi: [{ symbol: unit, equivalent }] });
      expect(notSiFlag(unit)).toBe(`Not SI: ${equivalent}`);
    }
    expect(notSiFlag('ppm')).toMatch(/^Not SI: 1 ppm = 10⁻⁶/);
    expect(notSiFlag('psi/s')).toBe('Not SI: 1 psi ≈ 6.894 76 kPa');
    expect(notSiFlag('kPa')).toBeUndefined();
    expect(unitStatus('kgs').kind).toBe('unknown');
    // A not-SI unit is kept, with its flag on screen; it is not an error.
    expect(problems(plan('M', (f) => (f.rangeUnit = 'bar')))).toEqual([]);
  });
});

describe('8. training data a metrologist would sign', () => {
  const docs = generateInstituteDocs(practicePlan('2026-11-30'), PRACTICE_INSTITUTE);
  it('scales uncertainties with the measurand: an E2 weight set from 0.002 mg at 1 mg to 10 mg at 20 kg', () => {
    const weights = CAPABILITY_SPECS.find((s) => s.service === 'Calibration of weights');
    expect(weights).toMatchObject({
      range: [0.001, 20000],
      rangeUnit: 'g',
      uncertainty: [0.002, 10],
      uncertaintyUnit: 'mg',
    });
    // At most a third of OIML R 111-1's maximum permissible error for E2: 30 mg at 20 kg, 0.006 mg at 1 mg.
    expect(weights?.uncertainty[1]).toBeLessThanOrEqual(30 / 3);
    expect(weights?.uncertainty[0]).toBeLessThanOrEqual(0.006 / 3);
  });

  it('traces to a named NMI, never to an RMO laboratory', () => {
    const plans = docs.filter((d): d is CmcPlanDoc & { type: 'cmcplan' } => d.type === 'cmcplan');
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) {
      expect(p.traceabilitySource, p._id).not.toMatch(/regional reference laboratory/i);
      if (p.traceabilitySource)
        expect(p.traceabilitySource).toMatch(/calibrated by (NMIJ|KRISS|NMIA|NIM|NMC|NIMT|PTB)/);
    }
  });
});

describe('9. reference data', () => {
  it('names Indonesia’s NMI SNSU-BSN and keeps its former name; marks unconfirmed entries and developing economies', () => {
    const rows = listReferenceInstitutes(economies);
    const indonesia = rows.find((r) => r.iso2 === 'ID');
    expect(indonesia).toMatchObject({
      acronym: 'SNSU-BSN',
      slug: 'id-snsu-bsn',
      developing: true,
      developingInferred: true,
    });
    expect(rows.some((r) => r.acronym === 'KIM-LIPI')).toBe(false);
    expect(JSON.stringify(economies)).toContain('KIM-LIPI (Kalibrasi Instrumentasi Metrologi');
    const candidates = rows.filter((r) => ['BD', 'KH', 'NP', 'FJ'].includes(r.iso2));
    expect(candidates.length).toBeGreaterThan(0);
    for (const row of candidates) expect(row.inferred, row.name).toBe(true);
    const developing = developingEconomies(economies);
    expect(developing.get('ID')).toEqual({ developing: true, inferred: true });
    expect(developing.get('AU')).toEqual({ developing: false, inferred: true });
    expect(developing.has('JP')).toBe(false);
  });
});
