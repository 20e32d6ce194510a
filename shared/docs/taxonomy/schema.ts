/**
 * The secretariat's corrections to the KCDB taxonomy that the app ships
 * (resources/reference/kcdb-areas.json): renamed or confirmed branches, branches added or
 * removed, services listed under a branch, a better area name. One document in the library,
 * `taxonomy:kcdb`, written by the secretariat and pulled by every device, so the taxonomy
 * can be fixed without a new release. `org` is the secretariat's institute (who keeps it).
 * Applied to the reference by shared/cmc/taxonomy.ts (`applyCorrections`).
 */
import { z } from 'zod';
import { taxonomyCorrectionSchema } from '../../cmc/taxonomy';
import { TAXONOMY_ID } from '../../ids';
import { baseDocShape } from '../base';

export const TAXONOMY_SCHEMA_VERSION = 1;

export const taxonomyDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('taxonomy'),
    schemaVersion: z.literal(TAXONOMY_SCHEMA_VERSION),
    /** One correction per metrology area, in the order they were first made. */
    corrections: z.array(taxonomyCorrectionSchema),
  })
  .superRefine((doc, ctx) => {
    if (doc._id !== TAXONOMY_ID)
      ctx.addIssue({ code: 'custom', path: ['_id'], message: `The id must be ${TAXONOMY_ID}` });
    const areas = doc.corrections.map((c) => c.area);
    const twice = areas.find((area, i) => areas.indexOf(area) !== i);
    if (twice)
      ctx.addIssue({
        code: 'custom',
        path: ['corrections'],
        message: `The area ${twice} is corrected twice; keep one correction per area`,
      });
  });

export type TaxonomyDoc = z.infer<typeof taxonomyDocSchema>;
