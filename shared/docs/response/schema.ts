/**
 * A questionnaire response: one institute's answers to one template for one cycle; or, for an
 * event's questionnaires (its feedback, the follow-up of an implementation plan), one
 * participant's, keyed by the event and the participant as well (`event`, `participant`).
 *
 * Each answer is its own entry with who and when changed it and the stamp of the
 * value it replaced (`prev`). That is what lets two offline edits of *different*
 * questions merge field by field, and two edits of the *same* question be told apart
 * from an edit made on top of the other (see docs/architecture.md, "Conflicts").
 */
import { z } from 'zod';
import { baseDocShape, isoInstant } from '../base';
import { feedbackResponseId, responseId } from '../../ids';

export const RESPONSE_SCHEMA_VERSION = 2;

/**
 * A question's name, or the path to a question inside repeat instances
 * (`need#k1/need_area`); see shared/forms/rules.ts.
 */
export const ANSWER_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*(#[A-Za-z0-9]+\/[A-Za-z_][A-Za-z0-9_.-]*)*$/;

export const answerValueSchema = z.union([z.string(), z.number().finite(), z.array(z.string()), z.null()]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const answerEntrySchema = z.object({
  value: answerValueSchema,
  at: isoInstant,
  by: z.string().min(1),
  /** `${at}|${by}` of the entry this one replaced; absent for a first answer. */
  prev: z.string().optional(),
});
export type AnswerEntry = z.infer<typeof answerEntrySchema>;

export const responseStatusSchema = z.enum(['draft', 'submitted']);

/** One step of a response's life: submitted, or reopened with the reason given. */
export const responseEventSchema = z.object({
  kind: z.enum(['submitted', 'reopened']),
  revision: z.number().int().positive(),
  at: isoInstant,
  by: z.string().min(1),
  reason: z.string().optional(),
});
export type ResponseEvent = z.infer<typeof responseEventSchema>;

export const responseSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('response'),
    schemaVersion: z.literal(RESPONSE_SCHEMA_VERSION),
    templateId: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'Template ids use letters, digits, _ . -'),
    templateVersion: z.string().min(1),
    cycle: z.number().int().min(2000).max(2100),
    status: responseStatusSchema,
    /** 1 for the first version; reopening a submitted response starts the next one. */
    revision: z.number().int().positive(),
    history: z.array(responseEventSchema),
    answers: z.record(
      z.string().regex(ANSWER_KEY_PATTERN, 'Not a question name or repeat path'),
      answerEntrySchema,
    ),
    /** The event (`event:<org>:<id>`) a participant's response belongs to; absent for an institute's. */
    event: z
      .string()
      .regex(/^event:[a-z0-9-]{1,40}:[a-z0-9-]{1,64}$/, 'Not an event id')
      .optional(),
    /** The participant: `k-<random>` at a kiosk (anonymous), `u-<user>` on their own computer. */
    participant: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'Not a participant key')
      .optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc.status === 'submitted' && doc.history.at(-1)?.kind !== 'submitted') {
      ctx.addIssue({
        code: 'custom',
        path: ['history'],
        message: 'A submitted response records its submission',
      });
    }
  })
  .superRefine((doc, ctx) => {
    if ((doc.event === undefined) !== (doc.participant === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [doc.event === undefined ? 'event' : 'participant'],
        message: 'An event’s response names both the event and the participant',
      });
      return;
    }
    const expected =
      doc.event !== undefined && doc.participant !== undefined
        ? feedbackResponseId(doc.org, doc.templateId, doc.cycle, doc.event, doc.participant)
        : responseId(doc.org, doc.templateId, doc.cycle);
    if (doc._id !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${expected} for this institute, template and cycle${doc.event ? ', event and participant' : ''}`,
      });
    }
  });

export type ResponseDoc = z.infer<typeof responseSchema>;

export function answerStamp(entry: Pick<AnswerEntry, 'at' | 'by'>): string {
  return `${entry.at}|${entry.by}`;
}
