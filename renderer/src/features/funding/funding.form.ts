/**
 * The funding feature's forms (react-hook-form with zod): a funder, a programme with one call,
 * a ledger entry, an activity with its expected results, a reached value, a follow-up. Numbers are kept as typed
 * while they are not numbers, as everywhere else; dates are yyyy-mm-dd from date inputs.
 */
import { z } from 'zod';
import { FOLLOWUP_USES, FUNDER_KINDS, SUPPORT_KINDS, SUPPORT_STATUSES } from '@shared/funding/kinds';

const name = (what: string) =>
  z.string().trim().min(1, `Give the ${what} a name.`).max(200, 'Keep it under 200 characters.');
const date = z.union([
  z.literal(''),
  z.iso.date({ message: 'Write the date as yyyy-mm-dd, e.g. 2027-03-31.' }),
]);

export const funderFormSchema = z.object({
  name: name('funder'),
  kind: z.enum(FUNDER_KINDS),
  website: z.string().max(500),
  contacts: z.string().max(1000),
});
export type FunderForm = z.infer<typeof funderFormSchema>;

export const programmeFormSchema = z.object({
  name: name('programme'),
  areas: z.array(z.string()),
  leverageAreas: z.array(z.string()),
  supportKinds: z.array(z.enum(SUPPORT_KINDS)),
  sdgs: z.string().refine(
    (s) =>
      s
        .split(/[,\s]+/)
        .filter(Boolean)
        .every((n) => /^(1[0-7]|[1-9])$/.test(n)),
    {
      message: 'Give SDG numbers from 1 to 17, separated by commas.',
    },
  ),
  eligibility: z.string().max(4000),
  howToApply: z.string().max(4000),
  contacts: z.string().max(1000),
  callTitle: z.string().max(200),
  deadline: date,
});
export type ProgrammeForm = z.infer<typeof programmeFormSchema>;

export const OTHER_FUNDER = '__other__';

export const supportFormSchema = z
  .object({
    funder: z.string(),
    funderText: z.string().max(300),
    provider: z.string(),
    kind: z.enum(SUPPORT_KINDS),
    amount: z.string().refine((s) => s.trim() === '' || Number.isFinite(Number(s)), {
      message: 'Write the amount as a number, e.g. 12000 (no currency sign, no thousands commas).',
    }),
    currency: z.string().max(10),
    start: date,
    end: date,
    area: z.string(),
    needs: z.array(z.string()),
    status: z.enum(SUPPORT_STATUSES),
    results: z.string().max(4000),
  })
  .superRefine((form, ctx) => {
    if ((form.funder === '' || form.funder === OTHER_FUNDER) && !form.funderText.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['funderText'],
        message: 'Choose a funder from the map, or type its name.',
      });
    if (form.start && form.end && form.end < form.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end comes before the start.' });
    if (form.amount.trim() && !form.currency.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'Say the currency of the amount, e.g. EUR.',
      });
  });
export type SupportForm = z.infer<typeof supportFormSchema>;

export const activityFormSchema = z
  .object({
    title: name('activity'),
    objective: z.string().max(4000),
    workPackage: z.string(),
    lead: z.string().max(200),
    budget: z.string().refine((s) => s.trim() === '' || Number.isFinite(Number(s)), {
      message: 'Write the budget as a number, e.g. 24000.',
    }),
    currency: z.string().max(10),
    funder: z.string(),
    start: date,
    end: date,
    participants: z.array(z.string()),
    results: z.array(
      z.object({
        result: z.string().trim().min(1, 'Say the expected result.'),
        indicator: z.string().trim().min(1, 'Say how it is measured.'),
        baseline: z.string(),
        target: z.string().refine((s) => Number.isFinite(Number(s)) && s.trim() !== '', {
          message: 'Give the target as a number.',
        }),
        unit: z.string(),
      }),
    ),
  })
  .superRefine((form, ctx) => {
    if (form.start && form.end && form.end < form.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end comes before the start.' });
    if (form.participants.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['participants'],
        message: 'Choose at least one participating institute.',
      });
  });
export type ActivityForm = z.infer<typeof activityFormSchema>;

export const reachedFormSchema = z.object({
  result: z.string().min(1),
  value: z.string().refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), {
    message: 'Give the value reached as a number, e.g. 4.',
  }),
  on: z.iso.date({ message: 'Give the day it was known, e.g. 2027-03-31.' }),
  source: z
    .string()
    .trim()
    .min(1, 'Say where the value comes from, e.g. a follow-up, a report or a visit.')
    .max(500, 'Keep it under 500 characters.'),
});
export type ReachedForm = z.infer<typeof reachedFormSchema>;

export const followupFormSchema = z.object({
  uses: z.array(z.enum(FOLLOWUP_USES)),
  story: z.string().max(4000),
  indicators: z.record(z.string(), z.string()),
});
export type FollowupForm = z.infer<typeof followupFormSchema>;

/** "12 000" or "" as stored: a number, or null when empty. */
export function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** A funder and programme chosen in one select: `funder:<id>|<programme id>`. */
export function funderChoice(funderId: string, programmeId: string): string {
  return funderId ? `${funderId}|${programmeId}` : '';
}
export function parseFunderChoice(value: string): { funderId: string; programmeId: string } {
  if (!value || value === OTHER_FUNDER) return { funderId: '', programmeId: '' };
  const [funderId = '', programmeId = ''] = value.split('|');
  return { funderId, programmeId };
}
