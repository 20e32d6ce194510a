import { constraintMessage, hint, label, type XlsFormSource } from './write-xlsform';

const ratings = [
  ['1', '1 — poor'],
  ['2', '2 — fair'],
  ['3', '3 — good'],
  ['4', '4 — very good'],
  ['5', '5 — excellent'],
] as const;

export const workshopFeedback: XlsFormSource = {
  settings: {
    form_title: 'Workshop feedback',
    form_id: 'workshop_feedback',
    version: '2026.1',
    default_language: 'English (en)',
  },
  survey: [
    { type: 'today', name: 'today' },
    { type: 'text', name: 'workshop_name', [label]: 'Which workshop or course was this?', required: 'yes' },
    { type: 'date', name: 'workshop_date', [label]: 'Last day of the workshop' },
    { type: 'select_one role', name: 'role', [label]: 'Your role at your institute' },
    { type: 'text', name: 'role_other', [label]: 'Your role', relevant: "${role} = 'other'" },
    { type: 'begin group', name: 'ratings', [label]: 'Your ratings' },
    {
      type: 'select_one rating',
      name: 'rating_overall',
      [label]: 'Overall, how useful was the workshop?',
      required: 'yes',
    },
    { type: 'select_one rating', name: 'rating_content', [label]: 'Content: relevant to your work' },
    { type: 'select_one rating', name: 'rating_facilitation', [label]: 'Facilitation and trainers' },
    { type: 'select_one rating', name: 'rating_materials', [label]: 'Materials and exercises' },
    {
      type: 'calculate',
      name: 'rating_mean',
      calculation:
        'round((number(${rating_overall}) + number(${rating_content}) + number(${rating_facilitation}) + number(${rating_materials})) div 4, 1)',
    },
    { type: 'end group', name: 'ratings' },
    { type: 'text', name: 'most_useful', [label]: 'What was most useful to you?', appearance: 'multiline' },
    { type: 'text', name: 'to_change', [label]: 'What should we change next time?', appearance: 'multiline' },
    {
      type: 'integer',
      name: 'colleagues_to_train',
      [label]: 'How many colleagues will you pass this training on to?',
      [hint]: 'An estimate is fine.',
      constraint: '. >= 0 and . <= 500',
      [constraintMessage]: 'Enter a number from 0 to 500.',
    },
    {
      type: 'select_one yes_no',
      name: 'would_recommend',
      [label]: 'Would you recommend this workshop to a colleague?',
    },
  ],
  choices: [
    ...ratings.map(([name, text]) => ({ list_name: 'rating', name, [label]: text })),
    { list_name: 'role', name: 'director', [label]: 'Director or deputy' },
    { list_name: 'role', name: 'quality_manager', [label]: 'Quality manager' },
    { list_name: 'role', name: 'technical', [label]: 'Technical staff (laboratory)' },
    { list_name: 'role', name: 'other', [label]: 'Other' },
    { list_name: 'yes_no', name: 'yes', [label]: 'Yes' },
    { list_name: 'yes_no', name: 'no', [label]: 'No' },
  ],
};
