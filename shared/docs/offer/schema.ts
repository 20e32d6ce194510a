/**
 * What an institute offers the others (DEC plan LA5-WP3, DEN2DEN): calibrations, training
 * attachments, experts, a comparison to pilot or link — in a metrology area, with details and
 * whom to contact. Most start from the offers of the institute's assessment (`fromAnswer`).
 * `offer:<org>:<id>` in the institute's own database; when it is published, the secretariat's
 * computer keeps a copy under the same id in the library, where every institute reads it, and
 * removes that copy when the offer is withdrawn.
 */
import { z } from 'zod';
import { OFFER_KINDS, OFFER_STATUSES } from '../../den2den/kinds';
import { LOCAL_ID_PATTERN, offerId } from '../../ids';
import { baseDocShape } from '../base';

export const OFFER_SCHEMA_VERSION = 1;

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

export const offerDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('offer'),
    schemaVersion: z.literal(OFFER_SCHEMA_VERSION),
    kind: z.enum(OFFER_KINDS),
    /** KCDB area code, or '' for offers outside the areas. */
    area: text(10),
    title: text(200).min(1, 'Say in a few words what is offered'),
    /** Who, how long, conditions, costs. */
    description: text(4000),
    /** Whom to contact, and how (a name, an e-mail address, a telephone number). */
    contact: text(500).min(1, 'Say whom to contact'),
    status: z.enum(OFFER_STATUSES),
    /** `<response id>#<offer instance id>` of the assessment's offer it was made from, or ''. */
    fromAnswer: text(200),
  })
  .superRefine((doc, ctx) => {
    const [, org, id = ''] = doc._id.split(':');
    if (org !== doc.org || !LOCAL_ID_PATTERN.test(id) || doc._id !== offerId(doc.org, id))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be offer:${doc.org}:<id> for this institute`,
      });
  });
export type OfferDoc = z.infer<typeof offerDocSchema>;
