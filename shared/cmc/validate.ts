/**
 * The rules of a CMC plan in plain words, for the editor to show beside each field. A plan
 * that breaks them is still saved as typed; these rules only explain. Where each comes from:
 * the KCDB 2.0 CMC fields (shared/cmc/families.ts), the SI Brochure for units (./units.ts),
 * CIPM MRA-G-13 for the review path (./milestones.ts) and the KCDB identifier's form
 * (`<RMO>-<area>-<country>-<id>-<version>`, e.g. APMP-EM-KR-000006OF-2).
 */
import type { CmcPlanFields, Milestone } from '../docs/cmcplan/schema';
import { isIsoDate } from '../forms/rules';
import { CONFIDENCE_LEVELS, MILESTONES, SUBMISSION_PATH, type MilestoneKey } from './milestones';
import { openChecklist, roundsInOrder } from './review';
import { isKnownUnit, UNIT_EXAMPLES } from './units';

/**
 * A KCDB CMC identifier: RMO, metrology area, ISO country code, then the KCDB's own number,
 * which is letters and digits (APMP-EM-KR-000006OF-2, APMP-QM-CN-00000JZR-1), and the version.
 */
export const KCDB_ID_PATTERN = /^[A-Z]+-[A-Z]+-[A-Z]{2}-[0-9A-Z]+(-\d+)?$/;

/** A comparison's KCDB identifier: CCM.M-K4, APMP.M.M-K5, APMP.QM-S15, CCRI(I)-K2, EURAMET.T-K3.1. */
export const COMPARISON_ID_PATTERN =
  /^[A-Z][A-Za-z]*(\([IVX]+\))?(\.[A-Z][A-Za-z]*(\([IVX]+\))?)*(\.[A-Z]+)?-[KS]\d+(\.[0-9a-z]+)*$/;

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

/** %, 1, or a unit over itself with prefixes (µV/V, nm/m, µΩ/Ω, mg/kg): what a relative uncertainty is given in. */
export function isRatioUnit(text: string): boolean {
  const unit = text.trim();
  if (unit === '%' || unit === '1') return true;
  const [top, bottom, ...more] = unit.split('/');
  if (!top || !bottom || more.length > 0) return false;
  const strip = (u: string) => u.replace(/^(da|[QRYZEPTGMkhdcmµμunpfazyrq])(?=.)/, '');
  return top === bottom || strip(top) === strip(bottom) || strip(top) === bottom || top === strip(bottom);
}

