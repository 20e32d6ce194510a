/**
 * The rules of a CMC plan in plain words, for the editor to show beside each field. A plan
 * that breaks them is still saved as typed; these rules only explain.
 */
import type { CmcPlanFields, Milestone } from '../docs/cmcplan/schema';
import { isIsoDate } from '../forms/rules';
import { CONFIDENCE_LEVELS, MILESTONES, type MilestoneKey } from './milestones';
import { isKnownUnit, UNIT_EXAMPLES } from './units';

export interface PlanProblem {
  /** The field's path, e.g. `rangeMax` or `milestones.traceability.planned`. */
  field: string;
  message: string;
}

/** A stored number field: a number, null when empty, or the text typed while it is not a number. */
export function numberOf(value: number | string | null): number | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return value;
  const text = value.trim().replace(/\s/g, '');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

const NOT_A_NUMBER = (text: string | number | null) =>
  `"${String(text)}" is not a number; write it with a decimal point, e.g. 0.25 or 2.5e-6.`;

export function validatePlan(plan: CmcPlanFields): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!plan.area) add('area', 'Choose the metrology area.');
  const min = numberOf(plan.rangeMin);
  const max = numberOf(plan.rangeMax);
  if (min === undefined) add('rangeMin', NOT_A_NUMBER(plan.rangeMin));
  if (max === undefined) add('rangeMax', NOT_A_NUMBER(plan.rangeMax));
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    add(
      'rangeMax',
      `The maximum (${max}) is below the minimum (${min}); the range runs from the smaller to the larger.`,
    );
  if (plan.rangeUnit && !isKnownUnit(plan.rangeUnit))
    add(
      'rangeUnit',
      `"${plan.rangeUnit}" is not an SI or accepted unit the app knows; use e.g. ${UNIT_EXAMPLES}.`,
    );

  const value = numberOf(plan.uncertaintyValue);
  if (value === undefined) add('uncertaintyValue', NOT_A_NUMBER(plan.uncertaintyValue));
  else if (typeof value === 'number' && value <= 0)
    add('uncertaintyValue', 'The expanded uncertainty must be greater than zero.');
  if (plan.uncertaintyUnit && !isKnownUnit(plan.uncertaintyUnit))
    add(
      'uncertaintyUnit',
      `"${plan.uncertaintyUnit}" is not an SI or accepted unit the app knows; use e.g. ${UNIT_EXAMPLES}.`,
    );
  const k = numberOf(plan.coverageFactor);
  if (k === undefined) add('coverageFactor', NOT_A_NUMBER(plan.coverageFactor));
  else if (typeof k === 'number' && (k <= 1 || k > 4))
    add(
      'coverageFactor',
      `A coverage factor of ${k} is unusual: it must be more than 1 and at most 4 (usually 2).`,
    );
  if (plan.confidenceLevel && !(CONFIDENCE_LEVELS as readonly string[]).includes(plan.confidenceLevel))
    add('confidenceLevel', 'Choose 68.27 %, 95 %, 95.45 %, 99 %, 99.73 % or "stated".');
  if (plan.confidenceLevel === 'stated' && !plan.confidenceStated.trim())
    add('confidenceStated', 'Say how the level of confidence is stated.');

  // Milestone dates: each a date, and in the order of the review path.
  for (const kind of ['planned', 'actual'] as const) {
    let last: { key: MilestoneKey; date: string } | undefined;
    for (const { key, label } of MILESTONES) {
      const milestone: Milestone = plan.milestones[key];
      const text = milestone[kind].trim();
      if (!text || milestone.status === 'not_needed') continue;
      const field = `milestones.${key}.${kind}`;
      if (!isIsoDate(text)) {
        add(field, `"${text}" is not a date; write it as yyyy-mm-dd, e.g. 2027-03-31.`);
        continue;
      }
      if (last && text < last.date) {
        const before = MILESTONES.find((m) => m.key === last?.key)?.label ?? last.key;
        add(
          field,
          `${label} (${text}) comes before ${before} (${last.date}); the review path runs in order.`,
        );
      }
      last = { key, date: text };
    }
  }
  const published = plan.milestones.published;
  if (published.status === 'done' && !plan.kcdbId.trim())
    add('kcdbId', 'Give the KCDB identifier of the published CMC, e.g. APMP-M-PH-00000123-1.');
  if (plan.kcdbId.trim() && !/^[A-Z]+-[A-Z]+-[A-Z]{2}-\d+(-\d+)?$/.test(plan.kcdbId.trim()))
    add(
      'kcdbId',
      `"${plan.kcdbId}" does not look like a KCDB identifier (RMO-area-country-number-version, e.g. APMP-M-PH-00000123-1).`,
    );
  for (const { key } of MILESTONES) {
    const milestone = plan.milestones[key];
    if (milestone.status === 'done' && !milestone.actual.trim())
      add(`milestones.${key}.actual`, 'Give the date it was done.');
  }
  return problems;
}
