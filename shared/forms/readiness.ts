/**
 * Ready to submit, or not: the one rule behind everything that says so — the runner's
 * outline and its Submit button, the questionnaires list, the dashboards, and an Excel
 * import that submits. A response (or one section of it) is ready when every required
 * relevant question has an answer and every answer given is valid (type and constraint).
 * Counting only required answers once let the outline say "7 of 7 · complete" and the
 * dashboard "Required missing 0" while Submit refused a year typed out of range.
 */
import type { FormEvaluation, SectionState } from './rules';

export interface Readiness {
  ready: boolean;
  /** Required relevant questions without an answer, in form order. */
  missing: readonly string[];
  /** Answers with a type or constraint problem, in form order. */
  invalid: readonly string[];
  /** Everything that stands between the response and Submit, each key once, in form order. */
  toFix: string[];
}

export function readinessOf(evaluation: Pick<FormEvaluation, 'missing' | 'invalid' | 'fields'>): Readiness {
  // A question is either missing (no answer) or invalid (an answer with a problem), never both.
  const blocking = new Set([...evaluation.missing, ...evaluation.invalid]);
  const toFix = [...evaluation.fields.keys()].filter((key) => blocking.has(key));
  return { ready: toFix.length === 0, missing: evaluation.missing, invalid: evaluation.invalid, toFix };
}

/**
 * A section as the outline shows it: `complete` only when every relevant question is
 * answered and none is invalid; `to-fix` when an answer must be corrected (or a required
 * one given) — even if every question has something in it.
 */
export type SectionStatus = 'complete' | 'to-fix' | 'in-progress' | 'empty';

export function sectionStatus(section: SectionState): SectionStatus {
  if (section.invalid.length > 0) return 'to-fix';
  if (section.total > 0 && section.answered === section.total && section.missing.length === 0)
    return 'complete';
  return section.answered === 0 ? 'empty' : 'in-progress';
}
