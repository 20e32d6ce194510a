/**
 * The review path of a CMC, from "no CMC" to one published in the BIPM KCDB, in order.
 * Each milestone has planned and actual dates, a status, notes, the support it needs and
 * a chosen provider; a plan's stage is the first milestone not done yet.
 */
export const MILESTONES = [
  { key: 'quality_system', label: 'Quality system approved by the RMO' },
  { key: 'traceability', label: 'Traceability established' },
  { key: 'training', label: 'Staff trained' },
  { key: 'comparison', label: 'Comparison participation' },
  { key: 'peer_review', label: 'Peer review or on-site assessment' },
  { key: 'rmo_tc', label: 'Submitted to the RMO technical committee' },
  { key: 'intra_regional', label: 'Intra-regional review' },
  { key: 'jcrb', label: 'JCRB inter-regional review' },
  { key: 'published', label: 'Published in the KCDB' },
] as const;

export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS = MILESTONES.map((m) => m.key) as [MilestoneKey, ...MilestoneKey[]];

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'done', 'not_needed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Kinds of support a milestone may need (as the committee's needs are classified). */
export const SUPPORT_TYPES = ['training', 'equipment', 'traceability', 'comparison', 'peer_review'] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

/** Levels of confidence a CMC states its expanded uncertainty at, in percent, or "stated" with words. */
export const CONFIDENCE_LEVELS = ['68.27', '95', '95.45', '99', '99.73', 'stated'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

export function milestoneLabel(key: MilestoneKey): string {
  return MILESTONES.find((m) => m.key === key)?.label ?? key;
}
