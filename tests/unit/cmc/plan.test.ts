import { describe, expect, it } from 'vitest';
import kcdb from '../../../resources/reference/kcdb-areas.json';
import {
  capabilitiesFromAnswers,
  capabilitiesFromPlan,
  needsFromAnswers,
  needsFromPlan,
  rankProviders,
  type Capability,
} from '@shared/cmc/matching';
import { dueMilestones, pipeline, stageOf } from '@shared/cmc/stage';
import { applyCorrections, referenceTaxonomy } from '@shared/cmc/taxonomy';
import { isKnownUnit } from '@shared/cmc/units';
import { validatePlan } from '@shared/cmc/validate';
import {
  CMCPLAN_SCHEMA_VERSION,
  newCmcPlanFields,
  type CmcPlanDoc,
  type CmcPlanFields,
} from '@shared/docs/cmcplan/schema';
import { parseDoc } from '@shared/docs/registry';

function plan(change: (fields: CmcPlanFields) => void = () => undefined, org = 'ph-nml'): CmcPlanDoc {
  const fields = newCmcPlanFields('M', 'Mass standards', 'Weights');
  change(fields);
  return {
    _id: `cmcplan:${org}:p1`,
    type: 'cmcplan',
    org,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'maria',
    ...fields,
    schemaVersion: CMCPLAN_SCHEMA_VERSION,
  };
}

const problems = (p: CmcPlanDoc) => validatePlan(p).map((x) => `${x.field}: ${x.message}`);

