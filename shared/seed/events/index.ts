/**
 * Seed generators of events (issue 22): the dataset's first three institutes organise a
 * workshop, a course, a webinar, a cross visit and an attachment training, with concept notes,
 * speakers (developed NMIs among them) and the first ten institutes taking part; one is still
 * planned. Participants' feedback is the shipped form's version 2: answers given at the
 * organiser's kiosk (anonymous unless a name was given) in the organiser's database, and for
 * online events answers given on participants' own computers in their databases; three months
 * on, some implementation plans have their follow-up. The library holds the events' published
 * copies, as the secretariat's computer writes them.
 */
import { EVENT_SCHEMA_VERSION, type EventDoc, type Speaker } from '../../docs/event/schema';
import { newResponseDoc, submitted } from '../../docs/response/edit';
import type { AnswerValue, ResponseDoc } from '../../docs/response/schema';
import { PLAN_QUESTION, planFollowupDue } from '../../events/results';
import { FEEDBACK_TEMPLATE, PLAN_FOLLOWUP_TEMPLATE, type EventKind } from '../../events/kinds';
import { findShippedTemplate } from '../../forms/shipped';
import { eventId, toSlug } from '../../ids';
import { iso, libraryContext, type SeedDoc, type SeedGenerator, type SeedPlan } from '../context';
import type { Rng } from '../random';
import { MOST_USEFUL, TO_CHANGE } from '../text';

const DAY = 86_400_000;
const day = (ms: number) => iso(ms).slice(0, 10);

const EVENTS: readonly {
  title: string;
  kind: EventKind;
  wp: string;
  online: boolean;
  place: string;
  objectives: string;
  targetGroups: string;
}[] = [
  {
    title: 'National workshop on measurement uncertainty for industry',
    kind: 'workshop',
    wp: 'LA2-WP2',
    online: false,
    place: 'The organising NMI, main conference room',
    objectives: 'Laboratories and regulators understand uncertainty statements on calibration certificates.',
    targetGroups: 'Accredited laboratories, the regulator, two industry associations.',
  },
  {
    title: 'Course on the calibration of weights to OIML R 111',
    kind: 'course',
    wp: 'LA5-WP2',
    online: false,
    place: 'Mass laboratory of the organising NMI',
    objectives:
      'Each participant calibrates an F1 weight set by subcycles and writes the uncertainty budget.',
    targetGroups: 'Mass laboratory staff of developing-economy NMIs.',
  },
  {
    title: 'Webinar: preparing a CMC submission',
    kind: 'webinar',
    wp: 'LA5-WP2',
    online: true,
    place: 'Online',
    objectives: 'Participants know what a technical committee reviewer looks for in a CMC submission.',
    targetGroups: 'Quality managers and heads of laboratories of NMIs without published CMCs.',
  },
  {
    title: 'Cross visit to a laboratory information management system in use',
    kind: 'cross_visit',
    wp: 'LA4-WP3',
    online: false,
    place: 'A neighbouring NMI that introduced one',
    objectives: 'See a LIMS in daily use and decide what to ask of a supplier.',
    targetGroups: 'Directors and IT staff.',
  },
  {
    title: 'Attachment training in DC voltage and resistance',
    kind: 'attachment_training',
    wp: 'LA5-WP3',
    online: false,
    place: 'Electrical laboratory of the organising NMI',
    objectives: 'Two staff run the 10 V and 1 Ω calibrations unsupervised.',
    targetGroups: 'Electrical laboratory staff.',
  },
];

const SPEAKERS: readonly Speaker[] = [
  { name: 'Dr. Elena Brandt', institute: 'PTB (Germany)', role: 'speaker', topic: 'Uncertainty budgets' },
  { name: 'Dr. Hiro Sato', institute: 'NMIJ/AIST (Japan)', role: 'speaker', topic: 'CMC review' },
  {
    name: 'Ms. Grace Lim',
    institute: 'NMC, A*STAR (Singapore)',
    role: 'resource_person',
    topic: 'Exercises',
  },
  {
    name: 'Mr. David Park',
    institute: 'KRISS (Korea)',
    role: 'resource_person',
    topic: 'Laboratory sessions',
  },
];

const PLANS = [
  'Write the uncertainty budget for our F2 weight calibrations and use it on certificates by the end of the quarter.',
  'Train two colleagues in the subcycle method and update the procedure.',
  'Prepare the first CMC entry for mass and send it to the technical committee contact for comments.',
  'Introduce a register of reference standards with their calibration due dates.',
  'Run an internal comparison of our two DC voltage references every month.',
] as const;

