/**
 * A participant's follow-up of a DEC activity at 3 or 12 months (DEC plan LA1-WP5, "monitor
 * and evaluate the use and impact of DEC-funded activities"): what was used — a CMC, a new
 * service, a comparison joined, training passed on — in words and by kind, and the value of
 * each of the activity's indicators where the institute can say. Written in the participant's
 * own database (`followup:<org>:<activity>:<3|12>`), gathered by the secretariat's rounds.
 */
import { z } from 'zod';
import { FOLLOWUP_USES } from '../../funding/kinds';
import { followupId } from '../../ids';
import { isoInstant, baseDocShape } from '../base';

export const FOLLOWUP_SCHEMA_VERSION = 1;

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

export const followupDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('followup'),
    schemaVersion: z.literal(FOLLOWUP_SCHEMA_VERSION),
    activityId: z.string().regex(/^activity:[a-z0-9-]{1,64}$/),
    months: z.union([z.literal(3), z.literal(12)]),
    uses: z.array(z.enum(FOLLOWUP_USES)).max(FOLLOWUP_USES.length),
    /** What was used, and how, in the institute's words. */
    story: text(4000),
    /** Values the institute reports for the activity's indicators, by result id. */
    indicators: z.record(z.string(), z.union([z.number().finite(), z.string(), z.null()])),
    /** When it was sent to the secretariat; absent while a draft. */
    submittedAt: isoInstant.optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc._id !== followupId(doc.org, doc.activityId, doc.months))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${followupId(doc.org, doc.activityId, doc.months)}`,
      });
  });
export type FollowupDoc = z.infer<typeof followupDocSchema>;
