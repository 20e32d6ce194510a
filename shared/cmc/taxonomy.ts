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
  /** The reference's name for this branch; absent for a branch the secretariat added. */
  from?: string;
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
      from: branch.name,
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
      const found = index >= 0 ? area.branches[index] : undefined;
      if (found)
        area.branches[index] = {
          ...branch,
          ...(found.from !== undefined ? { from: found.from } : {}),
          services: change.services ?? found.services,
        };
      else area.branches.push(branch);
    }
  }
  return areas;
}

export function areaName(taxonomy: readonly TaxonomyArea[], code: string): string {
  return taxonomy.find((a) => a.code === code)?.name ?? code;
}

export type BranchChange = TaxonomyCorrection['branches'][number];

function tidy(corrections: TaxonomyCorrection[]): TaxonomyCorrection[] {
  return corrections.filter((c) => c.name !== undefined || c.branches.length > 0);
}

/**
 * The corrections with one branch of `area` corrected: renamed, confirmed (the same name,
 * which marks it verified), given services, removed, or added (`from` absent). A branch is
 * found by its reference name, or, for one the secretariat added, by `current` (its name now).
 * Removing an added branch drops it altogether.
 */
export function withBranchChange(
  corrections: readonly TaxonomyCorrection[],
  area: string,
  change: BranchChange,
  current?: string,
): TaxonomyCorrection[] {
  const next = corrections.map((c) => ({ ...c, branches: [...c.branches] }));
  let correction = next.find((c) => c.area === area);
  if (!correction) {
    correction = { area, branches: [] };
    next.push(correction);
  }
  const index = correction.branches.findIndex((b) =>
    change.from !== undefined
      ? b.from === change.from
      : b.from === undefined && b.name === (current ?? change.name),
  );
  const cleaned: BranchChange = {
    ...(change.from !== undefined ? { from: change.from } : {}),
    name: change.name.trim(),
    ...(change.remove ? { remove: true } : {}),
    ...(change.services ? { services: change.services.map((s) => s.trim()).filter(Boolean) } : {}),
  };
  const drop = change.remove === true && change.from === undefined;
  if (index >= 0) {
    if (drop) correction.branches.splice(index, 1);
    else correction.branches[index] = cleaned;
  } else if (!drop) {
    correction.branches.push(cleaned);
  }
  return tidy(next);
}

/** The corrections with a new name for an area (an empty name goes back to the reference's). */
export function withAreaName(
  corrections: readonly TaxonomyCorrection[],
  area: string,
  name: string,
): TaxonomyCorrection[] {
  const next = corrections.map((c) => ({ ...c, branches: [...c.branches] }));
  const text = name.trim();
  const found = next.find((c) => c.area === area);
  if (found) {
    if (text) found.name = text;
    else delete found.name;
  } else if (text) {
    next.push({ area, name: text, branches: [] });
  }
  return tidy(next);
}

/** The services listed under a branch (the secretariat's list; the reference lists none). */
export function servicesOf(taxonomy: readonly TaxonomyArea[], area: string, branch: string): string[] {
  return taxonomy.find((a) => a.code === area)?.branches.find((b) => b.name === branch)?.services ?? [];
}

/**
 * The branch's name now: a plan made before the secretariat renamed its branch keeps the
 * reference's name, which matching reads as the branch it became.
 */
export function canonicalBranch(taxonomy: readonly TaxonomyArea[], area: string, branch: string): string {
  const found = taxonomy.find((a) => a.code === area)?.branches.find((b) => b.from === branch);
  return found ? found.name : branch;
}

/** The corrections without any change to a reference branch: it is as the reference has it again. */
export function withoutBranchChange(
  corrections: readonly TaxonomyCorrection[],
  area: string,
  from: string,
): TaxonomyCorrection[] {
  return tidy(
    corrections.map((c) =>
      c.area === area ? { ...c, branches: c.branches.filter((b) => b.from !== from) } : c,
    ),
  );
}

/** The reference branches of an area that the corrections remove. */
export function removedBranches(corrections: readonly TaxonomyCorrection[], area: string): string[] {
  return (corrections.find((c) => c.area === area)?.branches ?? []).flatMap((b) =>
    b.remove && b.from !== undefined ? [b.from] : [],
  );
}
