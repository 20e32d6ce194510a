/**
 * A small built-in questionnaire so the first journey works before the XLSForm
 * engine lands. Its shape is a subset of what that engine will produce.
 */
import { z } from 'zod';
import type { AnswerValue } from '../docs/response/schema';

export type QuestionType = 'text' | 'integer' | 'select_one';

export interface Choice {
  name: string;
  label: string;
}

export interface Question {
  name: string;
  type: QuestionType;
  label: string;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  choices?: readonly Choice[];
  min?: number;
  max?: number;
}

export interface FormTemplate {
  id: string;
  version: string;
  title: string;
  questions: readonly Question[];
}

export const institutionProfileForm: FormTemplate = {
  id: 'institute_profile',
  version: '2026.1',
  title: 'Institute profile',
  questions: [
    {
      name: 'director_name',
      type: 'text',
      label: 'Name of the director',
      required: true,
    },
    {
      name: 'staff_total',
      type: 'integer',
      label: 'Technical staff (head count)',
      hint: 'People who perform or check calibrations and measurements.',
      min: 0,
      max: 10000,
    },
    {
      name: 'quality_system',
      type: 'select_one',
      label: 'Quality system status',
      choices: [
        { name: 'none', label: 'No quality system yet' },
        { name: 'developing', label: 'Being developed' },
        { name: 'implemented', label: 'Implemented, not yet reviewed' },
        { name: 'approved', label: 'Approved by the RMO' },
      ],
    },
    {
      name: 'main_needs',
      type: 'text',
      label: 'Main needs for the coming year',
      hint: 'Training, equipment, traceability, comparisons, peer review…',
      multiline: true,
    },
  ],
};

export const builtinForms: readonly FormTemplate[] = [institutionProfileForm];

export function findBuiltinForm(id: string): FormTemplate | undefined {
  return builtinForms.find((form) => form.id === id);
}

/**
 * The zod schema of one question's answer as typed in a form field (strings from
 * inputs), producing the value stored in the response.
 */
export function answerSchemaFor(question: Question): z.ZodType<AnswerValue, string> {
  switch (question.type) {
    case 'integer': {
      const min = question.min ?? Number.MIN_SAFE_INTEGER;
      const max = question.max ?? Number.MAX_SAFE_INTEGER;
      return z.string().transform((text, ctx): AnswerValue => {
        const trimmed = text.trim();
        if (trimmed === '') return null;
        if (!/^-?\d+$/.test(trimmed)) {
          ctx.addIssue({ code: 'custom', message: 'Enter a whole number, such as 12' });
          return z.NEVER;
        }
        const value = Number(trimmed);
        if (value < min || value > max) {
          ctx.addIssue({ code: 'custom', message: `Enter a number from ${min} to ${max}` });
          return z.NEVER;
        }
        return value;
      });
    }
    case 'select_one': {
      const names = (question.choices ?? []).map((c) => c.name);
      return z.string().transform((text, ctx): AnswerValue => {
        if (text === '') return null;
        if (!names.includes(text)) {
          ctx.addIssue({ code: 'custom', message: 'Choose one of the listed options' });
          return z.NEVER;
        }
        return text;
      });
    }
    case 'text':
      return z.string().transform((text): AnswerValue => (text === '' ? null : text));
  }
}

/** The text shown in a form field for a stored answer. */
export function answerToFieldText(value: AnswerValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}
