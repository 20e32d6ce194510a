/**
 * Matching across institutes: what each institute needs and has, gathered from what a
 * computer holds — the needs and capabilities of each questionnaire response (only the
 * latest cycle's count: needs met earlier are dropped from later returns) and the CMC plans.
 * The secretariat's computer gathers every institute it syncs; an institute's computer its
 * own needs, with providers from the summaries the secretariat shares.
 */
import type { CapabilityEntry } from '../docs/capability/schema';
import {
  matchNeeds,
  needsFromPlan,
  type Capability,
  type Need,
  type NeedMatch,
  type PlanForMatching,
} from './matching';
import { summariseCapabilities } from './summary';

/** What one response states (a read-model row, or computed from a document). */
export interface ResponseFacts {
  org: string;
  cycle: number;
  needs: readonly Need[];
  capabilities: readonly Capability[];
}

export interface InstituteFacts {
  org: string;
  /** The latest assessment cycle read; null when the institute has no response with facts. */
  cycle: number | null;
  needs: Need[];
  /** What its latest responses say it has (before its plans are added). */
  fromAnswers: Capability[];
  plans: PlanForMatching[];
}

/** Each institute's facts: its latest cycle's responses and all its plans. */
export function gatherInstitutes(
  responses: readonly ResponseFacts[],
  plans: readonly PlanForMatching[],
): Map<string, InstituteFacts> {
  const byOrg = new Map<string, InstituteFacts>();
  const of = (org: string): InstituteFacts => {
    let facts = byOrg.get(org);
    if (!facts) {
      facts = { org, cycle: null, needs: [], fromAnswers: [], plans: [] };
      byOrg.set(org, facts);
    }
    return facts;
  };
  for (const response of responses) {
    const facts = of(response.org);
    if (facts.cycle !== null && response.cycle < facts.cycle) continue;
    if (facts.cycle === null || response.cycle > facts.cycle) {
      facts.cycle = response.cycle;
      facts.needs = [];
      facts.fromAnswers = [];
    }
    facts.needs.push(...response.needs);
    facts.fromAnswers.push(...response.capabilities);
  }
  for (const plan of plans) of(plan.org).plans.push(plan);
  return byOrg;
}

/** An institute's provider summary, as the secretariat shares it. */
export function summaryOf(facts: InstituteFacts): CapabilityEntry[] {
  return summariseCapabilities(facts.org, facts.fromAnswers, facts.plans);
}

/** Every need of the institutes: the questionnaire's, then those of plan milestones. */
export function needsOf(institutes: Iterable<InstituteFacts>): Need[] {
  return [...institutes].flatMap((facts) => [...facts.needs, ...facts.plans.flatMap(needsFromPlan)]);
}

/** Every capability of the institutes, one per summary entry. */
export function capabilitiesOf(institutes: Iterable<InstituteFacts>): Capability[] {
  return [...institutes].flatMap((facts) => summaryOf(facts).map((entry) => ({ org: facts.org, ...entry })));
}

/** Needs of `needsOf` institutes matched against the capabilities given. */
export function matchInstitutes(
  needing: Iterable<InstituteFacts>,
  capabilities: readonly Capability[],
  limit?: number,
): NeedMatch[] {
  return matchNeeds(needsOf(needing), capabilities, limit);
}