const ROLES = ['director', 'quality_manager', 'technical', 'technical', 'technical'] as const;

export interface SeedEvent {
  doc: EventDoc;
  /** Feedback given at the organiser's kiosk, or on participants' own computers (online events). */
  kiosk: number;
  own: readonly string[];
}

/** The dataset's events, the same for every generator that reads them. */
export function seedEvents(plan: SeedPlan): SeedEvent[] {
  const ctx = libraryContext(plan, 'event');
  const organisers = plan.institutes.slice(0, 3);
  const pool = plan.institutes.slice(0, 10).map((i) => i.slug);
  if (organisers.length === 0) return [];
  return EVENTS.map((e, i) => {
    const rng = ctx.rng('event', i);
    const organiser = organisers[i % organisers.length] ?? organisers[0];
    const org = organiser?.slug ?? 'x';
    // The last one is still planned; the others were held 3 weeks to 7 months before the dataset's day.
    const planned = i === EVENTS.length - 1;
    const end = planned ? ctx.asOfMs + rng.int(20, 60) * DAY : ctx.asOfMs - rng.int(20, 210) * DAY;
    const start = end - rng.int(0, e.kind === 'attachment_training' ? 20 : 3) * DAY;
    const others = pool.filter((slug) => slug !== org);
    const participants = Object.fromEntries(
      rng
        .sample(others, Math.min(others.length, rng.int(2, 6)))
        .map((slug) => [slug, { people: rng.int(1, 3) }]),
    );
    const people = Object.values(participants).reduce((n, p) => n + (p.people ?? 0), 0) + rng.int(4, 12);
    const at = iso(Math.min(ctx.asOfMs, start - rng.int(20, 60) * DAY));
    const speakers = Object.fromEntries(rng.sample(SPEAKERS, rng.int(1, 3)).map((s, j) => [`s${j + 1}`, s]));
    const doc: EventDoc = {
      _id: eventId(org, `e${i + 1}`),
      type: 'event',
      schemaVersion: EVENT_SCHEMA_VERSION,
      org,
      createdAt: at,
      updatedAt: at,
      updatedBy: `${organiser?.acronym ?? org} events team`,
      title: e.title,
      kind: e.kind,
      leverageArea: e.wp.slice(0, 3),
      workPackage: e.wp,
      start: day(start),
      end: day(end),
      online: e.online,
      place: e.place,
      organiser: `${organiser?.acronym || organiser?.name || org} (training data)`,
      objectives: e.objectives,
      inputs: 'Lectures, worked examples, a laboratory session; materials sent a week before.',
      targetGroups: e.targetGroups,
      speakers,
      participants,
      attendance: planned ? null : people,
      feedbackTemplateId: FEEDBACK_TEMPLATE,
      feedbackTemplateVersion: '2026.2',
      activityId: '',
      status: planned ? 'planned' : 'held',
    };
    const answered = planned ? 0 : Math.round(people * rng.real(0.45, 0.9));
    return {
      doc,
      kiosk: e.online ? 0 : answered,
      own: e.online && !planned ? Object.keys(participants).filter(() => rng.chance(0.7)) : [],
    };
  });
}

function feedbackValues(
  rng: Rng,
  event: EventDoc,
  withPlan: boolean,
  name: string | undefined,
): Record<string, AnswerValue> {
  const overall = rng.weighted([
    ['5', 4],
    ['4', 5],
    ['3', 2],
    ['2', 0.5],
  ] as const);
  const near = () => String(Math.max(1, Math.min(5, Number(overall) + rng.int(-1, 1))));
  const values: Record<string, AnswerValue> = {
    today: event.end,
    workshop_name: event.title,
    workshop_date: event.end,
    role: rng.pick(ROLES),
    rating_overall: overall,
    rating_content: near(),
    rating_facilitation: near(),
    rating_materials: near(),
    would_recommend: Number(overall) >= 3 ? 'yes' : 'no',
  };
  if (name) values['participant_name'] = name;
  if (rng.chance(0.6)) values['most_useful'] = rng.pick(MOST_USEFUL);
  if (rng.chance(0.4)) values['to_change'] = rng.pick(TO_CHANGE);
  if (withPlan) values[PLAN_QUESTION] = rng.pick(PLANS);
  if (rng.chance(0.5)) values['colleagues_to_train'] = rng.int(0, 6);
  return values;
}

