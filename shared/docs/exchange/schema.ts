/**
 * A DEN2DEN exchange between two institutes (DEC plan LA5-WP3): a requester asks a chosen
 * provider for a calibration, a training attachment, an expert…; the provider accepts,
 * declines or proposes other terms; when it is over, both record the outcome.
 *
 * An institute's database is read and written by that institute (and the secretariat) only,
 * so each side keeps its own part in its own database — `exchange:<org>:<xid>`, written by
 * that institute alone — and the secretariat's computer, which syncs both, writes a copy of
 * each side's part into the other side's database as `exchangecopy:<org>:<xid>` (only the
 * secretariat may write those; the server refuses anyone else). No document is ever written
 * by two institutes, so the two sides never conflict. See docs/architecture.md, "DEN2DEN".
 */
import { z } from 'zod';
import { OFFER_KINDS, OUTCOME_RESULTS, PROVIDER_ANSWERS, REQUEST_STATES } from '../../den2den/kinds';
import { exchangeCopyId, exchangeId, LOCAL_ID_PATTERN, slugSchema } from '../../ids';
import { baseDocShape, isoInstant } from '../base';

export const EXCHANGE_SCHEMA_VERSION = 1;

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);
const xidSchema = z.string().regex(LOCAL_ID_PATTERN, 'Not an exchange id');

export const requestSchema = z.object({
  kind: z.enum(OFFER_KINDS),
  /** KCDB area code, or ''. */
  area: text(10),
  title: text(200).min(1, 'Say in a few words what is asked for'),
  message: text(4000),
  /** When it is wanted, in words or as a date. */
  wanted: text(200),
  /** The need it answers (`<response id>#<need instance id>`) and the offer it takes up (`offer:<org>:<id>`), or ''. */
  needRef: text(200),
  offerId: text(120),
});
export type ExchangeRequest = z.infer<typeof requestSchema>;

export const outcomeSchema = z.object({
  result: z.enum(OUTCOME_RESULTS),
  /** When it was done (yyyy-mm-dd), or as typed. */
  on: text(40),
  summary: text(4000),
  recordedAt: isoInstant,
});
export type ExchangeOutcome = z.infer<typeof outcomeSchema>;

/** One side's part: what that institute says. */
export const exchangePartShape = {
  xid: xidSchema,
  role: z.enum(['requester', 'provider']),
  requester: slugSchema,
  provider: slugSchema,
  /** The requester's request; absent on the provider's part. */
  request: requestSchema.optional(),
  /** The requester's state of the request; absent on the provider's part. */
  requestState: z.enum(REQUEST_STATES).optional(),
  /** The provider's answer, with its note (a reason, or the terms proposed); absent on the requester's part. */
  answer: z.enum(PROVIDER_ANSWERS).optional(),
  note: text(4000),
  /** This side's record of how it went, once it is over; null before. */
  outcome: outcomeSchema.nullable(),
};

export const exchangePartSchema = z.object(exchangePartShape);
export type ExchangePart = z.infer<typeof exchangePartSchema>;

function checkPart(part: ExchangePart, org: string, ctx: z.RefinementCtx): void {
  const own = part.role === 'requester' ? part.requester : part.provider;
  if (own !== org)
    ctx.addIssue({
      code: 'custom',
      path: ['role'],
      message: `The ${part.role} of this part must be the institute that writes it (${org})`,
    });
  if (part.requester === part.provider)
    ctx.addIssue({ code: 'custom', path: ['provider'], message: 'An institute cannot ask itself' });
  if (part.role === 'requester' && (!part.request || !part.requestState))
    ctx.addIssue({ code: 'custom', path: ['request'], message: 'The requester’s part holds the request' });
  if (part.role === 'provider' && !part.answer)
    ctx.addIssue({ code: 'custom', path: ['answer'], message: 'The provider’s part holds its answer' });
}

export const exchangeDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('exchange'),
    schemaVersion: z.literal(EXCHANGE_SCHEMA_VERSION),
    ...exchangePartShape,
  })
  .superRefine((doc, ctx) => {
    if (doc._id !== exchangeId(doc.org, doc.xid))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${exchangeId(doc.org, doc.xid)}`,
      });
    checkPart(doc, doc.org, ctx);
  });
export type ExchangeDoc = z.infer<typeof exchangeDocSchema>;

/** The other side's part, as the secretariat's computer copied it into this institute's database. */
export const exchangeCopyDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('exchangecopy'),
    schemaVersion: z.literal(EXCHANGE_SCHEMA_VERSION),
    xid: xidSchema,
    /** The institute whose part this is. */
    from: slugSchema,
    part: exchangePartSchema,
    /** When that institute last changed its part, and who. */
    partUpdatedAt: isoInstant,
    partUpdatedBy: z.string().min(1),
  })
  .superRefine((doc, ctx) => {
    if (doc._id !== exchangeCopyId(doc.org, doc.xid))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${exchangeCopyId(doc.org, doc.xid)}`,
      });
    if (doc.part.xid !== doc.xid)
      ctx.addIssue({ code: 'custom', path: ['part', 'xid'], message: 'Another exchange' });
    const other = doc.part.role === 'requester' ? doc.part.provider : doc.part.requester;
    if (other !== doc.org || doc.from === doc.org)
      ctx.addIssue({
        code: 'custom',
        path: ['part'],
        message: `A copy in ${doc.org}'s database holds the other institute's part of an exchange with ${doc.org}`,
      });
    checkPart(doc.part, doc.from, ctx);
  });
export type ExchangeCopyDoc = z.infer<typeof exchangeCopyDocSchema>;
