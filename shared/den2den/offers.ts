/**
 * The offers an institute's assessment lists (the DEC assessment version 2's `offer` repeat:
 * `offer_type`, `offer_area`, `offer_description`), as starting points for the offers it
 * publishes. Each names its answer (`<response id>#<instance id>`), so an offer already
 * published from it is not suggested again.
 */
import type { AnswerValue } from '../docs/response/schema';
import { OFFER_KINDS, type OfferKind } from './kinds';

export interface AnsweredOffer {
  ref: string;
  kind: OfferKind;
  area: string;
  description: string;
}

export function offersFromAnswers(response: {
  _id: string;
  answers: Readonly<Record<string, { value: AnswerValue } | undefined>>;
}): AnsweredOffer[] {
  const value = (key: string): AnswerValue | undefined => response.answers[key]?.value;
  const ids = value('offer');
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id) => {
    const kind = value(`offer#${id}/offer_type`);
    if (typeof kind !== 'string' || !(OFFER_KINDS as readonly string[]).includes(kind)) return [];
    const area = value(`offer#${id}/offer_area`);
    const description = value(`offer#${id}/offer_description`);
    return [
      {
        ref: `${response._id}#${id}`,
        kind: kind as OfferKind,
        area: typeof area === 'string' ? area : '',
        description: typeof description === 'string' ? description : '',
      },
    ];
  });
}
