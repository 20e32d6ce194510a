/**
 * Document ids start with their type, so each type is one `allDocs` key range
 * (`startkey: 'response:'`, `endkey: 'response:\ufff0'`). Parts are joined with ':';
 * slugs and template ids therefore never contain ':'.
 */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const slugSchema = z
  .string()
  .regex(
    SLUG_PATTERN,
    'Use 1–40 lower-case letters, digits or hyphens, starting and ending with a letter or digit',
  );

export const DOC_TYPES = [
  'response',
  'template',
  'cmcplan',
  'casestudy',
  'institute',
  'taxonomy',
  'capability',
  'funder',
  'activity',
  'support',
  'followup',
  'event',
  'offer',
  'exchange',
  'exchangecopy',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export function responseId(org: string, templateId: string, cycle: number): string {
  return `response:${org}:${templateId}:${cycle}`;
}

export function templateDocId(templateId: string, version: string): string {
  return `template:${templateId}:${version}`;
}

export function cmcPlanId(org: string, uuid: string): string {
  return `cmcplan:${org}:${uuid}`;
}

export function caseStudyId(org: string, uuid: string): string {
  return `casestudy:${org}:${uuid}`;
}

/** An institute's entry in the library's directory: one per institute, named by its slug. */
export function instituteId(org: string): string {
  return `institute:${org}`;
}

/** The library's KCDB taxonomy with the secretariat's corrections: one document. */
export const TAXONOMY_ID = 'taxonomy:kcdb';

/** What an institute could provide to others (area, branch, kind), shared by the secretariat. */
export function capabilityId(org: string): string {
  return `capability:${org}`;
}

/** A funder with its programmes, in the library (written by the secretariat). */
export function funderId(uuid: string): string {
  return `funder:${uuid}`;
}

/** A DEC activity with its results framework, in the library (written by the secretariat). */
export function activityId(uuid: string): string {
  return `activity:${uuid}`;
}

/** One entry of an institute's support ledger, in its own database. */
export function supportId(org: string, uuid: string): string {
  return `support:${org}:${uuid}`;
}

/**
 * A participant's follow-up of an activity at 3 or 12 months, in its own database: one per
 * activity, institute and month, so that two devices starting it make the same document.
 */
export function followupId(org: string, activity: string, months: 3 | 12): string {
  return `followup:${org}:${activity.slice('activity:'.length)}:${months}`;
}

/** A local id inside a document id: letters, digits or hyphens (a uuid's first part, `s1`…). */
export const LOCAL_ID_PATTERN = /^[a-z0-9-]{1,64}$/;

/** A workshop, course, webinar, cross visit or attachment training, in its organiser's database. */
export function eventId(org: string, uuid: string): string {
  return `event:${org}:${uuid}`;
}

/**
 * An event named inside other ids: `<org>.<uuid>` (slugs and local ids hold no `.`), so that
 * the organiser's institute keeps two organisers' events apart.
 */
export function eventKey(id: string): string {
  const [, org = '', uuid = ''] = id.split(':');
  return `${org}.${uuid}`;
}

/** The event id a key names, or undefined when it is not one. */
export function eventIdOfKey(key: string): string | undefined {
  const match = /^([a-z0-9-]{1,40})\.([a-z0-9-]{1,64})$/.exec(key);
  return match ? eventId(match[1] ?? '', match[2] ?? '') : undefined;
}

/**
 * One participant's response to an event's questionnaire (its feedback, or the follow-up of
 * an implementation plan): as many per template and cycle as there are participants, keyed
 * by event and participant. `participant` is `k-<random>` for an answer given at a kiosk
 * (anonymous) or `u-<slug of the user>` on the participant's own computer.
 */
export function feedbackResponseId(
  org: string,
  templateId: string,
  cycle: number,
  event: string,
  participant: string,
): string {
  return `${responseId(org, templateId, cycle)}:${eventKey(event)}:${participant}`;
}

/** What an institute offers others (DEN2DEN), in its own database; the library holds published copies. */
export function offerId(org: string, uuid: string): string {
  return `offer:${org}:${uuid}`;
}

/** An institute's own part of a DEN2DEN exchange (`xid` is the same in both institutes). */
export function exchangeId(org: string, xid: string): string {
  return `exchange:${org}:${xid}`;
}

/** The other institute's part of an exchange, copied into `org`'s database by the secretariat's computer. */
export function exchangeCopyId(org: string, xid: string): string {
  return `exchangecopy:${org}:${xid}`;
}

/** The `allDocs` options that select every document of one type. */
export function typeRange(type: DocType): { startkey: string; endkey: string } {
  return { startkey: `${type}:`, endkey: `${type}:\ufff0` };
}

/** The type named by an id's first part, or undefined for ids we do not own (design docs, _local). */
export function typeOfId(id: string): DocType | undefined {
  const head = id.slice(0, id.indexOf(':'));
  return (DOC_TYPES as readonly string[]).includes(head) ? (head as DocType) : undefined;
}

/** A slug made from free text, e.g. an institute's acronym and economy code. */
export function toSlug(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
