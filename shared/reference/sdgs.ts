/**
 * The 17 UN Sustainable Development Goals (resources/reference/sdgs.json, with its
 * sources). Titles not compared with a source in the session that compiled the file carry
 * `title_inferred`; screens show short names, which were all checked.
 */
import { z } from 'zod';

const sdgsFileSchema = z.object({
  goals: z.array(
    z.object({
      number: z.number().int().min(1).max(17),
      short_name: z.string(),
      title: z.string(),
      title_inferred: z.boolean().optional(),
    }),
  ),
});

export interface Sdg {
  number: number;
  shortName: string;
  title: string;
  titleInferred: boolean;
}

export function listSdgs(file: unknown): Sdg[] {
  return sdgsFileSchema.parse(file).goals.map((g) => ({
    number: g.number,
    shortName: g.short_name,
    title: g.title,
    titleInferred: g.title_inferred === true,
  }));
}
