/**
 * The states of a case study and the actions that move it, shared by the document schema
 * and the workflow rules (./workflow.ts).
 */
export const CASE_STUDY_STATUSES = ['draft', 'in_review', 'approved', 'published'] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

/** Every step that is recorded in a story's history, with who and when. */
export const CASE_STUDY_ACTIONS = [
  'create',
  'submit',
  'return',
  'approve',
  'reopen',
  'publish',
  'unpublish',
] as const;
export type CaseStudyAction = (typeof CASE_STUDY_ACTIONS)[number];