describe('a CMC plan', () => {
  it('is a document the storage layer accepts, even half typed', () => {
    const doc = plan((f) => {
      f.rangeMin = '0,5';
      f.milestones.training.planned = 'next spring';
    });
    expect(parseDoc(doc)).toEqual(doc);
    expect(() => parseDoc({ ...doc, _id: 'cmcplan:other:p1' })).toThrow(/not saved/);
  });

  it('explains its rules in plain words', () => {
    const doc = plan((f) => {
      f.rangeMin = 20;
      f.rangeMax = 1;
      f.rangeUnit = 'kgs';
      f.uncertaintyMin = 0;
      f.uncertaintyUnit = 'mg';
      f.coverageFactor = 1;
      f.confidenceLevel = 'stated';
      // Prerequisites have no order among themselves: training before traceability is fine.
      f.milestones.traceability.planned = '2027-06-01';
      f.milestones.training.planned = '2027-03-01';
      f.milestones.comparison.planned = '31/12/2027';
      f.milestones.rmo_tc.planned = '2027-09-01';
      f.milestones.intra_regional.planned = '2027-08-01';
    });
    expect(problems(doc)).toEqual([
      'rangeMax: The maximum (1) is below the minimum (20); the range runs from the smaller to the larger.',
      'rangeUnit: "kgs" is not an SI or accepted unit the app knows; use e.g. kg, mg, Pa, kPa, °C, K, m, mm, V, Ω, µmol/mol, m/s², %.',
      'uncertaintyMin: An expanded uncertainty must be greater than zero.',
      'coverageFactor: A coverage factor of 1 is unusual: it must be more than 1 and at most 4 (usually 2).',
      'confidenceStated: Say how the level of confidence is stated.',
      'milestones.comparison.planned: "31/12/2027" is not a date; write it as yyyy-mm-dd, e.g. 2027-03-31.',
      'milestones.intra_regional.planned: Intra-regional review (2027-08-01) comes before Submitted to the RMO technical committee (2027-09-01); the review path runs in order.',
    ]);
    expect(problems(plan((f) => (f.rangeMin = '0,5')))).toEqual([
      'rangeMin: "0,5" is not a number; write it with a decimal point, e.g. 0.25 or 2.5e-6.',
    ]);
    expect(problems(plan((f) => (f.milestones.published.status = 'done')))).toEqual([
      'kcdbId: Give the KCDB identifier of the published CMC, e.g. APMP-M-PH-00000123-1.',
      'maintenanceDue: Set the date this CMC is due for re-review, so its maintenance is planned.',
      'milestones.published.actual: Give the date it was done.',
    ]);
    const good = plan((f) => {
      Object.assign(f, {
        rangeMin: 0.001,
        rangeMax: 20,
        rangeUnit: 'kg',
        uncertaintyMin: 0.3,
        uncertaintyMax: 0.3,
        uncertaintyUnit: 'mg',
      });
      Object.assign(f, { coverageFactor: 2, confidenceLevel: '95.45', kcdbId: 'APMP-M-PH-00000123-1' });
    });
    expect(problems(good)).toEqual([]);
  });

  it('knows SI and accepted units, prefixed and combined', () => {
    for (const unit of [
      'kg',
      'mg',
      'µg',
      'ug',
      'kPa',
      'MPa',
      '°C',
      'K',
      'mK',
      'µmol/mol',
      'm/s²',
      'm/s^2',
      'N·m',
      'N m',
      'kg/m³',
      '%',
      'mL',
      'Ω',
      'dB',
      'h',
      'ppm',
      'bar',
    ])
      expect([unit, isKnownUnit(unit)]).toEqual([unit, true]);
    for (const unit of ['kgs', 'degC', 'meters', '', 'kg//m', 'xyz'])
      expect([unit, isKnownUnit(unit)]).toEqual([unit, false]);
  });

  it('is at the stage of its first milestone not done, and complete once published', () => {
    expect(stageOf(plan())).toBe('quality_system');
    const underway = plan((f) => {
      f.milestones.quality_system.status = 'done';
      f.milestones.traceability.status = 'not_needed';
      f.milestones.training.status = 'done';
    });
    expect(stageOf(underway)).toBe('comparison');
    expect(stageOf(plan((f) => (f.milestones.published.status = 'done')))).toBe('complete');
    const counts = pipeline([plan(), underway, plan()]);
    expect(counts.filter((c) => c.count > 0)).toEqual([
      { stage: 'quality_system', count: 2 },
      { stage: 'comparison', count: 1 },
    ]);
    expect(counts.map((c) => c.stage).at(-1)).toBe('complete');
  });

  it('lists milestones overdue and due within 30 days', () => {
    const doc = plan((f) => {
      f.milestones.quality_system.planned = '2026-11-01';
      f.milestones.traceability.planned = '2026-12-20';
      f.milestones.training.planned = '2027-02-01';
      f.milestones.comparison.planned = '2026-10-01';
      f.milestones.comparison.status = 'done';
    });
    expect(dueMilestones(doc, new Date('2026-11-30T12:00:00Z'))).toEqual([
      { key: 'quality_system', planned: '2026-11-01', days: -29, overdue: true },
      { key: 'traceability', planned: '2026-12-20', days: 20, overdue: false },
    ]);
  });
});

describe('the KCDB taxonomy', () => {
  it('comes from the reference data, inferred names marked, and takes the secretariat’s corrections', () => {
    const reference = referenceTaxonomy(kcdb);
    expect(reference.map((a) => a.code)).toEqual(['AUV', 'EM', 'L', 'M', 'PR', 'T', 'TF', 'RI', 'QM']);
    const mass = reference.find((a) => a.code === 'M');
    expect(mass?.branches[0]).toEqual({
      name: 'Mass standards',
      from: 'Mass standards',
      inferred: true,
      services: [],
    });
    expect(reference.find((a) => a.code === 'QM')?.branches.length).toBeGreaterThan(0);
    const corrected = applyCorrections(reference, [
      {
        area: 'M',
        branches: [
          { from: 'Mass standards', name: 'Mass', services: ['Weights', 'Mass comparators'] },
          { from: 'Torque', name: 'Torque', remove: true },
          { name: 'Volume' },
        ],
      },
    ]);
    const branches = corrected.find((a) => a.code === 'M')?.branches ?? [];
    // Renamed, it remembers the reference's name, so a later correction still finds it.
    expect(branches[0]).toEqual({
      name: 'Mass',
      from: 'Mass standards',
      inferred: false,
      services: ['Weights', 'Mass comparators'],
    });
    expect(branches.map((b) => b.name)).not.toContain('Torque');
    expect(branches.at(-1)).toEqual({ name: 'Volume', inferred: false, services: [] });
    expect(reference.find((a) => a.code === 'M')?.branches[0]?.name).toBe('Mass standards');
  });
});

