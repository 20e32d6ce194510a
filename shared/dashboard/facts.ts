/**
 * What dashboards need from a response, taken once when the projector reads it (so charts
 * work from indexed rows, not from documents): the committee's needs per area with their
 * priority, and the key annual indicators. The names are those of the shipped DEC
 * assessment (scripts/templates/dec-capacity-needs.ts); other questionnaires give none.
 */
import { needsFromAnswers, type NeedType } from '../cmc/matching';
import type { AnswerValue } from '../docs/response/schema';

export const INDICATORS = [
  { key: 'calibrations', question: 'ind_calibrations', label: 'Calibration certificates issued' },
  { key: 'customers', question: 'ind_customers', label: 'Customers served' },
  { key: 'staffTrained', question: 'ind_staff_trained', label: 'Staff trained' },
  { key: 'cmcsSubmitted', question: 'ind_cmcs_submitted', label: 'CMCs submitted for review' },
  { key: 'cmcsPublished', question: 'ind_cmcs_published', label: 'CMCs published' },
] as const;

export type IndicatorKey = (typeof INDICATORS)[number]['key'];
export type Indicators = Partial<Record<IndicatorKey, number>>;

export interface NeedFact {
  area: string;
  type: NeedType;
  /** 1 = highest … 5 = lowest; absent when not given. */
  priority?: number;
}

export interface ResponseFacts {
  needs: NeedFact[];
  indicators: Indicators;
}

export function responseFacts(answers: Readonly<Record<string, AnswerValue>>): ResponseFacts {
  const indicators: Indicators = {};
  for (const { key, question } of INDICATORS) {
    const value = answers[question];
    if (typeof value === 'number' && Number.isFinite(value)) indicators[key] = value;
  }
  const needs = needsFromAnswers('', answers).map(({ area, type, priority }) => ({
    area,
    type,
    ...(priority !== undefined ? { priority } : {}),
  }));
  return { needs, indicators };
}
