// Version 2 of the workshop feedback (2026.2), for events (issue 22): every question of
// version 1 keeps its name; the participant may give a name (or stay anonymous) and an
// institute, and writes an implementation plan, which is followed up after three months
// (implementation-followup.ts).
import { label, hint, type Row, type XlsFormSource } from './write-xlsform';
import { workshopFeedback } from './workshop-feedback';

const v1 = workshopFeedback.survey;
const at = (name: string) => v1.findIndex((row) => row['name'] === name);

const identity: Row[] = [
  {
    type: 'text',
    name: 'participant_name',
    [label]: 'Your name (optional)',
    [hint]: 'Leave it empty to answer anonymously. With a name, the organiser can follow up your plan.',
  },
  { type: 'text', name: 'participant_institute', [label]: 'Your institute (optional)' },
];

const plan: Row[] = [
  {
    type: 'text',
    name: 'implementation_plan',
    [label]: 'What will you put into practice in the next three months?',
    [hint]:
      'Your implementation plan: what, with whom, by when. The organiser asks how it went after three months.',
    appearance: 'multiline',
  },
];

export const workshopFeedbackV2: XlsFormSource = {
  settings: { ...workshopFeedback.settings, version: '2026.2' },
  survey: [
    ...v1.slice(0, at('role')),
    ...identity,
    ...v1.slice(at('role'), at('colleagues_to_train')),
    ...plan,
    ...v1.slice(at('colleagues_to_train')),
  ],
  choices: workshopFeedback.choices,
};
