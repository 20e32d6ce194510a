/**
 * A CMC plan: an institute's road to one Calibration and Measurement Capability published
 * in the KCDB, on the KCDB classification (area → branch → service → sub-service →
 * individual service), with the capability as the KCDB 2.0 holds it (shared/cmc/families.ts
 * for what each family adds), the milestones of the review path, the review rounds, the
 * checklist before submission and, once published, when it is due for re-review.
 *
 * Like answers, what a person types is stored even when it is not valid yet: a number
 * field holds a number, or the text typed ("0,5 mg") until it is corrected; the rules
 * (min ≤ max, uncertainty > 0, dates in order…) live in shared/cmc/validate.ts and are
 * explained on screen, never enforced by refusing to save. Milestones are keyed by their
 * name so that two people completing different milestones offline merge field by field.
 */
import { z } from 'zod';
import { cmcPlanId } from '../../ids';
import {
  CHECKLIST_KEYS,
  CONFIDENCE_LEVELS,
  MILESTONE_KEYS,
  ROUND_STAGES,
  MILESTONE_STATUSES,
  SUPPORT_TYPES,
  type ChecklistKey,
  type MilestoneKey,
} from '../../cmc/milestones';
import { baseDocShape } from '../base';

export const CMCPLAN_SCHEMA_VERSION = 2;

/** A number, or what was typed while it is not one yet; null when empty. */
const typedNumber = z.union([z.number().finite(), z.string(), z.null()]);

export const milestoneSchema = z.object({
  status: z.enum(MILESTONE_STATUSES),
  /** yyyy-mm-dd, or what was typed while it is not a date yet; '' when not set. */
  planned: z.string(),
  actual: z.string(),
  notes: z.string(),
  support: z.array(z.enum(SUPPORT_TYPES)),
  /** The institute (slug) or programme chosen to provide the support; '' when none. */
  provider: z.string(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

const localId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Use a short id of letters, digits or hyphens');

/** A parameter of the measurement (KCDB: name and value), with its value or range and unit. */
export const parameterSchema = z.object({
  id: localId,
  name: z.string(),
  /** A value or a range as typed, e.g. "20" or "10 to 1000". */
  value: z.string(),
  unit: z.string(),
});
export type CmcParameter = z.infer<typeof parameterSchema>;

/** One row of an uncertainty table: at this value of the measurand, this expanded uncertainty. */
export const uncertaintyRowSchema = z.object({
  id: localId,
  value: typedNumber,
  uncertainty: typedNumber,
});
export type UncertaintyRow = z.infer<typeof uncertaintyRowSchema>;

/**
 * A round of review: the comments received from the reviewers (when, from whom, what), the
 * institute's answers, and the resubmission when the reviewers sent the CMC back.
 */
export const reviewRoundSchema = z.object({
  /** The stage of the submission path the comments came from. */
  stage: z.enum(ROUND_STAGES),
  /** yyyy-mm-dd, or what was typed. */
  received: z.string(),
  /** Who sent the comments, e.g. "APMP TCM reviewer (KRISS)". */
  from: z.string(),
  comments: z.string(),
  answered: z.string(),
  answer: z.string(),
  /** True when the reviewers sent the CMC back to be revised and resubmitted. */
  returned: z.boolean(),
  resubmitted: z.string(),
});
export type ReviewRound = z.infer<typeof reviewRoundSchema>;

export const checklistItemSchema = z.object({ done: z.boolean(), note: z.string() });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const cmcPlanShape = {
  ...baseDocShape,
  type: z.literal('cmcplan'),
  schemaVersion: z.literal(CMCPLAN_SCHEMA_VERSION),
  /** KCDB metrology area code, e.g. M. */
  area: z.string(),
  /** Branch (physics, RI) or category (QM). */
  branch: z.string(),
  /** Service (QM: sub-category). */
  service: z.string(),
  subService: z.string(),
  individualService: z.string(),
  /** The KCDB's classification code where known, e.g. 9.10.2; '' when not known. */
  serviceCode: z.string(),
  quantity: z.string(),
  instrument: z.string(),
  instrumentType: z.string(),
  /** Measurement method (QM: measurement technique). */
  method: z.string(),
  // Chemistry and biology (QM)
  analyte: z.string(),
  matrix: z.string(),
  /** Whether the service is a certified reference material; '' while not said. */
  crm: z.enum(['', 'yes', 'no']),
  deliveryMechanism: z.string(),
  // Ionizing radiation (RI)
  /** Nuclide or radiation type, e.g. Cs-137, or "X-rays, ISO 4037 N-60". */
  nuclide: z.string(),
  source: z.string(),
  medium: z.string(),
  rangeMin: typedNumber,
  rangeMax: typedNumber,
  rangeUnit: z.string(),
  parameterList: z.array(parameterSchema).max(30),
  /**
   * The expanded uncertainty as the KCDB takes it: a range (min–max, one unit), an equation in
   * the measurand (with the range it gives), or a table of values.
   */
  uncertaintyForm: z.enum(['range', 'equation', 'table']),
  uncertaintyMin: typedNumber,
  uncertaintyMax: typedNumber,
  uncertaintyUnit: z.string(),
  uncertaintyMode: z.enum(['absolute', 'relative']),
  uncertaintyEquation: z.string(),
  uncertaintyTable: z.array(uncertaintyRowSchema).max(100),
  coverageFactor: typedNumber,
  confidenceLevel: z.union([z.enum(CONFIDENCE_LEVELS), z.literal('')]),
  /** The level of confidence in words, when `confidenceLevel` is `stated`. */
  confidenceStated: z.string(),
  referenceStandard: z.string(),
  traceabilitySource: z.string(),
  /** KCDB identifiers of supporting comparisons, e.g. CCM.M-K4, APMP.M.M-K5. */
  comparisons: z.array(z.string()),
  /** An international standard the service follows, e.g. ISO 376, OIML R 111-1. */
  internationalStandard: z.string(),
  comments: z.string(),
  /** The institute's own identifier for the service. */
  serviceId: z.string(),
  /** The KCDB identifier once published, e.g. APMP-EM-KR-000006OF-2. */
  kcdbId: z.string(),
  /** Review rounds keyed by id, so that two people recording rounds offline keep both. */
  reviewRounds: z.record(localId, reviewRoundSchema),
  /** The checklist before submission, item by item. */
  checklist: z.object(
    Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, checklistItemSchema])) as Record<
      ChecklistKey,
      typeof checklistItemSchema
    >,
  ),
  /** After publication: when the CMC is due for re-review (yyyy-mm-dd, or as typed). */
  maintenanceDue: z.string(),
  milestones: z.object(
    Object.fromEntries(MILESTONE_KEYS.map((key) => [key, milestoneSchema])) as Record<
      MilestoneKey,
      typeof milestoneSchema
    >,
  ),
};

