/**
 * What an institute could provide to others, as the secretariat shares it for matching:
 * `capability:<org>` in the library, one per institute, `org` being the institute it
 * describes. The secretariat's computer, which syncs every institute, writes it from what it
 * holds (shared/cmc/summary.ts): published and advanced CMC plans, services and published
 * CMCs per area from the latest assessment, comparisons taken part in. Only the area, branch,
 * kind and a short detail (the service, or how many CMCs) travel: no dates, uncertainties,
 * needs or notes of the institute's plans. An institute's computer ranks providers for its
 * own needs from these summaries.
 */
import { z } from 'zod';
import { capabilityId } from '../../ids';
import { baseDocShape } from '../base';

export const CAPABILITY_SCHEMA_VERSION = 1;

export const capabilityEntrySchema = z.object({
  area: z.string().min(1),
  branch: z.string().optional(),
  kind: z.enum(['published', 'advanced', 'service', 'comparison']),
  detail: z.string().optional(),
});

export const capabilityDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('capability'),
    schemaVersion: z.literal(CAPABILITY_SCHEMA_VERSION),
    capabilities: z.array(capabilityEntrySchema),
    /** What the summary was made from, for the reader's trust in it. */
    basis: z.object({
      /** The assessment cycle whose answers were read; null when the institute has none. */
      cycle: z.number().int().nullable(),
      plans: z.number().int().nonnegative(),
    }),
  })
  .superRefine((doc, ctx) => {
    const expected = capabilityId(doc.org);
    if (doc._id !== expected)
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${expected} for this institute`,
      });
  });

export type CapabilityDoc = z.infer<typeof capabilityDocSchema>;
export type CapabilityEntry = z.infer<typeof capabilityEntrySchema>;
