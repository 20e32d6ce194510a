/** The DEN2DEN forms (react-hook-form with zod): an offer, a request, an answer, an outcome. */
import { z } from 'zod';
import { OFFER_KINDS, OUTCOME_RESULTS, PROVIDER_ANSWERS } from '@shared/den2den/kinds';

const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`);

export const offerFormSchema = z.object({
  kind: z.enum(OFFER_KINDS),
  area: z.string(),
  title: z
    .string()
    .trim()
    .min(1, 'Say in a few words what is offered.')
    .max(200, 'Keep it under 200 characters.'),
  description: text(4000),
  contact: z
    .string()
    .trim()
    .min(1, 'Say whom to contact, and how.')
    .max(500, 'Keep it under 500 characters.'),
  publish: z.boolean(),
});
export type OfferForm = z.infer<typeof offerFormSchema>;

export const requestFormSchema = z.object({
  provider: z.string().min(1, 'Choose the institute you ask.'),
  kind: z.enum(OFFER_KINDS),
  area: z.string(),
  title: z
    .string()
    .trim()
    .min(1, 'Say in a few words what you ask for.')
    .max(200, 'Keep it under 200 characters.'),
  message: text(4000),
  wanted: text(200),
  needRef: z.string(),
  offerId: z.string(),
});
export type RequestForm = z.infer<typeof requestFormSchema>;

export const answerFormSchema = z
  .object({ answer: z.enum(PROVIDER_ANSWERS), note: text(4000) })
  .superRefine((form, ctx) => {
    if (form.answer === 'proposed' && !form.note.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Say what you propose instead (dates, terms).',
      });
  });
export type AnswerForm = z.infer<typeof answerFormSchema>;

export const outcomeFormSchema = z.object({
  result: z.enum(OUTCOME_RESULTS),
  on: z.union([z.literal(''), z.iso.date({ message: 'Write the date as yyyy-mm-dd, e.g. 2027-03-31.' })]),
  summary: z.string().trim().min(1, 'Say in a sentence or two how it went.').max(4000),
});
export type OutcomeForm = z.infer<typeof outcomeFormSchema>;
