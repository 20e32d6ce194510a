/**
 * A DEC activity with its results framework (DEC plan LA5-WP1: a programme with expected
 * results and impacts; LA1-WP5: monitoring and evaluation of DEC-funded activities):
 * objective, leverage area and work package, lead, budget and funder, participants
 * (institutes and people), dates, and expected results, each with an indicator, baseline,
 * target and unit (and the value reached, once known, with its date and source). Schema 2 added
 * that date and source (upgrade/001-reached-date-source.ts). `activity:<uuid>` in the library,
 * written by the secretariat. Participants write their follow-ups at 3 and 12 months in their
 * own databases (shared/docs/followup/schema.ts). Results and participants are keyed, so that
 * two people editing different ones offline merge.
 */
import { z } from 'zod';
import { slugSchema } from '../../ids';
import { baseDocShape } from '../base';

export const ACTIVITY_SCHEMA_VERSION = 2;

const localId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Use a short id of letters, digits or hyphens');
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);
const typedNumber = z.union([z.number().finite(), z.string(), z.null()]);

export const expectedResultSchema = z.object({
  result: text(500),
  indicator: text(300),
  baseline: typedNumber,
  target: typedNumber,
  /** The value reached so far, as the secretariat records it by hand; null when not known. */
  actual: typedNumber,
  /** When that value was recorded (yyyy-mm-dd, or as typed) and where it comes from, in words. */
  actualOn: text(40),
  actualSource: text(500),
  unit: text(40),
});
export type ExpectedResult = z.infer<typeof expectedResultSchema>;

export const participantSchema = z.object({
  /** People taking part, in words. */
  people: text(1000),
});

export const activityDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('activity'),
    schemaVersion: z.literal(ACTIVITY_SCHEMA_VERSION),
    title: text(300).min(1, 'Give the activity a title'),
    objective: text(4000),
    leverageArea: z.union([z.string().regex(/^LA\d$/), z.literal('')]),
    workPackage: z.union([z.string().regex(/^LA\d-WP\d$/), z.literal('')]),
    /** The institute (slug) or person leading it, in words. */
    lead: text(200),
    budget: typedNumber,
    currency: text(10),
    /** The funder (`funder:<id>`) and programme id, or '' when not from the map. */
    funderId: text(100),
    programmeId: text(64),
    /** yyyy-mm-dd, or as typed. */
    start: text(40),
    end: text(40),
    /** Participating institutes by slug. */
    participants: z.record(slugSchema, participantSchema),
    results: z.record(localId, expectedResultSchema),
  })
  .superRefine((doc, ctx) => {
    if (!/^activity:[a-z0-9-]{1,64}$/.test(doc._id))
      ctx.addIssue({ code: 'custom', path: ['_id'], message: 'The id must be activity:<id>' });
  });
export type ActivityDoc = z.infer<typeof activityDocSchema>;