function checkUncertainty(plan: CmcPlanFields, add: (field: string, message: string) => void): void {
  const positive = (field: string, value: number | string | null) => {
    const number = numberOf(value);
    if (number === undefined) add(field, NOT_A_NUMBER(value));
    else if (typeof number === 'number' && number <= 0)
      add(field, 'An expanded uncertainty must be greater than zero.');
    return number;
  };
  const min = positive('uncertaintyMin', plan.uncertaintyMin);
  const max = positive('uncertaintyMax', plan.uncertaintyMax);
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    add(
      'uncertaintyMax',
      `The largest uncertainty (${max}) is below the smallest (${min}); give the range from the smaller to the larger.`,
    );
  if (plan.uncertaintyForm === 'equation' && !plan.uncertaintyEquation.trim())
    add(
      'uncertaintyEquation',
      'Write the uncertainty as an equation in the measurand, e.g. U = (0.05 + 0.5·L) µm, L in m.',
    );
  if (plan.uncertaintyForm === 'table') {
    if (plan.uncertaintyTable.length === 0)
      add('uncertaintyTable', 'Add at least one row: a value of the measurand and its uncertainty.');
    plan.uncertaintyTable.forEach((row, i) => {
      if (numberOf(row.value) === undefined)
        add('uncertaintyTable', `Row ${i + 1}: ${NOT_A_NUMBER(row.value)}`);
      const u = numberOf(row.uncertainty);
      if (u === undefined) add('uncertaintyTable', `Row ${i + 1}: ${NOT_A_NUMBER(row.uncertainty)}`);
      else if (typeof u === 'number' && u <= 0)
        add('uncertaintyTable', `Row ${i + 1}: an expanded uncertainty must be greater than zero.`);
    });
  }
  if (plan.uncertaintyMode === 'relative' && plan.uncertaintyUnit && !isRatioUnit(plan.uncertaintyUnit))
    add(
      'uncertaintyUnit',
      `A relative uncertainty is a ratio: give it in %, as a number (unit 1) or as a ratio such as µV/V, not in ${plan.uncertaintyUnit}.`,
    );
}

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

  checkUncertainty(plan, add);
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

  for (const comparison of plan.comparisons) {
    if (!COMPARISON_ID_PATTERN.test(comparison.trim()))
      add(
        'comparisons',
        `"${comparison}" does not look like a comparison's KCDB identifier (e.g. CCM.M-K4, APMP.M.M-K5, APMP.QM-S15).`,
      );
  }

  // Milestone dates: each a date. Prerequisites are worked on side by side and have no order;
  // the submission path runs in order (CIPM MRA-G-13).
  for (const { key } of MILESTONES) {
    for (const kind of ['planned', 'actual'] as const) {
      const text = plan.milestones[key][kind].trim();
      if (text && plan.milestones[key].status !== 'not_needed' && !isIsoDate(text))
        add(`milestones.${key}.${kind}`, `"${text}" is not a date; write it as yyyy-mm-dd, e.g. 2027-03-31.`);
    }
  }
  for (const kind of ['planned', 'actual'] as const) {
    let last: { key: MilestoneKey; date: string } | undefined;
    for (const { key, label } of MILESTONES.filter((m) =>
      (SUBMISSION_PATH as readonly string[]).includes(m.key),
    )) {
      const milestone: Milestone = plan.milestones[key];
      const text = milestone[kind].trim();
      if (!text || milestone.status === 'not_needed') continue;
      const field = `milestones.${key}.${kind}`;
      if (!isIsoDate(text)) continue;
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
  if (plan.kcdbId.trim() && !KCDB_ID_PATTERN.test(plan.kcdbId.trim()))
    add(
      'kcdbId',
      `"${plan.kcdbId}" does not look like a KCDB identifier (RMO-area-country-number-version, e.g. APMP-EM-KR-000006OF-2).`,
    );
  if (published.status === 'done' && !plan.maintenanceDue.trim())
    add('maintenanceDue', 'Set the date this CMC is due for re-review, so its maintenance is planned.');
  else if (plan.maintenanceDue.trim() && !isIsoDate(plan.maintenanceDue.trim()))
    add('maintenanceDue', `"${plan.maintenanceDue}" is not a date; write it as yyyy-mm-dd, e.g. 2031-06-30.`);

  // The checklist is done before the CMC goes to the RMO technical committee.
  const submission = plan.milestones.rmo_tc.status;
  const open = openChecklist(plan);
  if ((submission === 'in_progress' || submission === 'done') && open.length > 0)
    add(
      `checklist.${open[0]?.key ?? ''}`,
      `Before submitting, check: ${open.map((item) => item.label.toLowerCase()).join('; ')}.`,
    );

  for (const { id, round } of roundsInOrder(plan.reviewRounds)) {
    for (const kind of ['received', 'answered', 'resubmitted'] as const) {
      const text = round[kind].trim();
      if (text && !isIsoDate(text))
        add(`reviewRounds.${id}.${kind}`, `"${text}" is not a date; write it as yyyy-mm-dd.`);
    }
    if (round.returned && published.status === 'done' && !round.resubmitted.trim())
      add(
        `reviewRounds.${id}.resubmitted`,
        'This round sent the CMC back and it is now published: give the date it was resubmitted.',
      );
  }
  for (const { key } of MILESTONES) {
    const milestone = plan.milestones[key];
    if (milestone.status === 'done' && !milestone.actual.trim())
      add(`milestones.${key}.actual`, 'Give the date it was done.');
  }
  return problems;
}
