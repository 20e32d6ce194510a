import { z } from 'zod';
import { slugSchema } from '../ids';

/** ISO 8601 instant with a time zone, as `new Date().toISOString()` writes it. */
export const isoInstant = z.iso.datetime({
  offset: true,
  message: 'Expected a date and time such as 2026-11-24T09:30:00Z',
});

/** Fields that every synced document carries (DESIGN.md, "Documents"). */
export const baseDocShape = {
  _id: z.string().min(1),
  _rev: z.string().optional(),
  schemaVersion: z.number().int().positive(),
  org: slugSchema,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  updatedBy: z.string().min(1, 'Who made the change must be recorded'),
};

export type BaseDoc = z.infer<z.ZodObject<typeof baseDocShape>> & { type: string };
