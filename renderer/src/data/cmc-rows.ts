/**
 * Read-model rows of the CMC plans feature (Dexie version 5; review rounds from version 8): one row per plan with what
 * lists, the timeline and matching need (stage, next due date, milestones), the needs and
 * capabilities each questionnaire response states, and from the library the taxonomy's
 * corrections and the provider summaries the secretariat shares.
 */
import {
  capabilitiesFromAnswers,
  needsFromAnswers,
  type Capability,
  type Need,
  type PlanForMatching,
} from '@shared/cmc/matching';
import { nextDue, stageIndex, stageOf, type Stage } from '@shared/cmc/stage';
import { returnedRounds } from '@shared/cmc/review';
import { validatePlan } from '@shared/cmc/validate';
import type { CapabilityDoc, CapabilityEntry } from '@shared/docs/capability/schema';
import type { CmcPlanDoc, CmcPlanFields } from '@shared/docs/cmcplan/schema';
import { answerValues } from '@shared/docs/response/edit';
import type { ResponseDoc } from '@shared/docs/response/schema';
import type { TaxonomyDoc } from '@shared/docs/taxonomy/schema';
import type { TaxonomyCorrection } from '@shared/cmc/taxonomy';
import type { MilestoneKey } from '@shared/cmc/milestones';

export interface CmcPlanRow {
  id: string;
  org: string;
  area: string;
  branch: string;
  service: string;
  quantity: string;
  stage: Stage;
  /** 0 (quality system) … 9 (published), for sorting by how far a plan has come. */
  stageIndex: number;
  /** The earliest planned date of a milestone not done yet; '' when none is planned. */
  nextDue: string;
  nextDueKey: MilestoneKey | '';
  milestones: CmcPlanFields['milestones'];
  kcdbId: string;
  /** Review rounds recorded, and how many sent the CMC back (for "right first time"). */
  rounds: number;
  returnedRounds: number;
  /** After publication: when it is due for re-review; '' when not set. */
  maintenanceDue: string;
  /** How many of the plan's rules (validatePlan) are not met yet. */
  problems: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export function toCmcPlanRow(doc: CmcPlanDoc): CmcPlanRow {
  const stage = stageOf(doc);
  const next = nextDue(doc);
  return {
    id: doc._id,
    org: doc.org,
    area: doc.area,
    branch: doc.branch,
    service: doc.service,
    quantity: doc.quantity,
    stage,
    stageIndex: stageIndex(stage),
    nextDue: next?.planned ?? '',
    nextDueKey: next?.key ?? '',
    milestones: doc.milestones,
    kcdbId: doc.kcdbId,
    rounds: Object.keys(doc.reviewRounds).length,
    returnedRounds: returnedRounds(doc),
    maintenanceDue: doc.maintenanceDue,
    problems: validatePlan(doc).length,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}

/** A plan row as matching reads plans. */
export function planForMatching(row: CmcPlanRow): PlanForMatching {
  return {
    _id: row.id,
    org: row.org,
    area: row.area,
    branch: row.branch,
    service: row.service,
    quantity: row.quantity,
    milestones: row.milestones,
  };
}

/** What one questionnaire response says an institute needs and has. */
export interface MatchFactsRow {
  /** The response's id. */
  id: string;
  org: string;
  templateId: string;
  cycle: number;
  status: 'draft' | 'submitted';
  needs: Need[];
  capabilities: Capability[];
  updatedAt: string;
}

/** The facts of a response, or undefined when it names no need and no capability. */
export function toMatchFactsRow(doc: ResponseDoc): MatchFactsRow | undefined {
  const answers = answerValues(doc);
  const needs = needsFromAnswers(doc.org, answers);
  const capabilities = capabilitiesFromAnswers(doc.org, answers);
  if (needs.length === 0 && capabilities.length === 0) return undefined;
  return {
    id: doc._id,
    org: doc.org,
    templateId: doc.templateId,
    cycle: doc.cycle,
    status: doc.status,
    needs,
    capabilities,
    updatedAt: doc.updatedAt,
  };
}

export interface TaxonomyRow {
  id: string;
  corrections: TaxonomyCorrection[];
  updatedAt: string;
  updatedBy: string;
}

export function toTaxonomyRow(doc: TaxonomyDoc): TaxonomyRow {
  return { id: doc._id, corrections: doc.corrections, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
}

export interface ProviderSummaryRow {
  id: string;
  org: string;
  capabilities: CapabilityEntry[];
  basis: CapabilityDoc['basis'];
  updatedAt: string;
  updatedBy: string;
}

export function toProviderSummaryRow(doc: CapabilityDoc): ProviderSummaryRow {
  return {
    id: doc._id,
    org: doc.org,
    capabilities: doc.capabilities,
    basis: doc.basis,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}
