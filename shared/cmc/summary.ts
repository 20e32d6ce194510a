/**
 * Provider summaries: what the secretariat shares in the library for matching
 * (`capability:<org>`, shared/docs/capability/schema.ts), made from what its computer holds
 * of one institute — what its latest assessment says and its CMC plans — and
 * read back by every institute's computer as capabilities to rank.
 */
import type { CapabilityDoc, CapabilityEntry } from '../docs/capability/schema';
import { capabilitiesFromPlan, type Capability, type PlanForMatching } from './matching';

const KIND_ORDER: Record<CapabilityEntry['kind'], number> = {
  published: 0,
  advanced: 1,
  comparison: 2,
  service: 3,
};

function keyOf(entry: CapabilityEntry): string {
  return JSON.stringify([entry.area, entry.kind, entry.branch ?? '', entry.detail ?? '']);
}

/**
 * One institute's capabilities, each once, in a stable order (area, kind, branch, detail), so
 * that the same facts always give the same summary and an unchanged one is not written again.
 */
export function summariseCapabilities(
  org: string,
  /** What the institute's latest assessment says (capabilitiesFromAnswers). */
  fromAnswers: readonly Capability[],
  plans: readonly PlanForMatching[],
): CapabilityEntry[] {
  const found: Capability[] = [
    ...fromAnswers.filter((capability) => capability.org === org),
    ...plans.filter((plan) => plan.org === org).flatMap(capabilitiesFromPlan),
  ];
  const entries = new Map<string, CapabilityEntry>();
  for (const { area, branch, kind, detail } of found) {
    const entry: CapabilityEntry = {
      area,
      kind,
      ...(branch ? { branch } : {}),
      ...(detail ? { detail } : {}),
    };
    entries.set(keyOf(entry), entry);
  }
  return [...entries.values()].sort(
    (a, b) =>
      a.area.localeCompare(b.area) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.branch ?? '').localeCompare(b.branch ?? '') ||
      (a.detail ?? '').localeCompare(b.detail ?? ''),
  );
}

/** True when two summaries say the same (they are compared in their stable order). */
export function sameSummary(a: readonly CapabilityEntry[], b: readonly CapabilityEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => {
      const other = b[i];
      return other !== undefined && keyOf(entry) === keyOf(other);
    })
  );
}

/** The capabilities a shared summary names, as matching takes them. */
export function capabilitiesOfSummary(doc: Pick<CapabilityDoc, 'org' | 'capabilities'>): Capability[] {
  return doc.capabilities.map((entry) => ({ org: doc.org, ...entry }));
}
