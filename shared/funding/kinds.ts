/**
 * The lists the funding map, the support ledger and DEC activities share (LA1-WP4, LA1-WP5,
 * LA5-WP1 and LA5-WP4 of the DEC strategic plan): kinds of funder, kinds of support, and the
 * states of a ledger entry.
 */
export const FUNDER_KINDS = [
  'bilateral_nmi',
  'multilateral',
  'bipm_capacity_building',
  'apmp_dec',
  'development_bank',
  'government',
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

export const FUNDER_KIND_LABELS: Readonly<Record<FunderKind, string>> = {
  bilateral_nmi: 'Bilateral (an NMI such as PTB)',
  multilateral: 'Multilateral (such as UNIDO)',
  bipm_capacity_building: 'BIPM capacity building',
  apmp_dec: 'APMP / DEC',
  development_bank: 'Development bank',
  government: 'Government',
};

/**
 * Kinds of support. The six of the assessment's `need_type` list come first, so that a need
 * and the support answering it are of the same kind; then attachments, calibrations and
 * expert visits, which answer needs of those kinds.
 */
export const SUPPORT_KINDS = [
  'training',
  'equipment',
  'traceability',
  'comparison',
  'peer_review',
  'quality_system',
  'attachment',
  'calibration',
  'expert_visit',
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const SUPPORT_KIND_LABELS: Readonly<Record<SupportKind, string>> = {
  training: 'Training',
  equipment: 'Equipment',
  traceability: 'Traceability',
  comparison: 'Comparison',
  peer_review: 'Peer review',
  quality_system: 'Quality system',
  attachment: 'Attachment (staff placed at another NMI)',
  calibration: 'Calibration',
  expert_visit: 'Expert visit',
};

/** The need a kind of support answers, in the assessment's terms. */
export const NEED_OF_SUPPORT: Readonly<Record<SupportKind, string>> = {
  training: 'training',
  equipment: 'equipment',
  traceability: 'traceability',
  comparison: 'comparison',
  peer_review: 'peer_review',
  quality_system: 'quality_system',
  attachment: 'training',
  calibration: 'traceability',
  expert_visit: 'training',
};

export const SUPPORT_STATUSES = ['requested', 'approved', 'under_way', 'received', 'declined'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** For workbooks, which have no translations (the screens use the `funding` strings). */
export const SUPPORT_STATUS_LABELS: Readonly<Record<SupportStatus, string>> = {
  requested: 'Requested',
  approved: 'Approved',
  under_way: 'Under way',
  received: 'Received',
  declined: 'Declined',
};

/** What a participant says was used from an activity, at 3 or 12 months. */
export const FOLLOWUP_USES = [
  'cmc',
  'new_service',
  'comparison_joined',
  'training_passed_on',
  'other',
] as const;
export type FollowupUse = (typeof FOLLOWUP_USES)[number];
