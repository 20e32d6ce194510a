import { z } from 'zod';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { answerSchemaFor, answerToFieldText, type FormTemplate } from '@shared/forms/builtin';

/** Form fields hold the text the user typed, one per question name. */
export type AnswerFields = Record<string, string>;

export function answersSchema(form: FormTemplate) {
  return z.object(Object.fromEntries(form.questions.map((q) => [q.name, answerSchemaFor(q)])));
}

export function fieldsFromResponse(form: FormTemplate, doc: ResponseDoc): AnswerFields {
  return Object.fromEntries(
    form.questions.map((q) => [q.name, answerToFieldText(doc.answers[q.name]?.value)]),
  );
}

/**
 * The value to store for what was typed. Text that does not (yet) parse, such as
 * "12a" in a number field, is stored as typed: a draft never loses a word, and the
 * field shows why it is not valid.
 */
export function valueToStore(form: FormTemplate, name: string, text: string): AnswerValue {
  const question = form.questions.find((q) => q.name === name);
  if (!question) return text;
  const parsed = answerSchemaFor(question).safeParse(text);
  return parsed.success ? parsed.data : text;
}

export const newResponseSchema = z.object({
  templateId: z.string().min(1, 'Choose a questionnaire'),
  cycle: z
    .string()
    .regex(/^\d{4}$/, 'Enter a year such as 2026')
    .refine((y) => Number(y) >= 2000 && Number(y) <= 2100, 'Enter a year from 2000 to 2100'),
});
export type NewResponseForm = z.infer<typeof newResponseSchema>;
