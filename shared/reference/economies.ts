/**
 * Access to the reference list of economies and their institutes
 * (resources/reference/apmp-economies.json, copied from the project's reference
 * data with its sources). Entries that were not read from a source are flagged
 * `inferred` so screens can say so.
 */
import { z } from 'zod';
import { toSlug } from '../ids';

const instituteSchema = z.object({
  name: z.string(),
  acronym: z.string().nullish(),
  name_verified: z.boolean().optional(),
});

const economySchema = z.object({
  economy: z.string(),
  iso2: z.string().length(2),
  institutes: z.array(instituteSchema),
  inferred: z.boolean().optional(),
  /** Whether the economy counts as developing for the DEC; value null when no source says. */
  developing_economy: z
    .object({ value: z.boolean().nullable(), inferred: z.boolean(), basis: z.string() })
    .optional(),
});

export const economiesFileSchema = z.object({
  title: z.string(),
  compiled: z.string(),
  completeness: z.string(),
  economies: z.array(economySchema),
  unverified_candidates: z.array(economySchema),
});

export interface ReferenceInstitute {
  /** Suggested slug: economy code and acronym, e.g. `ph-nml`. */
  slug: string;
  name: string;
  acronym: string;
  economy: string;
  iso2: string;
  /** True when the economy's membership or the institute's name was not read from a source. */
  inferred: boolean;
  /**
   * Whether the economy counts as developing: true or false with `developingInferred` when a
   * DEC role points that way rather than a source stating it; null when nothing says.
   */
  developing: boolean | null;
  developingInferred: boolean;
}

/** One choice per institute, sorted by economy then name. */
export function listReferenceInstitutes(file: unknown): ReferenceInstitute[] {
  const data = economiesFileSchema.parse(file);
  const rows: ReferenceInstitute[] = [];
  for (const [list, listInferred] of [
    [data.economies, false],
    [data.unverified_candidates, true],
  ] as const) {
    for (const economy of list) {
      for (const institute of economy.institutes) {
        const acronym = institute.acronym ?? '';
        rows.push({
          slug: toSlug(economy.iso2, acronym || institute.name),
          name: institute.name,
          acronym,
          economy: economy.economy,
          iso2: economy.iso2,
          inferred: listInferred || economy.inferred === true || institute.name_verified !== true,
          developing: economy.developing_economy?.value ?? null,
          developingInferred: economy.developing_economy?.inferred ?? true,
        });
      }
    }
  }
  return rows.sort((a, b) => a.economy.localeCompare(b.economy) || a.name.localeCompare(b.name));
}

/**
 * Whether each economy (by ISO code) counts as developing, from the reference list: the value,
 * and whether it was inferred. Economies the list does not classify are absent.
 */
export function developingEconomies(file: unknown): Map<string, { developing: boolean; inferred: boolean }> {
  const data = economiesFileSchema.parse(file);
  const out = new Map<string, { developing: boolean; inferred: boolean }>();
  for (const economy of [...data.economies, ...data.unverified_candidates]) {
    const flag = economy.developing_economy;
    if (flag && flag.value !== null)
      out.set(economy.iso2, { developing: flag.value, inferred: flag.inferred });
  }
  return out;
}
