/**
 * DEN2DEN (DEC plan LA5-WP3: matching developing economies' needs with what other developing
 * economies' institutes can offer): what an institute offers, as the assessment's `offer_type`
 * list names it, and the states an exchange goes through.
 */
export const OFFER_KINDS = ['calibration', 'training_attachment', 'expert', 'comparison', 'other'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const OFFER_KIND_LABELS: Readonly<Record<OfferKind, string>> = {
  calibration: 'Calibrations (a service)',
  training_attachment: 'Training attachment',
  expert: 'Expert',
  comparison: 'Piloting or linking a comparison',
  other: 'Other',
};

/** The assessment's need a kind of offer answers (`need_type` of the DEC assessment). */
export const NEED_OF_OFFER: Readonly<Record<OfferKind, readonly string[]>> = {
  calibration: ['traceability'],
  training_attachment: ['training'],
  expert: ['training', 'quality_system', 'peer_review'],
  comparison: ['comparison'],
  other: [],
};

/** The kind of offer a need asks for, for a request made from a need. */
export function offerKindOfNeed(needType: string): OfferKind {
  if (needType === 'traceability') return 'calibration';
  if (needType === 'comparison') return 'comparison';
  if (needType === 'training') return 'training_attachment';
  if (needType === 'quality_system' || needType === 'peer_review') return 'expert';
  return 'other';
}

export const OFFER_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** What the requester says of its request: open, withdrawn, or agreed to the provider's proposal. */
export const REQUEST_STATES = ['open', 'withdrawn', 'agreed'] as const;
/** The provider's answer. */
export const PROVIDER_ANSWERS = ['accepted', 'declined', 'proposed'] as const;
export type ProviderAnswer = (typeof PROVIDER_ANSWERS)[number];

/** Whether the exchange took place, as each side records it when it is over. */
export const OUTCOME_RESULTS = ['done', 'partly', 'not_done'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];
