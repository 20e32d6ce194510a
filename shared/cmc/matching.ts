/**
 * Peer-to-peer support between institutes: for each need (from the questionnaire's needs
 * per area, and from plan milestones that need support), the institutes that could provide
 * it, ranked by how closely what they have matches what is needed. Pure: the secretariat's
 * app feeds it every institute it has synced, an institute's app the providers the
 * secretariat shares in the library.
 */
import type { CmcPlanDoc } from '../docs/cmcplan/schema';
import type { AnswerValue } from '../docs/response/schema';
import { instanceIds } from '../forms/rules';
import { MILESTONES, type MilestoneKey, type SupportType } from './milestones';
import { isAdvanced, isPublished } from './stage';

/** The kinds of need the committee's questionnaire asks about (its `need_type` list). */
export type NeedType = SupportType | 'quality_system';

export interface Need {
  org: string;
  area: string;
  branch?: string;
  type: NeedType;
  /** 1 = highest … 5 = lowest, where the questionnaire gave one. */
  priority?: number;
  source: 'questionnaire' | 'plan';
  planId?: string;
  milestone?: MilestoneKey;
  description?: string;
  /** The questionnaire's repeat instance id of the need (`need#<ref>/…`). */
  ref?: string;
}

/** Something an institute has that others may need: what kind, in which area (and branch). */
export interface Capability {
  org: string;
  area: string;
  branch?: string;
  kind: 'published' | 'advanced' | 'service' | 'comparison';
  /** e.g. the service, or how many CMCs are published there. */
  detail?: string;
}

export interface ProviderMatch {
  org: string;
  score: number;
  /** The capabilities behind the score, best first. */
  reasons: Capability[];
}

const NEED_TYPES: readonly string[] = [
  'training',
  'equipment',
  'traceability',
  'comparison',
  'peer_review',
  'quality_system',
];

