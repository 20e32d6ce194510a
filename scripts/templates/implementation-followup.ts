// The follow-up of a participant's implementation plan, three months after an event (issue
// 22): the plan as written at the event (filled in by the app, read only), how far it went,
// what held it back and what support would help.
import { label, hint, type XlsFormSource } from './write-xlsform';

export const implementationFollowup: XlsFormSource = {
  settings: {
    form_title: 'Implementation plan: three months on',
    form_id: 'implementation_followup',
    version: '2026.1',
    default_language: 'English (en)',
  },
  survey: [
    { type: 'today', name: 'today' },
    {
      type: 'text',
      name: 'plan',
      [label]: 'The implementation plan written at the event',
      appearance: 'multiline',
      read_only: 'yes',
    },
    {
      type: 'select_one plan_status',
      name: 'plan_status',
      [label]: 'How far has the plan gone?',
      required: 'yes',
    },
    {
      type: 'text',
      name: 'what_done',
      [label]: 'What has been done?',
      [hint]: 'A new procedure, a calibration offered, colleagues trained…',
      appearance: 'multiline',
      relevant: "${plan_status} != 'not_started'",
    },
    { type: 'text', name: 'obstacles', [label]: 'What held it back?', appearance: 'multiline' },
    { type: 'text', name: 'support_needed', [label]: 'What support would help?', appearance: 'multiline' },
  ],
  choices: [
    { list_name: 'plan_status', name: 'done', [label]: 'Done' },
    { list_name: 'plan_status', name: 'partly', [label]: 'Partly done' },
    { list_name: 'plan_status', name: 'started', [label]: 'Started' },
    { list_name: 'plan_status', name: 'not_started', [label]: 'Not started' },
    { list_name: 'plan_status', name: 'dropped', [label]: 'Dropped' },
  ],
};
