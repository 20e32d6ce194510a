/**
 * Every figure the dashboards show, as pure functions over read-model rows, so each chart
 * and its table come from the same numbers and are unit-tested on a fixed dataset.
 */
import type { Stage } from '../cmc/stage';
import { STAGES } from '../cmc/stage';
import { INDICATORS, type IndicatorKey, type Indicators, type NeedFact } from './facts';

/** A response as the read model keeps it (renderer/src/data/read-model.ts ResponseRow). */
export interface ResponseFactsRow {
  org: string;
  templateId: string;
  cycle: number;
  status: 'draft' | 'submitted';
  answeredCount: number;
  total: number;
  missingCount: number;
  /** What stands between the response and Submit (shared/forms/readiness.ts). */
  toFix?: readonly string[];
  needs?: NeedFact[];
  indicators?: Indicators;
}

/** A plan as the read model keeps it: where it is on the taxonomy and its stage. */
export interface PlanStageRow {
  id: string;
  org: string;
  area: string;
  branch: string;
  service: string;
  stage: Stage;
}

export type CompletionStatus = 'not started' | 'draft' | 'submitted';

export interface CompletionRow {
  org: string;
  status: CompletionStatus;
  answered: number;
  total: number;
  /** Answers to complete or correct before it can be submitted (0 once submitted). */
  toFix: number;
  /** Answered share, 0–1 (0 when not started). */
  share: number;
}

/** Completion of one questionnaire and cycle for each institute, those not started included. */
export function completionByInstitute(
  rows: readonly ResponseFactsRow[],
  orgs: readonly string[],
  templateId: string,
  cycle: number,
): CompletionRow[] {
  const byOrg = new Map(
    rows.filter((r) => r.templateId === templateId && r.cycle === cycle).map((r) => [r.org, r]),
  );
  return orgs.map((org) => {
    const row = byOrg.get(org);
    if (!row) return { org, status: 'not started', answered: 0, total: 0, toFix: 0, share: 0 };
    return {
      org,
      status: row.status,
      answered: row.answeredCount,
      total: row.total,
      toFix: row.status === 'submitted' ? 0 : (row.toFix?.length ?? row.missingCount),
      share: row.total > 0 ? row.answeredCount / row.total : 0,
    };
  });
}

export interface HeatCell {
  /** The highest priority among the institute's needs in the area (1 = highest). */
  priority: number | null;
  count: number;
}

/**
 * Institutes × KCDB areas: for each, the highest-priority need (lowest number) and how many
 * needs there are; a need without a priority counts but leaves the priority to the others.
 */
export function needsHeatmap(
  rows: readonly ResponseFactsRow[],
  templateId: string,
  cycle: number,
): Map<string, Map<string, HeatCell>> {
  const map = new Map<string, Map<string, HeatCell>>();
  for (const row of rows) {
    if (row.templateId !== templateId || row.cycle !== cycle) continue;
    const areas = map.get(row.org) ?? new Map<string, HeatCell>();
    map.set(row.org, areas);
    for (const need of row.needs ?? []) {
      const cell = areas.get(need.area) ?? { priority: null, count: 0 };
      cell.count += 1;
      if (need.priority !== undefined && (cell.priority === null || need.priority < cell.priority))
        cell.priority = need.priority;
      areas.set(need.area, cell);
    }
  }
  return map;
}

/** For each area, how many plans are at each stage (areas without plans left out). */
export function stageCountsByArea(
  plans: readonly PlanStageRow[],
): { area: string; counts: Record<Stage, number> }[] {
  const byArea = new Map<string, Record<Stage, number>>();
  for (const plan of plans) {
    const counts =
      byArea.get(plan.area) ?? (Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>);
    counts[plan.stage] += 1;
    byArea.set(plan.area, counts);
  }
  return [...byArea].map(([area, counts]) => ({ area, counts })).sort((a, b) => a.area.localeCompare(b.area));
}

/** Where a count of an institute's published CMCs was read. */
export type PublishedSource = 'plans' | 'assessment' | 'provider summary';

/** One source's count of an institute's published CMCs (`note` e.g. the assessment's cycle). */
export interface PublishedEvidence {
  org: string;
  source: PublishedSource;
  count: number;
  note?: string;
}

