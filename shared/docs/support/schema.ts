/**
 * One entry of an institute's support ledger (DEC plan LA1-WP3 "the support they receive
 * from different agencies", LA5-WP4 "document funding flows"): support received or requested,
 * from which funder and programme, given by which institute, of which kind, money where there
 * is money, the period, the assessment's needs it answers, its status and results.
 * `support:<org>:<id>` in the institute's own database: only the institute (and the
 * secretariat) writes it.
 */
import { z } from 'zod';
import { SUPPORT_KINDS, SUPPORT_STATUSES } from '../../funding/kinds';
import { supportId } from '../../ids';
import { baseDocShape } from '../base';

export const SUPPORT_SCHEMA_VERSION = 1;

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

export const supportDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('support'),
    schemaVersion: z.literal(SUPPORT_SCHEMA_VERSION),
    /** `funder:<id>` and a programme id from the funding map, or '' with the funder in words. */
    funderId: text(100),
    programmeId: text(64),
    /** The funder or programme in words when it is not on the map (e.g. from an old answer). */
    funderText: text(300),
    /** The institute giving the support (slug), or '' when none (e.g. equipment bought). */
    provider: text(40),
    kind: z.enum(SUPPORT_KINDS),
    /** Money, where there is money: an amount (as typed while not a number) and its currency. */
    amount: z.union([z.number().finite(), z.string(), z.null()]),
    currency: text(10),
    /** yyyy-mm-dd, or as typed. */
    start: text(40),
    end: text(40),
    /** The metrology area it serves (KCDB code), and the assessment's needs it answers. */
    area: text(10),
    /** `<response id>#<need instance id>` of the needs it answers. */
    needs: z.array(text(200)).max(20),
    status: z.enum(SUPPORT_STATUSES),
    results: text(4000),
    /** The response and answer it was made from, when migrated from the assessment. */
    fromAnswer: text(200),
  })
  .superRefine((doc, ctx) => {
    const [, org, id] = doc._id.split(':');
    if (org !== doc.org || !id || doc._id !== supportId(org, id))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be support:${doc.org}:<id> for this institute`,
      });
  });
export type SupportDoc = z.infer<typeof supportDocSchema>;
