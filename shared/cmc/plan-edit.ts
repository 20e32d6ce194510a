/**
 * Changing a plan by field paths: `rangeMin`, `comparisons`, `milestones.training.planned`.
 * The editor records what a person changed as path → value; the repository re-reads the
 * latest revision and applies only those paths, so an edit made meanwhile on another
 * computer (or in another window) to other fields survives a save that met it.
 */
import {
  newCmcPlanFields,
  type CmcPlanDoc,
  type CmcPlanFields,
  type Milestone,
} from '../docs/cmcplan/schema';
import { MILESTONE_KEYS, type MilestoneKey } from './milestones';

export type PlanChanges = Readonly<Record<string, unknown>>;

const TOP_FIELDS = new Set<string>(
  Object.keys(newCmcPlanFields('', '', '')).filter((key) => key !== 'milestones'),
);
const MILESTONE_FIELDS = new Set<string>(['status', 'planned', 'actual', 'notes', 'support', 'provider']);

/** The parts of a path a plan has, or undefined for a path no plan has (never written). */
export function parsePlanPath(
  path: string,
): { field: keyof CmcPlanFields } | { milestone: MilestoneKey; field: keyof Milestone } | undefined {
  const parts = path.split('.');
  if (parts.length === 1 && TOP_FIELDS.has(path)) return { field: path as keyof CmcPlanFields };
  const [head, key, field] = parts;
  if (
    parts.length === 3 &&
    head === 'milestones' &&
    (MILESTONE_KEYS as readonly string[]).includes(key ?? '') &&
    MILESTONE_FIELDS.has(field ?? '')
  )
    return { milestone: key as MilestoneKey, field: field as keyof Milestone };
  return undefined;
}

/** The plan's own fields, without the document's bookkeeping. */
export function planFieldsOf(doc: CmcPlanDoc): CmcPlanFields {
  const {
    _id: _ignoredId,
    _rev: _ignoredRev,
    type: _ignoredType,
    org: _ignoredOrg,
    createdAt: _ignoredCreated,
    updatedAt: _ignoredUpdated,
    updatedBy: _ignoredBy,
    ...fields
  } = doc;
  return fields;
}

/** Every field of a plan by its path (`rangeMin`, `milestones.training.planned`), as the editor names them. */
export function planPaths(plan: CmcPlanFields): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const field of TOP_FIELDS) paths[field] = plan[field as keyof CmcPlanFields];
  for (const key of MILESTONE_KEYS) {
    for (const field of MILESTONE_FIELDS)
      paths[`milestones.${key}.${field}`] = plan.milestones[key][field as keyof Milestone];
  }
  return paths;
}

/** The value at a path, e.g. for comparing what the editor shows with what is stored. */
export function planValueAt(plan: CmcPlanFields, path: string): unknown {
  const at = parsePlanPath(path);
  if (!at) return undefined;
  if ('milestone' in at) return plan.milestones[at.milestone][at.field];
  return plan[at.field];
}

/**
 * A copy of `plan` with the changes applied; untouched fields and milestones keep their
 * objects. Unknown paths are refused (a programming error, not something a person typed);
 * the values themselves are checked by the schema when the repository writes the plan.
 */
export function applyPlanChanges<T extends CmcPlanFields>(plan: T, changes: PlanChanges): T {
  let next: T = plan;
  for (const [path, value] of Object.entries(changes)) {
    const at = parsePlanPath(path);
    if (!at) throw new Error(`A CMC plan has no field ${path}.`);
    if ('milestone' in at) {
      const milestone = next.milestones[at.milestone];
      next = {
        ...next,
        milestones: { ...next.milestones, [at.milestone]: { ...milestone, [at.field]: value } },
      };
    } else {
      next = { ...next, [at.field]: value };
    }
  }
  return next;
}
