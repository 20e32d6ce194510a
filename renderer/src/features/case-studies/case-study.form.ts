/**
 * The story editor's form values (react-hook-form) and how a changed field becomes the
 * patch the store saves. SDG numbers are strings in checkboxes and numbers in the story.
 */
import { z } from 'zod';
import type { CaseStudyDoc, Indicator, Quote } from '@shared/docs/casestudy/schema';
import type { EditableField, StoryPatch } from '@shared/case-studies/workflow';

export interface StoryFormValues {
  title: string;
  economy: string;
  leverageArea: string;
  sdgs: string[];
  areas: string[];
  context: string;
  challenge: string;
  actions: string;
  partners: string;
  results: string;
  impact: string;
  lessons: string;
  indicators: Indicator[];
  quotes: Quote[];
}

export const EDITABLE_FIELDS: readonly EditableField[] = [
  'title',
  'economy',
  'leverageArea',
  'sdgs',
  'areas',
  'context',
  'challenge',
  'actions',
  'partners',
  'results',
  'impact',
  'lessons',
  'indicators',
  'quotes',
];

export function isEditableField(name: string): name is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(name);
}

export function formValuesOf(doc: CaseStudyDoc): StoryFormValues {
  return {
    title: doc.title,
    economy: doc.economy,
    leverageArea: doc.leverageArea,
    sdgs: doc.sdgs.map(String),
    areas: [...doc.areas],
    context: doc.context,
    challenge: doc.challenge,
    actions: doc.actions,
    partners: doc.partners,
    results: doc.results,
    impact: doc.impact,
    lessons: doc.lessons,
    indicators: doc.indicators.map((i) => ({ ...i })),
    quotes: doc.quotes.map((q) => ({ ...q })),
  };
}

const sdgList = z
  .array(z.coerce.number().int().min(1).max(17))
  .transform((list) => [...new Set(list)].sort((a, b) => a - b));

/** The stored value of one form field. */
export function patchOf(field: EditableField, values: Partial<StoryFormValues>): StoryPatch {
  switch (field) {
    case 'sdgs':
      return { sdgs: sdgList.parse(values.sdgs ?? []) };
    case 'areas':
      return { areas: [...new Set((values.areas ?? []).filter(Boolean))] };
    case 'indicators':
      return { indicators: (values.indicators ?? []).map((i) => ({ ...i })) };
    case 'quotes':
      return { quotes: (values.quotes ?? []).map((q) => ({ ...q })) };
    default:
      return { [field]: values[field] ?? '' };
  }
}

/** The form value of one stored field, to compare and to take a colleague's change. */
export function formValueOf(doc: CaseStudyDoc, field: EditableField): StoryFormValues[EditableField] {
  return formValuesOf(doc)[field];
}
