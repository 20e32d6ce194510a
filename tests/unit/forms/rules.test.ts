import { describe, expect, it } from 'vitest';
import type { Template } from '@shared/forms/model';
import {
  evaluateForm,
  filteredChoices,
  GENERAL_SECTION,
  initialAnswers,
  interpolate,
  submitAnswers,
  valueFromInput,
  type Answers,
} from '@shared/forms/rules';
import { findShippedTemplate } from '@shared/forms/shipped';

const en = (text: string) => ({ en: text });
const env = { now: new Date('2026-11-24T09:00:00Z'), user: 'Maria' };

const template: Template = {
  id: 'rules_test',
  version: '1',
  title: 'Rules',
  defaultLanguage: 'en',
  languages: ['en'],
  leftOut: [],
  choiceLists: {
    yn: [
      { name: 'yes', label: en('Yes') },
      { name: 'no', label: en('No') },
    ],
    city: [
      { name: 'manila', label: en('Manila'), extra: { country: 'ph' } },
      { name: 'cebu', label: en('Cebu'), extra: { country: 'ph' } },
      { name: 'hanoi', label: en('Hanoi'), extra: { country: 'vn' } },
    ],
  },
  items: [
    { kind: 'question', type: 'start', name: 'started', row: 2 },
    { kind: 'question', type: 'end', name: 'ended', row: 3 },
    { kind: 'question', type: 'text', name: 'director', row: 4, label: en('Director'), required: true },
    {
      kind: 'group',
      name: 'lab',
      row: 5,
      label: en('Laboratory'),
      items: [
        {
          kind: 'question',
          type: 'select_one',
          name: 'has_lab',
          row: 6,
          label: en('Lab?'),
          listName: 'yn',
          required: true,
        },
        {
          kind: 'question',
          type: 'integer',
          name: 'lab_staff',
          row: 7,
          label: en('Staff in ${director}’s lab'),
          relevant: "${has_lab} = 'yes'",
          required: true,
          constraint: '. >= 1 and . <= 500',
          constraintMessage: en('Between 1 and 500 people.'),
        },
        { kind: 'question', type: 'text', name: 'country', row: 8, label: en('Country code'), default: 'ph' },
        {
          kind: 'question',
          type: 'select_one',
          name: 'city',
          row: 9,
          label: en('City'),
          listName: 'city',
          choiceFilter: 'country = ${country}',
        },
      ],
    },
    {
      kind: 'repeat',
      name: 'support',
      row: 10,
      label: en('Support'),
      items: [
        { kind: 'question', type: 'text', name: 'provider', row: 11, label: en('Provider'), required: true },
        { kind: 'question', type: 'decimal', name: 'days', row: 12, label: en('Days'), default: '1' },
        { kind: 'question', type: 'calculate', name: 'hours', row: 13, calculation: '${days} * 8' },
      ],
    },
    { kind: 'question', type: 'calculate', name: 'total_days', row: 14, calculation: 'sum(${days})' },
    { kind: 'question', type: 'calculate', name: 'providers', row: 15, calculation: 'count(${provider})' },
  ],
};

const run = (answers: Answers) => evaluateForm(template, answers, env);