function text(value: AnswerValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function count(value: AnswerValue | undefined): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/** Needs of the committee's assessment (`need` rows: area, type, priority, description). */
export function needsFromAnswers(org: string, answers: Readonly<Record<string, AnswerValue>>): Need[] {
  return instanceIds(answers['need']).flatMap((id): Need[] => {
    const at = (name: string) => answers[`need#${id}/${name}`];
    const area = text(at('need_area'));
    const type = text(at('need_type'));
    if (!area || !NEED_TYPES.includes(type)) return [];
    const priority = count(at('need_priority'));
    const description = text(at('need_description'));
    return [
      {
        org,
        area,
        type: type as NeedType,
        source: 'questionnaire',
        ref: id,
        ...(Number.isInteger(priority) ? { priority } : {}),
        ...(description ? { description } : {}),
      },
    ];
  });
}

/** What matching reads of a plan (a stored plan, or its row in a read model). */
export type PlanForMatching = Pick<
  CmcPlanDoc,
  '_id' | 'org' | 'area' | 'branch' | 'service' | 'quantity' | 'milestones'
>;

/** Support that a plan's milestones still need (not done), one need per kind of support. */
export function needsFromPlan(plan: PlanForMatching): Need[] {
  return MILESTONES.flatMap(({ key }) => {
    const milestone = plan.milestones[key];
    if (milestone.status === 'done' || milestone.status === 'not_needed') return [];
    return milestone.support.map((type) => ({
      org: plan.org,
      area: plan.area,
      ...(plan.branch ? { branch: plan.branch } : {}),
      type,
      source: 'plan' as const,
      planId: plan._id,
      milestone: key,
    }));
  });
}

/** How a count of published CMCs is said in a capability's detail. */
export function publishedDetail(n: number): string {
  return `${n} CMCs published`;
}

/**
 * How many published CMCs a capability stands for: the count in its detail (from an
 * assessment's answers), or one (a published plan).
 */
export function publishedCount(capability: Pick<Capability, 'kind' | 'detail'>): number {
  if (capability.kind !== 'published') return 0;
  const match = /^(\d+) CMCs published$/.exec(capability.detail ?? '');
  return match ? Number(match[1]) : 1;
}

/** What an institute's answers say it can offer: published CMCs, services and comparisons per area. */
export function capabilitiesFromAnswers(
  org: string,
  answers: Readonly<Record<string, AnswerValue>>,
): Capability[] {
  const out: Capability[] = [];
  const areas = answers['areas_served'];
  for (const area of Array.isArray(areas) ? areas : []) out.push({ org, area, kind: 'service' });
  // area_services is one row per area served (its ids are 1…n).
  for (const [key, value] of Object.entries(answers)) {
    const match = /^area_services#([A-Za-z0-9]+)\/cmcs_published$/.exec(key);
    if (!match || !(count(value) > 0)) continue;
    const area = text(answers[`area_services#${match[1]}/service_area`]);
    if (area) out.push({ org, area, kind: 'published', detail: publishedDetail(count(value)) });
  }
  const compared = answers['comparison_areas'];
  if (count(answers['comparisons_5y']) > 0) {
    for (const area of Array.isArray(compared) ? compared : []) out.push({ org, area, kind: 'comparison' });
  }
  return out;
}

/** What a plan shows an institute has: a published or advanced capability, a comparison taken part in. */
export function capabilitiesFromPlan(plan: PlanForMatching): Capability[] {
  const where = { org: plan.org, area: plan.area, ...(plan.branch ? { branch: plan.branch } : {}) };
  const detail = plan.service || plan.quantity || undefined;
  const out: Capability[] = [];
  if (isPublished(plan)) out.push({ ...where, kind: 'published', ...(detail ? { detail } : {}) });
  else if (isAdvanced(plan)) out.push({ ...where, kind: 'advanced', ...(detail ? { detail } : {}) });
  if (plan.milestones.comparison.status === 'done') out.push({ ...where, kind: 'comparison' });
  return out;
}

const BASE: Record<Capability['kind'], number> = { published: 50, advanced: 30, service: 15, comparison: 10 };

/** How strongly one capability answers one need. */
export function capabilityScore(
  need: Pick<Need, 'area' | 'branch' | 'type'>,
  capability: Capability,
): number {
  if (capability.area !== need.area) return 0;
  let score = BASE[capability.kind];
  if (need.branch && capability.branch === need.branch) score += 30;
  switch (need.type) {
    case 'traceability':
    case 'peer_review':
      if (capability.kind === 'published') score += 20;
      break;
    case 'comparison':
      if (capability.kind === 'comparison') score += 25;
      break;
    case 'training':
    case 'quality_system':
      if (capability.kind === 'published' || capability.kind === 'advanced') score += 10;
      break;
    case 'equipment':
      if (capability.kind === 'service') score += 5;
      break;
  }
  return score;
}

/**
 * The institutes that could meet a need, closest match first: the best capability counts
 * in full, each further one in the same area adds a little (up to 10).
 */
export function rankProviders(need: Need, capabilities: readonly Capability[]): ProviderMatch[] {
  const byOrg = new Map<string, { capability: Capability; score: number }[]>();
  for (const capability of capabilities) {
    if (capability.org === need.org) continue;
    const score = capabilityScore(need, capability);
    if (score <= 0) continue;
    const found = byOrg.get(capability.org);
    if (found) found.push({ capability, score });
    else byOrg.set(capability.org, [{ capability, score }]);
  }
  return [...byOrg]
    .map(([org, found]) => {
      const sorted = found.sort((a, b) => b.score - a.score);
      const best = sorted[0]?.score ?? 0;
      const extra = Math.min(10, (sorted.length - 1) * 2);
      return { org, score: best + extra, reasons: sorted.map((f) => f.capability) };
    })
    .sort((a, b) => b.score - a.score || a.org.localeCompare(b.org));
}

/** A need with the providers that could meet it, closest first. */
export interface NeedMatch {
  need: Need;
  providers: ProviderMatch[];
}

/** Capabilities grouped by area: a need is only ever compared with its own area's. */
export function capabilityIndex(capabilities: readonly Capability[]): Map<string, Capability[]> {
  const index = new Map<string, Capability[]>();
  for (const capability of capabilities) {
    const list = index.get(capability.area);
    if (list) list.push(capability);
    else index.set(capability.area, [capability]);
  }
  return index;
}

/**
 * Every need with its ranked providers (at most `limit` each). The same ranking as
 * `rankProviders` over all capabilities, reading only the need's area.
 */
export function matchNeeds(
  needs: readonly Need[],
  capabilities: readonly Capability[] | Map<string, Capability[]>,
  limit = 5,
): NeedMatch[] {
  const index = capabilities instanceof Map ? capabilities : capabilityIndex(capabilities);
  return needs.map((need) => ({
    need,
    providers: rankProviders(need, index.get(need.area) ?? []).slice(0, limit),
  }));
}

/** Words for how close a match is, for people rather than scores. */
export function closeness(score: number): 'close' | 'good' | 'some' {
  return score >= 70 ? 'close' : score >= 40 ? 'good' : 'some';
}
