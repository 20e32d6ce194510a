import { describe, expect, it } from 'vitest';
import {
  caseStudiesByStatus,
  completionByInstitute,
  indicatorChange,
  indicatorTrends,
  needsHeatmap,
  publishedEvidence,
  stageCountsByArea,
  withoutPublishedCmc,
  type PlanStageRow,
  type ResponseFactsRow,
} from '@shared/dashboard/aggregates';
import { responseFacts } from '@shared/dashboard/facts';

const DEC = 'dec_capacity_needs';
const row = (org: string, cycle: number, extra: Partial<ResponseFactsRow> = {}): ResponseFactsRow => ({
  org,
  templateId: DEC,
  cycle,
  status: 'draft',
  answeredCount: 10,
  total: 40,
  missingCount: 3,
  ...extra,
});

// A fixed dataset: three institutes, two cycles.
const rows: ResponseFactsRow[] = [
  row('a', 2025, {
    status: 'submitted',
    answeredCount: 40,
    missingCount: 0,
    indicators: { calibrations: 100, customers: 40 },
    needs: [{ area: 'M', type: 'training', priority: 3 }],
  }),
  row('a', 2026, {
    indicators: { calibrations: 130, customers: 35, staffTrained: 4 },
    needs: [
      { area: 'M', type: 'training', priority: 3 },
      { area: 'M', type: 'equipment', priority: 1 },
      { area: 'T', type: 'traceability' },
    ],
  }),
  row('b', 2026, {
    status: 'submitted',
    answeredCount: 38,
    total: 38,
    missingCount: 0,
    indicators: { calibrations: 20 },
  }),
  row('b', 2025, { indicators: { calibrations: 15 } }),
  { ...row('b', 2026), templateId: 'workshop_feedback', indicators: { calibrations: 999 } },
];

describe('dashboard figures on a fixed dataset', () => {
  it('questionnaire completion per institute, with who has not started', () => {
    expect(completionByInstitute(rows, ['a', 'b', 'c'], DEC, 2026)).toEqual([
      { org: 'a', status: 'draft', answered: 10, total: 40, toFix: 3, share: 0.25 },
      { org: 'b', status: 'submitted', answered: 38, total: 38, toFix: 0, share: 1 },
      { org: 'c', status: 'not started', answered: 0, total: 0, toFix: 0, share: 0 },
    ]);
  });

  it('the needs heatmap: the highest priority per institute and area, and how many needs', () => {
    const heat = needsHeatmap(rows, DEC, 2026);
    expect(Object.fromEntries(heat.get('a') ?? [])).toEqual({
      M: { priority: 1, count: 2 },
      T: { priority: null, count: 1 },
    });
    expect(heat.get('b')?.size).toBe(0);
    expect(heat.has('c')).toBe(false);
  });

  const plans: PlanStageRow[] = [
    { id: 'p1', org: 'a', area: 'M', branch: 'Mass standards', service: 'Weights', stage: 'traceability' },
    { id: 'p2', org: 'a', area: 'M', branch: 'Pressure', service: 'Gauges', stage: 'peer_review' },
    { id: 'p3', org: 'b', area: 'T', branch: 'Contact thermometry', service: 'PRT', stage: 'complete' },
    {
      id: 'p4',
      org: 'b',
      area: 'M',
      branch: 'Mass standards',
      service: 'Weights',
      stage: 'quality_system',
    },
  ];

  it('CMC plans by stage per area, and the institutes without a published CMC with their nearest plan', () => {
    const counts = stageCountsByArea(plans);
    expect(counts.map((c) => c.area)).toEqual(['M', 'T']);
    expect(counts[0]?.counts).toMatchObject({
      quality_system: 1,
      traceability: 1,
      peer_review: 1,
      complete: 0,
    });
    expect(counts[1]?.counts.complete).toBe(1);
    expect(withoutPublishedCmc(plans, ['a', 'b', 'c'])).toEqual([
      { org: 'a', nearest: plans[1], plans: 2, sources: [] },
      { org: 'c', plans: 0, sources: [] },
    ]);
  });

  it('does not list an institute whose assessment or provider summary reports published CMCs, and says what each source read', () => {
    // 'c' plans nothing in the app but reports 3 published CMCs in its 2026 assessment; 'd'
    // is known only from the provider summary shared in the library; 'e' reports none anywhere.
    const evidence = publishedEvidence(
      plans,
      ['a', 'b', 'c', 'd', 'e'],
      [
        { org: 'c', cycle: 2025, published: 0 },
        { org: 'c', cycle: 2026, published: 3 },
        { org: 'e', cycle: 2026, published: 0 },
      ],
      [
        { org: 'd', published: 2 },
        { org: 'e', published: 0 },
      ],
    );
    expect(evidence.filter((e) => e.org === 'c')).toEqual([
      { org: 'c', source: 'plans', count: 0 },
      { org: 'c', source: 'assessment', count: 3, note: '2026' },
    ]);
    expect(withoutPublishedCmc(plans, ['a', 'b', 'c', 'd', 'e'], evidence)).toEqual([
      {
        org: 'a',
        nearest: plans[1],
        plans: 2,
        sources: [{ org: 'a', source: 'plans', count: 0 }],
      },
      {
        org: 'e',
        plans: 0,
        sources: [
          { org: 'e', source: 'plans', count: 0 },
          { org: 'e', source: 'assessment', count: 0, note: '2026' },
          { org: 'e', source: 'provider summary', count: 0 },
        ],
      },
    ]);
  });

  it('key indicators across institutes and cycles with totals, and one institute against its last cycle', () => {
    const calibrations = indicatorTrends(rows, DEC).find((t) => t.key === 'calibrations');
    expect(calibrations?.points).toEqual([
      { cycle: 2025, total: 115, reported: 2, byOrg: { a: 100, b: 15 } },
      { cycle: 2026, total: 150, reported: 2, byOrg: { a: 130, b: 20 } },
    ]);
    expect(indicatorChange(rows, 'a', DEC, 2026).slice(0, 3)).toEqual([
      {
        key: 'calibrations',
        label: 'Calibration certificates issued',
        current: 130,
        previous: 100,
        previousCycle: 2025,
      },
      { key: 'customers', label: 'Customers served', current: 35, previous: 40, previousCycle: 2025 },
      { key: 'staffTrained', label: 'Staff trained', current: 4 },
    ]);
  });

  it('case studies by workflow state, in the workflow’s order', () => {
    const rows = [{ status: 'draft' }, { status: 'published' }, { status: 'draft' }] as const;
    expect(caseStudiesByStatus(rows, ['draft', 'in_review', 'approved', 'published'] as const)).toEqual([
      { status: 'draft', count: 2 },
      { status: 'in_review', count: 0 },
      { status: 'approved', count: 0 },
      { status: 'published', count: 1 },
    ]);
  });

  it('takes needs and indicators from the DEC answers', () => {
    expect(
      responseFacts({
        ind_calibrations: 12,
        ind_customers: '40 or so',
        need: ['k1'],
        'need#k1/need_area': 'EM',
        'need#k1/need_type': 'comparison',
        'need#k1/need_priority': 2,
      }),
    ).toEqual({ needs: [{ area: 'EM', type: 'comparison', priority: 2 }], indicators: { calibrations: 12 } });
  });
});
