/**
 * The road of a CMC, from "no CMC" to one published in the BIPM KCDB, as the CIPM MRA sets
 * it (CIPM MRA-G-13, "Calibration and measurement capabilities in the context of the CIPM
 * MRA: guidelines for their review, acceptance and maintenance"; the BIPM's summary of the
 * approval process names its three elements: comparisons, an approved quality system, and
 * regional and inter-regional peer review):
 *
 * - **Prerequisites**, worked on side by side and in no order among themselves: a quality
 *   system approved by the RMO's quality committee, traceability, trained staff,
 *   comparisons, a peer review or on-site assessment.
 * - **The submission path**, in order: submitted to the RMO technical committee, the
 *   intra-regional review, the inter-regional review on the JCRB's site, publication.
 *
 * Each milestone has planned and actual dates, a status, notes, the support it needs and a
 * chosen provider. Review rounds (comments, answers, resubmission) are recorded on the plan
 * (./review.ts).
 */
export const MILESTONES = [
  { key: 'quality_system', label: 'Quality system approved by the RMO', phase: 'prerequisite' },
  { key: 'traceability', label: 'Traceability established', phase: 'prerequisite' },
  { key: 'training', label: 'Staff trained', phase: 'prerequisite' },
  { key: 'comparison', label: 'Comparison participation', phase: 'prerequisite' },
  { key: 'peer_review', label: 'Peer review or on-site assessment', phase: 'prerequisite' },
  { key: 'rmo_tc', label: 'Submitted to the RMO technical committee', phase: 'submission' },
  { key: 'intra_regional', label: 'Intra-regional review', phase: 'submission' },
  { key: 'jcrb', label: 'JCRB inter-regional review', phase: 'submission' },
  { key: 'published', label: 'Published in the KCDB', phase: 'submission' },
] as const;

export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS = MILESTONES.map((m) => m.key) as [MilestoneKey, ...MilestoneKey[]];
export type MilestonePhase = (typeof MILESTONES)[number]['phase'];

export const PREREQUISITES = MILESTONES.filter((m) => m.phase === 'prerequisite').map((m) => m.key);
export const SUBMISSION_PATH = MILESTONES.filter((m) => m.phase === 'submission').map((m) => m.key);

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'done', 'not_needed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/**
 * Kinds of support a milestone may need, as the committee's assessment classifies needs
 * (its `need_type` list), so that a plan's need and a questionnaire's need match.
 */
export const SUPPORT_TYPES = [
  'quality_system',
  'training',
  'equipment',
  'traceability',
  'comparison',
  'peer_review',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

/** Levels of confidence a CMC states its expanded uncertainty at, in percent, or "stated" with words. */
export const CONFIDENCE_LEVELS = ['68.27', '95', '95.45', '99', '99.73', 'stated'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

export function milestoneLabel(key: MilestoneKey): string {
  return MILESTONES.find((m) => m.key === key)?.label ?? key;
}

/**
 * What an institute checks before it submits a CMC to the RMO technical committee: the
 * criteria for accepting a CMC as CIPM MRA-G-13 states them (an approved quality system
 * covering the service, traceability to the SI, an uncertainty supported by technical
 * evidence such as comparisons, the service offered to customers), and the KCDB's own
 * requirements for the rows (classification, units and uncertainty in their columns).
 */
export const CHECKLIST = [
  { key: 'qs_covers', label: 'The quality system approved by the RMO covers this service' },
  {
    key: 'traceability_documented',
    label: 'Traceability to the SI is documented (a named NMI with CMCs, or an own realisation)',
  },
  {
    key: 'uncertainty_budget',
    label: 'An uncertainty budget supports the stated uncertainty over the whole range',
  },
  {
    key: 'technical_evidence',
    label: 'Technical evidence supports range and uncertainty (comparison results or other evidence)',
  },
  { key: 'offered_to_customers', label: 'The service is offered to customers under normal conditions' },
  { key: 'classification', label: 'The service is placed in the KCDB classification of its area' },
  {
    key: 'rows_complete',
    label: 'Every column of the KCDB rows is filled (unit and uncertainty in their own columns)',
  },
] as const;
export type ChecklistKey = (typeof CHECKLIST)[number]['key'];
export const CHECKLIST_KEYS = CHECKLIST.map((c) => c.key) as [ChecklistKey, ...ChecklistKey[]];

/** The stages of the submission path at which a review round's comments arrive. */
export const ROUND_STAGES = ['rmo_tc', 'intra_regional', 'jcrb'] as const;
export type RoundStage = (typeof ROUND_STAGES)[number];