export const cmcPlanSchema = z.object(cmcPlanShape).superRefine((doc, ctx) => {
  const prefix = cmcPlanId(doc.org, '');
  if (!doc._id.startsWith(prefix) || doc._id.length === prefix.length) {
    ctx.addIssue({ code: 'custom', path: ['_id'], message: `The id must start with ${prefix}` });
  }
});

export type CmcPlanDoc = z.infer<typeof cmcPlanSchema>;
export type CmcPlanFields = Omit<CmcPlanDoc, keyof typeof baseDocShape | 'type'>;

export function emptyChecklist(): CmcPlanFields['checklist'] {
  return Object.fromEntries(
    CHECKLIST_KEYS.map((key) => [key, { done: false, note: '' }]),
  ) as CmcPlanFields['checklist'];
}

export function emptyMilestone(): Milestone {
  return { status: 'not_started', planned: '', actual: '', notes: '', support: [], provider: '' };
}

/** The fields of a new plan in an area, branch and service; everything else empty. */
export function newCmcPlanFields(area: string, branch: string, service: string): CmcPlanFields {
  return {
    area,
    branch,
    service,
    subService: '',
    individualService: '',
    serviceCode: '',
    quantity: '',
    instrument: '',
    instrumentType: '',
    method: '',
    analyte: '',
    matrix: '',
    crm: '',
    deliveryMechanism: '',
    nuclide: '',
    source: '',
    medium: '',
    rangeMin: null,
    rangeMax: null,
    rangeUnit: '',
    parameterList: [],
    uncertaintyForm: 'range',
    uncertaintyMin: null,
    uncertaintyMax: null,
    uncertaintyUnit: '',
    uncertaintyMode: 'absolute',
    uncertaintyEquation: '',
    uncertaintyTable: [],
    coverageFactor: null,
    confidenceLevel: '',
    confidenceStated: '',
    referenceStandard: '',
    traceabilitySource: '',
    comparisons: [],
    internationalStandard: '',
    comments: '',
    serviceId: '',
    kcdbId: '',
    reviewRounds: {},
    checklist: emptyChecklist(),
    maintenanceDue: '',
    milestones: Object.fromEntries(
      MILESTONE_KEYS.map((key) => [key, emptyMilestone()]),
    ) as CmcPlanFields['milestones'],
  };
}
