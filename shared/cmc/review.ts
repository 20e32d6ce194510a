/**
 * Review rounds and the figures drawn from them. Under CIPM MRA-G-13 a CMC submitted to the
 * RMO technical committee is reviewed within the region (intra-regional review) and then by
 * the other regions on the JCRB's site (inter-regional review); reviewers' comments come back
 * to the institute, which answers them and, when the CMC is sent back, revises and
 * resubmits it. A round records one set of comments (./milestones.ts ROUND_STAGES).
 *
 * "Right first time" is the share of published CMCs that were never sent back: published
 * with no round marked `returned`. It is counted per institute and across institutes.
 */
import type { CmcPlanFields, ReviewRound } from '../docs/cmcplan/schema';
import { CHECKLIST, ROUND_STAGES } from './milestones';

/** A plan's rounds in the order they arrived (by date received, then stage, then id). */
export function roundsInOrder(
  rounds: Readonly<Record<string, ReviewRound>>,
): { id: string; round: ReviewRound }[] {
  return Object.entries(rounds)
    .map(([id, round]) => ({ id, round }))
    .sort(
      (a, b) =>
        (a.round.received || '9999').localeCompare(b.round.received || '9999') ||
        ROUND_STAGES.indexOf(a.round.stage) - ROUND_STAGES.indexOf(b.round.stage) ||
        a.id.localeCompare(b.id),
    );
}

/** How many of a plan's rounds sent the CMC back. */
export function returnedRounds(plan: Pick<CmcPlanFields, 'reviewRounds'>): number {
  return Object.values(plan.reviewRounds).filter((round) => round.returned).length;
}

/** What the right-first-time figure needs of a plan (a stored plan, or a read-model row). */
export interface PlanReviewFacts {
  org: string;
  published: boolean;
  returnedRounds: number;
}

export interface RightFirstTime {
  /** Published CMCs counted. */
  published: number;
  /** Of those, published without a returned round. */
  firstTime: number;
  /** firstTime / published, 0–1; null when nothing is published. */
  share: number | null;
}

export function rightFirstTime(plans: readonly PlanReviewFacts[]): RightFirstTime {
  const published = plans.filter((p) => p.published);
  const firstTime = published.filter((p) => p.returnedRounds === 0).length;
  return {
    published: published.length,
    firstTime,
    share: published.length > 0 ? firstTime / published.length : null,
  };
}

/** The figure for each institute that has published at least one CMC, by institute. */
export function rightFirstTimeByInstitute(
  plans: readonly PlanReviewFacts[],
): { org: string; figure: RightFirstTime }[] {
  const orgs = [...new Set(plans.filter((p) => p.published).map((p) => p.org))].sort();
  return orgs.map((org) => ({ org, figure: rightFirstTime(plans.filter((p) => p.org === org)) }));
}

/** The checklist items not ticked yet, in the checklist's order. */
export function openChecklist(plan: Pick<CmcPlanFields, 'checklist'>): (typeof CHECKLIST)[number][] {
  return CHECKLIST.filter((item) => !plan.checklist[item.key].done);
}
