/**
 * A CMC plan: an institute's road to one Calibration and Measurement Capability published
 * in the KCDB, on the KCDB taxonomy (area → branch → service), with the capability as it
 * would be submitted and the milestones of the review path.
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
  CONFIDENCE_LEVELS,
  MILESTONE_KEYS,
  MILESTONE_STATUSES,
  SUPPORT_TYPES,
  type MilestoneKey,
} from '../../cmc/milestones';
import { baseDocShape } from '../base';

export const CMCPLAN_SCHEMA_VERSION = 1;

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

export const cmcPlanShape = {
  ...baseDocShape,
  type: z.literal('cmcplan'),
  schemaVersion: z.literal(CMCPLAN_SCHEMA_VERSION),
  /** KCDB metrology area code, e.g. M. */
  area: z.string(),
  branch: z.string(),
  service: z.string(),
  quantity: z.string(),
  instrument: z.string(),
  /** Instrument type or method. */
  instrumentType: z.string(),
  rangeMin: typedNumber,
  rangeMax: typedNumber,
  rangeUnit: z.string(),
  parameters: z.string(),
  uncertaintyValue: typedNumber,
  uncertaintyUnit: z.string(),
  coverageFactor: typedNumber,
  confidenceLevel: z.union([z.enum(CONFIDENCE_LEVELS), z.literal('')]),
  /** The level of confidence in words, when `confidenceLevel` is `stated`. */
  confidenceStated: z.string(),
  relative: z.boolean(),
  referenceStandard: z.string(),
  traceabilitySource: z.string(),
  /** Identifiers of supporting comparisons, e.g. APMP.M.M-K7. */
  comparisons: z.array(z.string()),
  comments: z.string(),
  /** The institute's own identifier for the service. */
  serviceId: z.string(),
  /** The KCDB identifier once published, e.g. APMP-M-PH-00000123-1. */
  kcdbId: z.string(),
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

export function emptyMilestone(): Milestone {
  return { status: 'not_started', planned: '', actual: '', notes: '', support: [], provider: '' };
}

/** The fields of a new plan in an area, branch and service; everything else empty. */
export function newCmcPlanFields(area: string, branch: string, service: string): CmcPlanFields {
  return {
    area,
    branch,
    service,
    quantity: '',
    instrument: '',
    instrumentType: '',
    rangeMin: null,
    rangeMax: null,
    rangeUnit: '',
    parameters: '',
    uncertaintyValue: null,
    uncertaintyUnit: '',
    coverageFactor: null,
    confidenceLevel: '',
    confidenceStated: '',
    relative: false,
    referenceStandard: '',
    traceabilitySource: '',
    comparisons: [],
    comments: '',
    serviceId: '',
    kcdbId: '',
    milestones: Object.fromEntries(
      MILESTONE_KEYS.map((key) => [key, emptyMilestone()]),
    ) as CmcPlanFields['milestones'],
  };
}
