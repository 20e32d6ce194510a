/**
 * An event: a course, workshop, webinar, cross visit or attachment training (DEC plan LA2-WP2
 * national workshops with concept notes; the BIPM's capacity-building courses). Title,
 * leverage area and work package, dates, place or online, the organiser, speakers and resource
 * persons (developed NMIs among them), the concept note (objectives, inputs, target groups),
 * the participating institutes, how many people attended, the questionnaire its participants
 * answer, and the DEC activity it counts towards. `event:<org>:<id>` in the organiser's own
 * database (the secretariat's institute or a lead institute); the secretariat's computer
 * publishes a copy under the same id in the library for the participants to read. Speakers
 * and participants are keyed, so that two people editing different ones offline merge.
 */
import { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES, SPEAKER_ROLES } from '../../events/kinds';
import { eventId, LOCAL_ID_PATTERN, slugSchema } from '../../ids';
import { baseDocShape } from '../base';

export const EVENT_SCHEMA_VERSION = 1;

const localId = z.string().regex(LOCAL_ID_PATTERN, 'Use a short id of letters, digits or hyphens');
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

export const speakerSchema = z.object({
  name: text(200),
  /** The speaker's institute: a slug of the directory, or its name in words (a developed NMI). */
  institute: text(200),
  role: z.enum(SPEAKER_ROLES),
  topic: text(300),
});
export type Speaker = z.infer<typeof speakerSchema>;

export const eventParticipantSchema = z.object({
  /** How many of the institute's people take part; null when not known. */
  people: z.number().int().min(0).max(10_000).nullable(),
});

export const eventDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('event'),
    schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
    title: text(300).min(1, 'Give the event a title'),
    kind: z.enum(EVENT_KINDS),
    leverageArea: z.union([z.string().regex(/^LA\d$/), z.literal('')]),
    workPackage: z.union([z.string().regex(/^LA\d-WP\d$/), z.literal('')]),
    /** yyyy-mm-dd, or as typed. */
    start: text(40),
    end: text(40),
    online: z.boolean(),
    /** The place (city, venue), or the link's description when online. */
    place: text(300),
    /** Who organises, in words (a unit, a person); the institute is `org`. */
    organiser: text(200),
    /** The concept note. */
    objectives: text(4000),
    inputs: text(4000),
    targetGroups: text(2000),
    speakers: z.record(localId, speakerSchema),
    /** Participating institutes by slug. */
    participants: z.record(slugSchema, eventParticipantSchema),
    /** People who attended (the response rate's denominator); null while not known. */
    attendance: z.number().int().min(0).max(10_000).nullable(),
    /** The questionnaire the participants answer: a shipped template or one imported. */
    feedbackTemplateId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    feedbackTemplateVersion: z.string().min(1),
    /** The DEC activity (`activity:<id>`) it counts towards, or ''. */
    activityId: z.union([z.string().regex(/^activity:[a-z0-9-]{1,64}$/), z.literal('')]),
    status: z.enum(EVENT_STATUSES),
  })
  .superRefine((doc, ctx) => {
    const [, org, id = ''] = doc._id.split(':');
    if (org !== doc.org || !LOCAL_ID_PATTERN.test(id) || doc._id !== eventId(doc.org, id))
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be event:${doc.org}:<id> for the organising institute`,
      });
  });
export type EventDoc = z.infer<typeof eventDocSchema>;
