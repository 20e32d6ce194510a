/**
 * The short institute profile, written as a template in code: a quick first form for a
 * new institute, and a small fixture for the data-layer tests.
 */
import type { Template } from './model';

const en = (text: string) => ({ 'English (en)': text });

export const instituteProfileTemplate: Template = {
  id: 'institute_profile',
  version: '2026.1',
  title: 'Institute profile',
  defaultLanguage: 'English (en)',
  languages: ['English (en)'],
  leftOut: [],
  items: [
    {
      kind: 'question',
      type: 'text',
      name: 'director_name',
      row: 2,
      label: en('Name of the director'),
      required: true,
    },
    {
      kind: 'question',
      type: 'integer',
      name: 'staff_total',
      row: 3,
      label: en('Technical staff (head count)'),
      hint: en('People who perform or check calibrations and measurements.'),
      constraint: '. >= 0 and . <= 10000',
      constraintMessage: en('Enter a number from 0 to 10000.'),
    },
    {
      kind: 'question',
      type: 'select_one',
      name: 'quality_system',
      row: 4,
      label: en('Quality system status'),
      listName: 'quality_system',
      appearance: 'minimal',
    },
    {
      kind: 'question',
      type: 'text',
      name: 'main_needs',
      row: 5,
      label: en('Main needs for the coming year'),
      hint: en('Training, equipment, traceability, comparisons, peer review…'),
      appearance: 'multiline',
    },
  ],
  choiceLists: {
    quality_system: [
      { name: 'none', label: en('No quality system yet') },
      { name: 'developing', label: en('Being developed') },
      { name: 'implemented', label: en('Implemented, not yet reviewed') },
      { name: 'approved', label: en('Approved by the RMO') },
    ],
  },
};