/**
 * How many CMCs each source says an institute has published: its plans marked published, the
 * published CMCs its latest assessment reports per area, and the provider summary the
 * secretariat shares in the library. An institute that publishes through the KCDB without
 * planning in the app is known from the last two.
 */
export function publishedEvidence(
  plans: readonly PlanStageRow[],
  orgs: readonly string[],
  assessments: readonly { org: string; cycle: number; published: number }[],
  summaries: readonly { org: string; published: number }[],
): PublishedEvidence[] {
  return orgs.flatMap((org): PublishedEvidence[] => {
    const out: PublishedEvidence[] = [
      { org, source: 'plans', count: plans.filter((p) => p.org === org && p.stage === 'complete').length },
    ];
    const latest = assessments.filter((a) => a.org === org).sort((a, b) => b.cycle - a.cycle)[0];
    if (latest) out.push({ org, source: 'assessment', count: latest.published, note: String(latest.cycle) });
    const summary = summaries.find((s) => s.org === org);
    if (summary) out.push({ org, source: 'provider summary', count: summary.published });
    return out;
  });
}

/**
 * The institutes that no source shows with a published CMC, each with its nearest plan (the
 * furthest along the review path) and what each source read says; those without any plan
 * have none.
 */
export function withoutPublishedCmc(
  plans: readonly PlanStageRow[],
  orgs: readonly string[],
  evidence: readonly PublishedEvidence[] = [],
): { org: string; nearest?: PlanStageRow; plans: number; sources: PublishedEvidence[] }[] {
  const order = (stage: Stage) => STAGES.indexOf(stage);
  return orgs
    .filter((org) => !plans.some((p) => p.org === org && p.stage === 'complete'))
    .filter((org) => !evidence.some((e) => e.org === org && e.count > 0))
    .map((org) => {
      const own = plans.filter((p) => p.org === org).sort((a, b) => order(b.stage) - order(a.stage));
      const sources = evidence.filter((e) => e.org === org);
      return own[0] ? { org, nearest: own[0], plans: own.length, sources } : { org, plans: 0, sources };
    });
}

export interface IndicatorTrend {
  key: IndicatorKey;
  label: string;
  /** One point per cycle, oldest first: the total over the institutes that answered, and each one's value. */
  points: { cycle: number; total: number; reported: number; byOrg: Record<string, number> }[];
}

/** Key indicators across institutes and cycles, with totals. */
export function indicatorTrends(rows: readonly ResponseFactsRow[], templateId: string): IndicatorTrend[] {
  const cycles = [...new Set(rows.filter((r) => r.templateId === templateId).map((r) => r.cycle))].sort();
  return INDICATORS.map(({ key, label }) => ({
    key,
    label,
    points: cycles.map((cycle) => {
      const byOrg: Record<string, number> = {};
      for (const row of rows) {
        const value = row.indicators?.[key];
        if (row.templateId === templateId && row.cycle === cycle && value !== undefined)
          byOrg[row.org] = value;
      }
      const values = Object.values(byOrg);
      return { cycle, total: values.reduce((a, b) => a + b, 0), reported: values.length, byOrg };
    }),
  }));
}

/** One institute's indicators this cycle against its latest earlier cycle that reported them. */
export function indicatorChange(
  rows: readonly ResponseFactsRow[],
  org: string,
  templateId: string,
  cycle: number,
): { key: IndicatorKey; label: string; current?: number; previous?: number; previousCycle?: number }[] {
  const own = rows
    .filter((r) => r.org === org && r.templateId === templateId)
    .sort((a, b) => b.cycle - a.cycle);
  const current = own.find((r) => r.cycle === cycle);
  return INDICATORS.map(({ key, label }) => {
    const earlier = own.find((r) => r.cycle < cycle && r.indicators?.[key] !== undefined);
    const now = current?.indicators?.[key];
    const before = earlier?.indicators?.[key];
    return {
      key,
      label,
      ...(now !== undefined ? { current: now } : {}),
      ...(before !== undefined && earlier ? { previous: before, previousCycle: earlier.cycle } : {}),
    };
  });
}

/** How many case studies are in each workflow state, in the workflow's order. */
export function caseStudiesByStatus<S extends string>(
  rows: readonly { status: S }[],
  statuses: readonly S[],
): { status: S; count: number }[] {
  return statuses.map((status) => ({ status, count: rows.filter((r) => r.status === status).length }));
}
