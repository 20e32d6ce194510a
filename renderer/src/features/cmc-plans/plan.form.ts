/**
 * Forms of the CMC plans feature: the new-plan form (zod, through react-hook-form's
 * resolver), and how the editor's inputs turn into stored values — numbers as numbers, text
 * that is not a number yet kept as typed (the rules in shared/cmc/validate.ts explain it),
 * comparisons as a list.
 */
import { z } from 'zod';
import { parsePlanPath } from '@shared/cmc/plan-edit';
import { numberOf } from '@shared/cmc/validate';
import type { CmcPlanFields } from '@shared/docs/cmcplan/schema';

export const OTHER_BRANCH = '__other__';

export const newPlanSchema = z
  .object({
    area: z.string().min(1, 'Choose the metrology area of the capability.'),
    branch: z.string().min(1, 'Choose a branch, or “Another branch” and type its name.'),
    otherBranch: z.string(),
    service: z
      .string()
      .trim()
      .min(1, 'Say which service the CMC is for, e.g. Calibration of weights.')
      .max(200, 'Keep the service under 200 characters; details go in the plan.'),
  })
  .superRefine((form, ctx) => {
    if (form.branch === OTHER_BRANCH && !form.otherBranch.trim())
      ctx.addIssue({ code: 'custom', path: ['otherBranch'], message: 'Type the name of the branch.' });
  });
export type NewPlanForm = z.infer<typeof newPlanSchema>;

/** The editor's form values: text in every input, ticks as booleans or lists. */
export type PlanFormValues = Record<string, string | boolean | string[]>;

/** Fields whose input is text that should become a number. */
const NUMBER_FIELDS = new Set(['rangeMin', 'rangeMax', 'uncertaintyMin', 'uncertaintyMax', 'coverageFactor']);
/** Parts edited by their own components (lists and rounds), recorded whole. */
const OWN_EDITORS = new Set(['milestones', 'reviewRounds', 'checklist', 'parameterList', 'uncertaintyTable']);

/** react-hook-form reads dots in names as nesting; paths use them, so they are swapped. */
export const inputName = (path: string): string => path.replaceAll('.', '__');
export const pathOfInput = (name: string): string => name.replaceAll('__', '.');

function textOf(value: number | string | null): string {
  return value === null ? '' : String(value);
}

/** What each input shows for a stored plan. */
export function formValuesOf(plan: CmcPlanFields): PlanFormValues {
  const values: PlanFormValues = {};
  for (const [field, value] of Object.entries(plan)) {
    if (OWN_EDITORS.has(field)) continue;
    if (NUMBER_FIELDS.has(field)) values[inputName(field)] = textOf(value as number | string | null);
    else if (field === 'comparisons') values[inputName(field)] = (value as string[]).join(', ');
    else values[inputName(field)] = value as string | boolean;
  }
  for (const [key, milestone] of Object.entries(plan.milestones)) {
    for (const [field, value] of Object.entries(milestone))
      values[inputName(`milestones.${key}.${field}`)] = value as string | string[];
  }
  for (const [key, item] of Object.entries(plan.checklist)) {
    values[inputName(`checklist.${key}.done`)] = item.done;
    values[inputName(`checklist.${key}.note`)] = item.note;
  }
  for (const [id, round] of Object.entries(plan.reviewRounds)) {
    for (const [field, value] of Object.entries(round))
      values[inputName(`reviewRounds.${id}.${field}`)] = value as string | boolean;
  }
  return values;
}

/** The value to store for what an input holds at `path`. */
export function storedValue(path: string, raw: unknown): unknown {
  const at = parsePlanPath(path);
  if (!at) throw new Error(`No plan field ${path}`);
  if ('milestone' in at) {
    if (at.field === 'support') return Array.isArray(raw) ? raw : typeof raw === 'string' && raw ? [raw] : [];
    return typeof raw === 'string' ? raw : '';
  }
  if ('check' in at) return at.field === 'done' ? raw === true : typeof raw === 'string' ? raw : '';
  if ('round' in at) {
    if (at.field === undefined) return raw;
    return at.field === 'returned' ? raw === true : typeof raw === 'string' ? raw : '';
  }
  if (OWN_EDITORS.has(at.field)) return raw;
  if (at.field === 'comparisons')
    return typeof raw === 'string'
      ? raw
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const text = typeof raw === 'string' ? raw : '';
  if (NUMBER_FIELDS.has(at.field)) {
    if (text.trim() === '') return null;
    const number = numberOf(text);
    return typeof number === 'number' ? number : text;
  }
  return text;
}

/** The secretariat's branch form (taxonomy screen). */
export const branchFormSchema = z.object({
  name: z.string().trim().min(1, 'Give the branch a name.').max(120, 'Keep the name under 120 characters.'),
  /** One service per line. */
  services: z.string(),
});
export type BranchForm = z.infer<typeof branchFormSchema>;

export const areaFormSchema = z.object({
  name: z.string().trim().max(120, 'Keep the name under 120 characters.'),
});
export type AreaForm = z.infer<typeof areaFormSchema>;

export function servicesFromText(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
