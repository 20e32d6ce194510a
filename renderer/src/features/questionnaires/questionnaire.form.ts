import { z } from 'zod';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import type { QuestionItem } from '@shared/forms/model';
import { inputFromValue, valueFromInput } from '@shared/forms/rules';

/**
 * react-hook-form treats dots in a field name as nesting; question names may contain
 * dots, so they are swapped for a character names never contain.
 */
const DOT_STANDIN = '\u2024';
export const fieldName = (key: string): string => key.replaceAll('.', DOT_STANDIN);
export const keyOfField = (name: string): string => name.replaceAll(DOT_STANDIN, '.');

export type FieldValue = string | string[] | boolean;
export type FieldValues = Record<string, FieldValue>;

/** What an input shows for one stored answer. */
export function inputValue(value: AnswerValue | undefined): FieldValue {
  return Array.isArray(value) ? value : inputFromValue(value);
}

/** What each input shows for the stored answers: text, a list of choices, or a tick. */
export function fieldValuesFrom(doc: ResponseDoc): FieldValues {
  const values: FieldValues = {};
  for (const [key, entry] of Object.entries(doc.answers)) values[fieldName(key)] = inputValue(entry.value);
  return values;
}

/** The value to store for what an input holds; text that does not parse yet is kept as typed. */
export function valueToStore(item: QuestionItem, raw: unknown): AnswerValue {
  if (item.type === 'select_multiple') {
    if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
    return typeof raw === 'string' && raw !== '' ? [raw] : [];
  }
  if (item.type === 'acknowledge') return raw === true || raw === 'OK' ? 'OK' : null;
  if (typeof raw !== 'string') return null;
  return valueFromInput(item, raw);
}

export const newResponseSchema = z.object({
  templateKey: z.string().min(1, 'Choose a questionnaire'),
  cycle: z
    .string()
    .regex(/^\d{4}$/, 'Enter a year such as 2026')
    .refine((y) => Number(y) >= 2000 && Number(y) <= 2100, 'Enter a year from 2000 to 2100'),
  copyForward: z.boolean(),
});
export type NewResponseForm = z.infer<typeof newResponseSchema>;

/** A template is chosen by id and version together. */
export const templateKey = (id: string, version: string): string => `${id}@${version}`;
export function parseTemplateKey(key: string): { id: string; version: string } {
  const at = key.lastIndexOf('@');
  return { id: key.slice(0, at), version: key.slice(at + 1) };
}
