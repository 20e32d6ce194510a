/**
 * The lists events share (DEC plan LA2-WP2 national workshops, LA5-WP3 and the BIPM's
 * capacity-building courses): kinds of event, their states, the roles of the people who speak
 * at them, and the shipped questionnaires an event collects.
 */
export const EVENT_KINDS = ['course', 'workshop', 'webinar', 'cross_visit', 'attachment_training'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Readonly<Record<EventKind, string>> = {
  course: 'Course',
  workshop: 'Workshop',
  webinar: 'Webinar',
  cross_visit: 'Cross visit',
  attachment_training: 'Attachment training',
};

export const EVENT_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const SPEAKER_ROLES = ['speaker', 'resource_person'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** The shipped questionnaire an event's participants answer, and the follow-up of their plans. */
export const FEEDBACK_TEMPLATE = 'workshop_feedback';
export const PLAN_FOLLOWUP_TEMPLATE = 'implementation_followup';

/** Months after an event's last day when its participants' implementation plans are followed up. */
export const PLAN_FOLLOWUP_MONTHS = 3;
