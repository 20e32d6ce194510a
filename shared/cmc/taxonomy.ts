/**
 * The KCDB taxonomy a plan is placed in: metrology area → branch → service. It starts from
 * the reference data shipped with the app (resources/reference/kcdb-areas.json, where many
 * branch names are marked inferred) and takes the secretariat's corrections and additions
 * from the shared library, so it can be fixed without a new release.
 */
import { z } from 'zod';

const referenceSchema = z.object({
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      code_inferred: z.boolean().optional(),
      inferred: z.boolean().optional(),
      branches: z.array(z.object({ name: z.string(), inferred: z.boolean().optional() })).default([]),
      categories: z.array(z.object({ name: z.string(), inferred: z.boolean().optional() })).optional(),
      example_services_seen: z.array(z.string()).optional(),
    }),
  ),
});

export interface TaxonomyBranch {
  name: string;
  /** True when the name was not read from a source (reference data) and nobody has confirmed it. */
  inferred: boolean;
  services: string[];
}

export interface TaxonomyArea {
  code: string;
  name: string;
  inferred: boolean;
  branches: TaxonomyBranch[];
}

/** The secretariat's corrections, kept in the library (see shared/docs/taxonomy/schema.ts). */
export const taxonomyCorrectionSchema = z.object({
  area: z.string().min(1),
  /** A new name for the area; absent to keep it. */
  name: z.string().optional(),
  branches: z.array(
    z.object({
      /** The branch as the reference names it; absent for a new branch. */
      from: z.string().optional(),
      name: z.string().min(1),
      remove: z.boolean().optional(),
      services: z.array(z.string()).optional(),
    }),
  ),
});
export type TaxonomyCorrection = z.infer<typeof taxonomyCorrectionSchema>;

export function referenceTaxonomy(file: unknown): TaxonomyArea[] {
  return referenceSchema.parse(file).areas.map((area) => ({
    code: area.code,
    name: area.name,
    inferred: area.code_inferred === true || area.inferred === true,
    // Chemistry and biology is organised in categories rather than branches.
    branches: (area.branches.length > 0 ? area.branches : (area.categories ?? [])).map((branch) => ({
      name: branch.name,
      inferred: branch.inferred === true,
      services: [],
    })),
  }));
}

/** The reference taxonomy with the library's corrections applied; a corrected name counts as confirmed. */
export function applyCorrections(
  reference: readonly TaxonomyArea[],
  corrections: readonly TaxonomyCorrection[],
): TaxonomyArea[] {
  const areas = reference.map((area) => ({ ...area, branches: area.branches.map((b) => ({ ...b })) }));
  for (const correction of corrections) {
    let area = areas.find((a) => a.code === correction.area);
    if (!area) {
      area = {
        code: correction.area,
        name: correction.name ?? correction.area,
        inferred: false,
        branches: [],
      };
      areas.push(area);
    } else if (correction.name) {
      area.name = correction.name;
      area.inferred = false;
    }
    for (const change of correction.branches) {
      const index = area.branches.findIndex((b) => b.name === (change.from ?? change.name));
      if (change.remove) {
        if (index >= 0) area.branches.splice(index, 1);
        continue;
      }
      const branch: TaxonomyBranch = { name: change.name, inferred: false, services: change.services ?? [] };
      if (index >= 0)
        area.branches[index] = {
          ...branch,
          services: change.services ?? area.branches[index]?.services ?? [],
        };
      else area.branches.push(branch);
    }
  }
  return areas;
}

export function areaName(taxonomy: readonly TaxonomyArea[], code: string): string {
  return taxonomy.find((a) => a.code === code)?.name ?? code;
}