describe('matching needs to providers', () => {
  const answers = {
    need: ['k1', 'k2', 'k3'],
    'need#k1/need_area': 'T',
    'need#k1/need_type': 'traceability',
    'need#k1/need_priority': 1,
    'need#k2/need_area': 'M',
    'need#k2/need_type': 'comparison',
    'need#k3/need_area': '',
    'need#k3/need_type': 'training',
  };

  it('takes needs from the questionnaire and from plan milestones that need support', () => {
    expect(needsFromAnswers('la-dsm', answers)).toEqual([
      { org: 'la-dsm', area: 'T', type: 'traceability', priority: 1, source: 'questionnaire', ref: 'k1' },
      { org: 'la-dsm', area: 'M', type: 'comparison', source: 'questionnaire', ref: 'k2' },
    ]);
    const withSupport = plan((f) => {
      f.milestones.training.support = ['training'];
      f.milestones.quality_system.support = ['peer_review'];
      f.milestones.quality_system.status = 'done';
    }, 'la-dsm');
    expect(needsFromPlan(withSupport)).toEqual([
      {
        org: 'la-dsm',
        area: 'M',
        branch: 'Mass standards',
        type: 'training',
        source: 'plan',
        planId: 'cmcplan:la-dsm:p1',
        milestone: 'training',
      },
    ]);
  });

  it('ranks institutes with a published CMC in the same branch above those with services in the area', () => {
    const capabilities: Capability[] = [
      ...capabilitiesFromAnswers('vn-vmi', {
        areas_served: ['M', 'T'],
        'area_services#1/service_area': 'T',
        'area_services#1/cmcs_published': 4,
        comparisons_5y: 2,
        comparison_areas: ['M'],
      }),
      ...capabilitiesFromPlan(plan((f) => (f.milestones.published.status = 'done'), 'th-nimt')),
      ...capabilitiesFromPlan(
        plan((f) => {
          for (const key of ['quality_system', 'traceability', 'training', 'comparison'] as const)
            f.milestones[key].status = 'done';
        }, 'my-nmim'),
      ),
      { org: 'la-dsm', area: 'M', kind: 'published' },
    ];
    const training = rankProviders(
      { org: 'la-dsm', area: 'M', branch: 'Mass standards', type: 'training', source: 'plan' },
      capabilities,
    );
    expect(training.map((m) => [m.org, m.score])).toEqual([
      ['th-nimt', 90],
      ['my-nmim', 72],
      ['vn-vmi', 17],
    ]);
    const comparison = rankProviders(
      { org: 'la-dsm', area: 'M', type: 'comparison', source: 'questionnaire' },
      capabilities,
    );
    expect(comparison[0]?.org).toBe('th-nimt');
    expect(comparison.find((m) => m.org === 'vn-vmi')?.reasons.map((r) => r.kind)).toEqual([
      'comparison',
      'service',
    ]);
    const traceability = rankProviders(
      { org: 'la-dsm', area: 'T', type: 'traceability', source: 'questionnaire' },
      capabilities,
    );
    expect(traceability).toEqual([
      {
        org: 'vn-vmi',
        score: 72,
        reasons: [
          { org: 'vn-vmi', area: 'T', kind: 'published', detail: '4 CMCs published' },
          { org: 'vn-vmi', area: 'T', kind: 'service' },
        ],
      },
    ]);
  });
});