describe('form rules', () => {
  it('hides questions that are not relevant and does not count them', () => {
    const no = run({ director: 'Ana', has_lab: 'no', lab_staff: 12 });
    expect(no.fields.get('lab_staff')?.relevant).toBe(false);
    // director, has_lab, country, city are relevant; lab_staff is not, though it has an answer.
    expect(no.total).toBe(4);
    expect(no.answered).toBe(2);
    const yes = run({ director: 'Ana', has_lab: 'yes' });
    expect(yes.fields.get('lab_staff')?.relevant).toBe(true);
    expect(yes.missing).toEqual(['lab_staff']);
  });

  it('lists required answers that are missing, and answers that break a rule, in form order', () => {
    const result = run({ has_lab: 'yes', lab_staff: 900, support: ['a1'], 'support#a1/days': 'two' });
    expect(result.missing).toEqual(['director', 'support#a1/provider']);
    expect(result.invalid).toEqual(['lab_staff', 'support#a1/days']);
    expect(result.fields.get('lab_staff')?.error).toEqual({
      kind: 'constraint',
      message: en('Between 1 and 500 people.'),
      range: { min: 1, max: 500 },
    });
    expect(result.fields.get('support#a1/days')?.error).toEqual({ kind: 'decimal' });
  });

  it('keys repeat answers by instance, calculates inside each instance, and sums across them', () => {
    const answers = {
      support: ['a1', 'b2'],
      'support#a1/provider': 'PTB',
      'support#a1/days': 3,
      'support#b2/provider': 'NMIJ',
      'support#b2/days': 2.5,
    };
    const result = run(answers);
    expect(result.fields.get('support#a1/hours')?.value).toBe(24);
    expect(result.fields.get('support#b2/hours')?.value).toBe(20);
    expect(result.fields.get('total_days')?.value).toBe(5.5);
    expect(result.fields.get('providers')?.value).toBe(2);
    expect(result.blocks.get('support')?.instances).toEqual(['a1', 'b2']);
    // Removing an instance drops its answers from every rule, without touching the other's keys.
    const removed = run({ ...answers, support: ['b2'] });
    expect(removed.fields.get('total_days')?.value).toBe(2.5);
    expect(removed.fields.has('support#a1/provider')).toBe(false);
  });

  it('reports progress per section: top-level questions, groups and repeats', () => {
    const result = run({ director: 'Ana', has_lab: 'no', country: 'ph' });
    expect(result.sections.map((s) => [s.name, s.answered, s.total])).toEqual([
      [GENERAL_SECTION, 1, 1],
      ['lab', 2, 3],
      ['support', 0, 0],
    ]);
  });

  it('filters choices by the choices sheet columns', () => {
    const answers = { country: 'vn' };
    const result = run(answers);
    const field = result.fields.get('city');
    expect(field && filteredChoices(template, field).map((c) => c.name)).toEqual(['hanoi']);
  });

  it('puts answers into labels', () => {
    const result = run({ director: 'Ana' });
    expect(interpolate('Staff in ${director}’s lab', result, template, 'lab_staff')).toBe(
      'Staff in Ana’s lab',
    );
  });

  it('fills metadata and defaults when a response or a repeat instance starts, and the end time on submit', () => {
    expect(initialAnswers(template, env)).toEqual({ started: '2026-11-24T09:00:00.000Z', country: 'ph' });
    expect(initialAnswers(template, env, 'support#x1')).toEqual({ 'support#x1/days': 1 });
    expect(submitAnswers(template, env)).toEqual({ ended: '2026-11-24T09:00:00.000Z' });
  });

  it('keeps what was typed when it is not a valid number yet', () => {
    const integer = { kind: 'question', type: 'integer', name: 'n', row: 1 } as const;
    expect(valueFromInput(integer, ' 37 ')).toBe(37);
    expect(valueFromInput(integer, '37 people')).toBe('37 people');
    expect(valueFromInput(integer, '3.5')).toBe('3.5');
    expect(valueFromInput({ ...integer, type: 'decimal' }, '3.5')).toBe(3.5);
    expect(valueFromInput(integer, '')).toBeNull();
  });

  it('runs the shipped DEC assessment: repeats of needs are counted and the staff total is calculated', () => {
    const dec = findShippedTemplate('dec_capacity_needs');
    if (!dec) throw new Error('the DEC template is not shipped');
    const result = evaluateForm(
      dec,
      {
        staff_scientists: 4,
        staff_technicians: 6,
        staff_support: 2,
        need: ['n1', 'n2'],
        'need#n1/need_area': 'M',
        'need#n2/need_area': 'T',
      },
      env,
    );
    expect(result.fields.get('staff_total')?.value).toBe(12);
    expect(result.fields.get('needs_count')?.value).toBe(2);
    expect(result.missing).toContain('need#n1/need_type');
  });
});
