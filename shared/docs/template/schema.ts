/**
 * A questionnaire template stored as a document, so that a form an institute imports
 * travels with its responses. The shipped templates are part of the app and are not
 * stored; `template:<id>:<version>` ids keep each version of a form apart.
 */
import { z } from 'zod';
import { templateDocId } from '../../ids';
import { templateSchema } from '../../forms/model';
import { baseDocShape } from '../base';

export const TEMPLATE_SCHEMA_VERSION = 1;

export const templateDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('template'),
    schemaVersion: z.literal(TEMPLATE_SCHEMA_VERSION),
    /** The workbook's file name, for people to recognise it. */
    source: z.string().min(1),
    template: templateSchema,
  })
  .superRefine((doc, ctx) => {
    const expected = templateDocId(doc.template.id, doc.template.version);
    if (doc._id !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['_id'],
        message: `The id must be ${expected} for this template`,
      });
    }
  });

export type TemplateDoc = z.infer<typeof templateDocSchema>;
