/**
 * Where a plan stands: its stage (the first milestone not done), and the milestones that
 * are overdue or due in the next 30 days, for lists, the timeline and dashboards.
 */
import type { CmcPlanFields } from '../docs/cmcplan/schema';
import { isIsoDate } from '../forms/rules';
import { MILESTONES, type MilestoneKey } from './milestones';

/**
 * A plan's stage: the milestone it is working towards, or `complete` once the CMC is
 * published (every milestone done or not needed).
 */
export type Stage = MilestoneKey | 'complete';
export const STAGES: readonly Stage[] = [...MILESTONES.map((m) => m.key), 'complete'];

export function stageOf(plan: Pick<CmcPlanFields, 'milestones'>): Stage {
  if (plan.milestones.published.status === 'done') return 'complete';
  for (const { key } of MILESTONES) {
    const { status } = plan.milestones[key];
    if (status !== 'done' && status !== 'not_needed') return key;
  }
  return 'complete';
}

/**
 * The stage in words: the milestone being worked towards, or "Published in the KCDB" once
 * it is. Working towards the last milestone reads "Awaiting publication in the KCDB", so
 * that the step before publication and publication itself never read alike (a chart of
 * plans by stage once listed "Published in the KCDB" twice).
 */
export function stageLabel(stage: Stage): string {
  if (stage === 'complete') return 'Published in the KCDB';
  if (stage === 'published') return 'Awaiting publication in the KCDB';
  return MILESTONES.find((m) => m.key === stage)?.label ?? stage;
}

/** Published: the last milestone is done. */
export function isPublished(plan: Pick<CmcPlanFields, 'milestones'>): boolean {
  return plan.milestones.published.status === 'done';
}

/** From peer review onwards: the capability exists and is being reviewed (or is published). */
export function isAdvanced(plan: Pick<CmcPlanFields, 'milestones'>): boolean {
  return isPublished(plan) || STAGES.indexOf(stageOf(plan)) >= STAGES.indexOf('peer_review');
}

export interface DueMilestone {
  key: MilestoneKey;
  planned: string;
  /** Whole days from today to the planned date; negative when overdue. */
  days: number;
  overdue: boolean;
}

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

export function todayIso(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Milestones not done whose planned date has passed or falls within `withinDays` of today. */
export function dueMilestones(
  plan: Pick<CmcPlanFields, 'milestones'>,
  now: Date,
  withinDays = 30,
): DueMilestone[] {
  const today = dayNumber(todayIso(now));
  const due: DueMilestone[] = [];
  for (const { key } of MILESTONES) {
    const milestone = plan.milestones[key];
    if (milestone.status === 'done' || milestone.status === 'not_needed') continue;
    if (!isIsoDate(milestone.planned)) continue;
    const days = dayNumber(milestone.planned) - today;
    if (days <= withinDays) due.push({ key, planned: milestone.planned, days, overdue: days < 0 });
  }
  return due;
}

/** How many plans are at each stage, in the order of the review path. */
export function pipeline(
  plans: readonly Pick<CmcPlanFields, 'milestones'>[],
): { stage: Stage; count: number }[] {
  const counts = new Map<Stage, number>(STAGES.map((stage) => [stage, 0]));
  for (const plan of plans) {
    const stage = stageOf(plan);
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  return STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

/**
 * The next milestone with a planned date that is not done yet (the earliest such date), for
 * lists sorted by what comes next; undefined when no open milestone has a date.
 */
export function nextDue(
  plan: Pick<CmcPlanFields, 'milestones'>,
): { key: MilestoneKey; planned: string } | undefined {
  let next: { key: MilestoneKey; planned: string } | undefined;
  for (const { key } of MILESTONES) {
    const milestone = plan.milestones[key];
    if (milestone.status === 'done' || milestone.status === 'not_needed') continue;
    if (!isIsoDate(milestone.planned)) continue;
    if (!next || milestone.planned < next.planned) next = { key, planned: milestone.planned };
  }
  return next;
}

/** The position of a stage on the review path (0 = quality system … 9 = published). */
export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}
