/**
 * An institute's entry in the directory that the library (`dec-library`) carries to
 * every device: the name, acronym and economy that screens show for an institute slug.
 * `workbench setup` writes one for each institute it prepares; `org` is the institute's
 * own slug, so `institute:<org>` is its id.
 */
import { z } from 'zod';
import { instituteId } from '../../ids';
import { baseDocShape } from '../base';

export const INSTITUTE_SCHEMA_VERSION = 1;

export const instituteSourceSchema = z.enum(['reference', 'given', 'slug']);
export type InstituteSource = z.infer<typeof instituteSourceSchema>;

export const instituteDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('institute'),
    schemaVersion: z.literal(INSTITUTE_SCHEMA_VERSION),
    name: z.string().trim().min(1, 'Give the institute’s name').max(200),
    /** Empty when the institute has none (or none is known). */
    acronym: z.string().trim().max(40),
    /** Empty while nobody has said which economy the institute belongs to. */
    economy: z.string().trim().max(100),
    /** ISO 3166-1 alpha-2 code of the economy, where known. */
    iso2: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use the two capital letters of ISO 3166-1, e.g. PH')
      .optional(),
    /** True when the name or the economy came from reference data marked inferred. */
    inferred: z.boolean(),
    /**
     * Where name and economy came from: the reference list, values given to
     * `workbench setup`, or nothing but the slug (shown as such until someone says more).
     */
    source: instituteSourceSchema,
  })
  .superRefine((doc, ctx) => {
    const expected = instituteId(doc.org);
    if (doc._id !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${expected} for this institute`,
      });
    }
  });

export type InstituteDoc = z.infer<typeof instituteDocSchema>;
