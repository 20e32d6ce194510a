/**
 * Changing a plan by field paths: `rangeMin`, `comparisons`, `milestones.training.planned`,
 * `checklist.uncertainty_budget.done`, `reviewRounds.r1.comments`, and `reviewRounds.r1` for a
 * whole round (a new one, or null to remove it).
 * The editor records what a person changed as path → value; the repository re-reads the
 * latest revision and applies only those paths, so an edit made meanwhile on another
 * computer (or in another window) to other fields survives a save that met it.
 */
import {
  newCmcPlanFields,
  reviewRoundSchema,
  type ChecklistItem,
  type CmcPlanDoc,
  type CmcPlanFields,
  type Milestone,
  type ReviewRound,
} from '../docs/cmcplan/schema';
import { CHECKLIST_KEYS, MILESTONE_KEYS, type ChecklistKey, type MilestoneKey } from './milestones';

export type PlanChanges = Readonly<Record<string, unknown>>;

const KEYED = new Set(['milestones', 'reviewRounds', 'checklist']);
const TOP_FIELDS = new Set<string>(
  Object.keys(newCmcPlanFields('', '', '')).filter((key) => !KEYED.has(key)),
);
const MILESTONE_FIELDS = new Set<string>(['status', 'planned', 'actual', 'notes', 'support', 'provider']);
const ROUND_FIELDS = new Set<string>(Object.keys(reviewRoundSchema.shape));
const CHECKLIST_FIELDS = new Set<string>(['done', 'note']);
const ROUND_ID = /^[a-z0-9-]{1,64}$/;

export type PlanPath =
  | { field: keyof CmcPlanFields }
  | { milestone: MilestoneKey; field: keyof Milestone }
  | { round: string; field?: keyof ReviewRound }
  | { check: ChecklistKey; field: keyof ChecklistItem };

/** The parts of a path a plan has, or undefined for a path no plan has (never written). */
export function parsePlanPath(path: string): PlanPath | undefined {
  const parts = path.split('.');
  if (parts.length === 1 && TOP_FIELDS.has(path)) return { field: path as keyof CmcPlanFields };
  const [head = '', key = '', field] = parts;
  if (parts.length > 3) return undefined;
  if (
    head === 'milestones' &&
    (MILESTONE_KEYS as readonly string[]).includes(key) &&
    MILESTONE_FIELDS.has(field ?? '')
  )
    return { milestone: key as MilestoneKey, field: field as keyof Milestone };
  if (head === 'reviewRounds' && ROUND_ID.test(key)) {
    if (field === undefined) return { round: key };
    if (ROUND_FIELDS.has(field)) return { round: key, field: field as keyof ReviewRound };
  }
  if (
    head === 'checklist' &&
    (CHECKLIST_KEYS as readonly string[]).includes(key) &&
    CHECKLIST_FIELDS.has(field ?? '')
  )
    return { check: key as ChecklistKey, field: field as keyof ChecklistItem };
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
  if ('round' in at) {
    const round = plan.reviewRounds[at.round];
    return at.field ? round?.[at.field] : round;
  }
  if ('check' in at) return plan.checklist[at.check][at.field];
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
    } else if ('round' in at) {
      let rounds = { ...next.reviewRounds };
      if (at.field === undefined) {
        if (value === null)
          rounds = Object.fromEntries(Object.entries(rounds).filter(([id]) => id !== at.round));
        else rounds[at.round] = value as ReviewRound;
      } else {
        const round = rounds[at.round];
        // A field of a round someone removed meanwhile is dropped with the round.
        if (round) rounds[at.round] = { ...round, [at.field]: value };
      }
      next = { ...next, reviewRounds: rounds };
    } else if ('check' in at) {
      const item = next.checklist[at.check];
      next = { ...next, checklist: { ...next.checklist, [at.check]: { ...item, [at.field]: value } } };
    } else {
      next = { ...next, [at.field]: value };
    }
  }
  return next;
}
