/**
 * A case study: a success or change story an institute drafts (often offline, over weeks),
 * sends for review, and the secretariat approves and publishes to every institute.
 *
 * The draft lives in the institute's database as `casestudy:<org>:<uuid>`; the published
 * copy is the same document, without its review comments, under the same id in the
 * library (`dec-library`). Text sections are Markdown, stored as typed. Each section is a
 * top-level field, so that two people editing different sections offline merge field by
 * field; comments are keyed by id, so that two reviewers commenting offline both keep
 * theirs (shared/sync/merge.ts). Photos are PouchDB attachments (`_attachments`, JPEG,
 * named `photo-<id>.jpg`) with their caption and credit under `photos`.
 */
import { z } from 'zod';
import { caseStudyId } from '../../ids';
import { CASE_STUDY_ACTIONS, CASE_STUDY_STATUSES } from '../../case-studies/workflow-states';
import { PHOTO_NAME_PATTERN } from '../../case-studies/photos';
import { COMMENT_TARGETS } from '../../case-studies/sections';
import { baseDocShape, isoInstant } from '../base';

export const CASESTUDY_SCHEMA_VERSION = 2;

const TEXT_LIMIT = 20_000;
const text = (max = TEXT_LIMIT) => z.string().max(max, `Keep it under ${max} characters`);
const localId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Use a short id of letters, digits or hyphens');

export const indicatorSchema = z.object({
  id: localId,
  /** What is measured, e.g. "Days to calibrate a weighbridge". */
  name: text(200),
  /** As typed: usually a number, sometimes "none" or "about 40". */
  before: text(60),
  after: text(60),
  unit: text(40),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const quoteSchema = z.object({
  id: localId,
  text: text(2000),
  who: text(120),
  /** Their role or organisation, e.g. "Quality manager, a rice mill in Luzon". */
  role: text(200),
});
export type Quote = z.infer<typeof quoteSchema>;

export const photoMetaSchema = z.object({
  caption: text(500),
  credit: text(200),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Bytes of the stored JPEG. */
  bytes: z.number().int().nonnegative(),
  /** Place in the story; ties keep the order they were added in. */
  order: z.number(),
  addedAt: isoInstant,
  addedBy: z.string().min(1),
});
export type PhotoMeta = z.infer<typeof photoMetaSchema>;

export const historyEventSchema = z.object({
  action: z.enum(CASE_STUDY_ACTIONS),
  to: z.enum(CASE_STUDY_STATUSES),
  at: isoInstant,
  by: z.string().min(1),
  note: text(2000).optional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export const commentSchema = z.object({
  /** The section or part of the story the comment is about. */
  target: z.enum(COMMENT_TARGETS),
  text: text(4000).min(1, 'A comment needs some text'),
  at: isoInstant,
  by: z.string().min(1),
  resolved: z.object({ at: isoInstant, by: z.string().min(1), note: text(2000).optional() }).optional(),
});
export type CaseStudyComment = z.infer<typeof commentSchema>;

/**
 * An attachment as PouchDB gives it (a stub: digest and length) or as the app writes it
 * (inline data: a Blob in the browser, bytes or base64 elsewhere). Other keys PouchDB adds
 * are kept.
 */
export const attachmentSchema = z.looseObject({
  content_type: z.string(),
  stub: z.boolean().optional(),
  digest: z.string().optional(),
  length: z.number().optional(),
  data: z
    .custom<unknown>((v) => typeof v === 'string' || (typeof v === 'object' && v !== null), {
      message: 'Attachment data must be bytes or base64 text',
    })
    .optional(),
});

export const caseStudySchema = z
  .object({
    ...baseDocShape,
    type: z.literal('casestudy'),
    schemaVersion: z.literal(CASESTUDY_SCHEMA_VERSION),
    title: text(300),
    /** The institute's economy when the story was written, for the library's filter. */
    economy: text(120),
    /** A leverage area of the DEC plan (LA1…LA5, shared/case-studies/leverage.ts), or ''. */
    leverageArea: text(60),
    /**
     * The provisional area a story was tagged with before the plan's list reached the app,
     * in words, when no leverage area of the plan was near enough (schema 2 upgrade); ''
     * otherwise. Shown until someone chooses a leverage area.
     */
    leverageAreaFormer: text(200),
    /** UN SDG numbers, 1–17. */
    sdgs: z.array(z.number().int().min(1).max(17)).max(17),
    /** KCDB metrology area codes (AUV, EM, L, M, PR, T, TF, RI, QM). */
    areas: z.array(z.string().min(1).max(10)).max(20),
    context: text(),
    challenge: text(),
    actions: text(),
    partners: text(),
    results: text(),
    impact: text(),
    lessons: text(),
    indicators: z.array(indicatorSchema).max(30),
    quotes: z.array(quoteSchema).max(20),
    photos: z.record(z.string().regex(PHOTO_NAME_PATTERN), photoMetaSchema),
    status: z.enum(CASE_STUDY_STATUSES),
    history: z.array(historyEventSchema),
    comments: z.record(localId, commentSchema),
    _attachments: z.record(z.string(), attachmentSchema).optional(),
  })
  .superRefine((doc, ctx) => {
    const [, org, uuid] = doc._id.split(':');
    if (!doc._id.startsWith('casestudy:') || org !== doc.org || !uuid || doc._id !== caseStudyId(org, uuid)) {
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be casestudy:${doc.org}:<id> for this institute`,
      });
    }
    for (const name of Object.keys(doc.photos)) {
      if (doc._attachments && !doc._attachments[name]) {
        ctx.addIssue({ code: 'custom', path: ['photos', name], message: 'This photo has no stored image' });
      }
    }
  });

export type CaseStudyDoc = z.infer<typeof caseStudySchema>;