function response(
  org: string,
  event: EventDoc,
  participant: string,
  templateId: string,
  version: string,
  values: Record<string, AnswerValue>,
  atMs: number,
  by: string,
  send: boolean,
): ResponseDoc {
  const at = iso(atMs);
  const draft = newResponseDoc({
    org,
    templateId,
    templateVersion: version,
    cycle: new Date(atMs).getUTCFullYear(),
    answers: values,
    at,
    by,
    event: { id: event._id, participant },
  });
  if (!send) return draft;
  const done = submitted(draft, {}, iso(atMs + 4 * 60_000), by);
  return { ...done, updatedAt: iso(atMs + 4 * 60_000) };
}

/** A follow-up three months on, for some plans whose follow-up is due by the dataset's day. */
function followup(
  rng: Rng,
  org: string,
  event: EventDoc,
  feedback: ResponseDoc,
  asOfMs: number,
  by: string,
): ResponseDoc[] {
  const plan = feedback.answers[PLAN_QUESTION]?.value;
  const due = planFollowupDue(event);
  const template = findShippedTemplate(PLAN_FOLLOWUP_TEMPLATE);
  if (typeof plan !== 'string' || !due || !template || !feedback.participant || !rng.chance(0.6)) return [];
  const atMs = Date.parse(`${due}T10:00:00Z`) + rng.int(-7, 25) * DAY;
  if (atMs + 5 * 60_000 > asOfMs) return [];
  const status = rng.weighted([
    ['done', 3],
    ['partly', 3],
    ['started', 2],
    ['not_started', 1],
  ] as const);
  const values: Record<string, AnswerValue> = { today: day(atMs), plan, plan_status: status };
  if (status !== 'not_started') values['what_done'] = 'The procedure is written; two colleagues trained.';
  if (rng.chance(0.5)) values['obstacles'] = 'The reference standard was away for calibration for six weeks.';
  return [
    response(
      org,
      event,
      feedback.participant,
      template.id,
      template.version,
      values,
      atMs,
      by,
      rng.chance(0.85),
    ),
  ];
}

export const eventSeed: SeedGenerator = {
  type: 'event',
  summary:
    'events with concept notes, their participants’ feedback (kiosk and own computers) and plan follow-ups',
  forInstitute(ctx) {
    const docs: SeedDoc[] = [];
    const all = seedEvents(ctx.plan);
    for (const [i, { doc: event, kiosk, own }] of all.entries()) {
      const endMs = Date.parse(`${event.end}T15:00:00Z`);
      if (event.org === ctx.institute.slug) {
        docs.push(event);
        const rng = ctx.rng('kiosk', i);
        for (let k = 0; k < kiosk; k++) {
          const name = rng.chance(0.4)
            ? `${rng.pick(['Anh', 'Siti', 'Kamal', 'Lani', 'Omar'])} ${rng.pick(['Phan', 'Rahman', 'Silva', 'Kim'])}`
            : undefined;
          const sent = rng.chance(0.92);
          const feedback = response(
            ctx.institute.slug,
            event,
            `k-${rng.base36(8)}`,
            FEEDBACK_TEMPLATE,
            event.feedbackTemplateVersion,
            feedbackValues(rng, event, rng.chance(0.7), name),
            endMs + k * 5 * 60_000,
            `Kiosk (${ctx.people[0] ?? 'facilitator'})`,
            sent,
          );
          docs.push(feedback);
          if (sent && name)
            docs.push(
              ...followup(
                rng,
                ctx.institute.slug,
                event,
                feedback,
                ctx.asOfMs,
                ctx.people[0] ?? 'Facilitator',
              ),
            );
        }
      }
      if (own.includes(ctx.institute.slug)) {
        const rng = ctx.rng('own', i);
        const person = rng.pick(ctx.people);
        const feedback = response(
          ctx.institute.slug,
          event,
          `u-${toSlug(person)}`,
          FEEDBACK_TEMPLATE,
          event.feedbackTemplateVersion,
          feedbackValues(rng, event, rng.chance(0.8), person),
          endMs + rng.int(1, 120) * 60_000,
          person,
          true,
        );
        docs.push(feedback, ...followup(rng, ctx.institute.slug, event, feedback, ctx.asOfMs, person));
      }
    }
    return docs;
  },
  forLibrary: (ctx) => seedEvents(ctx.plan).map((e) => e.doc),
};
