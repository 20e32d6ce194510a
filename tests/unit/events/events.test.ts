/**
 * Issue 22, events: responses keyed by event and participant (as many per template and cycle
 * as there are participants), the event's schema, merge and server rule, its results (response
 * rate, ratings, comments, plans) and the three-month follow-up of plans; the seed's events.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMA_VERSION, type EventDoc } from '@shared/docs/event/schema';
import { parseDoc } from '@shared/docs/registry';
import { newResponseDoc, submitted } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { eventResults, planFollowupDue, planFollowups, type FeedbackFacts } from '@shared/events/results';
import { findShippedTemplate } from '@shared/forms/shipped';
import { eventId, eventIdOfKey, eventKey, feedbackResponseId, responseId } from '@shared/ids';
import { generateInstituteDocs, generateLibraryDocs, planDataset } from '@shared/seed';
import { mergeLeaves, type Leaf } from '@shared/sync/merge';
import { orgDbName, orgRole } from '@shared/sync/names';
import { validateDocUpdateSource } from '@shared/sync/validate-doc';

const AT = '2026-05-15T09:00:00.000Z';
const EVENT = eventId('th-nimt', 'e1a2b3c4');
const feedback = findShippedTemplate('workshop_feedback');
if (!feedback) throw new Error('no feedback template');

const event: EventDoc = {
  _id: EVENT,
  type: 'event',
  schemaVersion: EVENT_SCHEMA_VERSION,
  org: 'th-nimt',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Sam',
  title: 'Mass calibration course',
  kind: 'course',
  leverageArea: 'LA5',
  workPackage: 'LA5-WP2',
  start: '2026-05-11',
  end: '2026-05-15',
  online: false,
  place: 'Bangkok',
  organiser: 'NIMT mass laboratory',
  objectives: 'Calibrate F1 weights',
  inputs: 'Lectures and laboratory sessions',
  targetGroups: 'Mass laboratory staff',
  speakers: { s1: { name: 'Dr. Brandt', institute: 'PTB', role: 'speaker', topic: 'Subcycles' } },
  participants: { 'ph-nml-itdi': { people: 2 }, 'la-dsm': { people: 1 } },
  attendance: 4,
  feedbackTemplateId: 'workshop_feedback',
  feedbackTemplateVersion: '2026.2',
  activityId: '',
  status: 'held',
};

function answer(participant: string, values: Record<string, AnswerValue>, org = 'th-nimt'): ResponseDoc {
  return newResponseDoc({
    org,
    templateId: 'workshop_feedback',
    templateVersion: '2026.2',
    cycle: 2026,
    answers: values,
    at: AT,
    by: 'Kiosk (Sam)',
    event: { id: EVENT, participant },
  });
}

const facts = (doc: ResponseDoc): FeedbackFacts => ({
  id: doc._id,
  org: doc.org,
  event: doc.event ?? '',
  participant: doc.participant ?? '',
  templateId: doc.templateId,
  status: doc.status,
  answers: Object.fromEntries(Object.entries(doc.answers).map(([k, e]) => [k, e.value])),
});

describe('responses keyed by event and participant', () => {
  it('are as many per template and cycle as there are participants, each its own document', () => {
    const docs = ['k-aaaa1111', 'k-bbbb2222', 'u-maria-santos'].map((p) =>
      answer(p, { workshop_name: 'Mass', rating_overall: '4' }),
    );
    expect(docs.map((d) => d._id)).toEqual([
      'response:th-nimt:workshop_feedback:2026:th-nimt.e1a2b3c4:k-aaaa1111',
      'response:th-nimt:workshop_feedback:2026:th-nimt.e1a2b3c4:k-bbbb2222',
      'response:th-nimt:workshop_feedback:2026:th-nimt.e1a2b3c4:u-maria-santos',
    ]);
    for (const doc of docs)
      expect(parseDoc(doc)).toMatchObject({ event: EVENT, participant: doc.participant });
    // None is the institute's own response for that template and cycle, which stays possible beside them.
    expect(docs.map((d) => d._id)).not.toContain(responseId('th-nimt', 'workshop_feedback', 2026));
    // The same participant on a second device makes the same document (so they merge, not duplicate).
    expect(answer('u-maria-santos', {})._id).toBe(docs[2]?._id);
  });

  it('name an event in other ids by institute and id, and read it back', () => {
    expect(eventKey(EVENT)).toBe('th-nimt.e1a2b3c4');
    expect(eventIdOfKey('th-nimt.e1a2b3c4')).toBe(EVENT);
    expect(eventIdOfKey('th-nimt:e1')).toBeUndefined();
    expect(feedbackResponseId('a', 'f', 2026, eventId('b', 'x'), 'k-1')).toBe('response:a:f:2026:b.x:k-1');
  });

  it('refuse an id that does not name its event and participant, or one without the other', () => {
    const doc = answer('k-aaaa1111', {});
    expect(() => parseDoc({ ...doc, participant: 'k-other' })).toThrow(/not valid/);
    const { participant: _p, ...withoutParticipant } = doc;
    expect(() => parseDoc(withoutParticipant)).toThrow(/not valid/);
    const plain = {
      ...withoutParticipant,
      event: undefined,
      _id: responseId('th-nimt', 'workshop_feedback', 2026),
    };
    expect(parseDoc(plain)._id).toBe('response:th-nimt:workshop_feedback:2026');
    expect(() => parseDoc({ ...doc, event: 'event:th-nimt:Bad Id' })).toThrow(/not valid/);
  });

  it('go to the server of the institute whose database holds them, and no other', () => {
    const validate = (db: string) =>
      new Function(`return (${validateDocUpdateSource(db)});`)() as (...a: unknown[]) => void;
    const doc = answer('k-aaaa1111', { rating_overall: '5' }, 'ph-nml-itdi');
    expect(() =>
      validate(orgDbName('ph-nml-itdi'))(doc, null, { roles: [orgRole('ph-nml-itdi')] }, {}),
    ).not.toThrow();
    expect(() => validate(orgDbName('th-nimt'))(doc, null, { roles: [orgRole('th-nimt')] }, {})).toThrow();
  });

  it('merge answer by answer like any response, keeping the event and participant', () => {
    const first = answer('k-aaaa1111', { rating_overall: '4' });
    const a = {
      ...first,
      _rev: '2-a',
      answers: { ...first.answers, most_useful: { value: 'Labs', at: AT, by: 'k' } },
    };
    const b = {
      ...first,
      _rev: '2-b',
      answers: { ...first.answers, to_change: { value: 'Time', at: AT, by: 'k' } },
    };
    const merged = mergeLeaves([a, b] as unknown as Leaf[]);
    expect(merged.conflicts).toEqual([]);
    expect(merged.merged).toMatchObject({ event: EVENT, participant: 'k-aaaa1111' });
    expect(Object.keys(merged.merged['answers'] as object).sort()).toEqual([
      'most_useful',
      'rating_overall',
      'to_change',
    ]);
  });
});

describe('an event', () => {
  it('is checked by its schema, and its id names its organiser', () => {
    expect(parseDoc(event)).toEqual(event);
    expect(() => parseDoc({ ...event, _id: eventId('la-dsm', 'e1') })).toThrow(/not valid/);
    expect(() => parseDoc({ ...event, title: '' })).toThrow(/not valid/);
  });

  it('merges two people’s edits of different speakers and participants', () => {
    const ancestor = { ...event, _rev: '1-a' };
    const mine = {
      ...event,
      _rev: '2-a',
      speakers: { ...event.speakers, s1: { ...event.speakers['s1'], topic: 'Subcycles and drift' } },
    };
    const theirs = {
      ...event,
      _rev: '2-b',
      participants: { ...event.participants, 'la-dsm': { people: 3 } },
    };
    const merged = mergeLeaves([mine, theirs] as unknown as Leaf[], ancestor);
    expect(merged.conflicts).toEqual([]);
    expect(merged.merged).toMatchObject({
      speakers: { s1: { topic: 'Subcycles and drift' } },
      participants: { 'la-dsm': { people: 3 }, 'ph-nml-itdi': { people: 2 } },
    });
  });
});

describe('an event’s results', () => {
  const responses = [
    answer('k-1', {
      rating_overall: '5',
      rating_content: '4',
      most_useful: 'The lab',
      implementation_plan: 'Write the F2 budget',
      participant_name: 'Anh Phan',
    }),
    answer('k-2', { rating_overall: '4', rating_content: '4', to_change: 'More time' }),
    answer('k-3', { rating_overall: '2', implementation_plan: 'Train two colleagues' }),
  ].map((d) => submitted(d, {}, AT, 'Kiosk'));
  const draft = answer('k-4', { rating_overall: '1' });

  it('give the response rate, each rating’s distribution and mean, the comments and the plans', () => {
    const results = eventResults(feedback, [...responses, draft].map(facts), event.attendance);
    expect(results).toMatchObject({ attendance: 4, submitted: 3, unfinished: 1, rate: 0.75 });
    const overall = results.ratings.find((r) => r.name === 'rating_overall');
    expect(overall?.choices.map((c) => c.count)).toEqual([0, 1, 0, 1, 1]);
    expect(overall).toMatchObject({ answered: 3, mean: 3.7, label: 'Overall, how useful was the workshop?' });
    expect(results.ratings.find((r) => r.name === 'rating_content')).toMatchObject({ answered: 2, mean: 4 });
    expect(results.ratings.find((r) => r.name === 'rating_materials')?.mean).toBeUndefined();
    expect(results.comments.map((c) => [c.name, c.texts])).toEqual([
      ['most_useful', ['The lab']],
      ['to_change', ['More time']],
    ]);
    expect(results.plans.map((p) => [p.participant, p.name, p.plan])).toEqual([
      ['k-1', 'Anh Phan', 'Write the F2 budget'],
      ['k-3', '', 'Train two colleagues'],
    ]);
    // Without an attendance the rate is not guessed.
    expect(eventResults(feedback, responses.map(facts), null).rate).toBeUndefined();
  });

  it('follow up each plan three months after the event: sent, begun, overdue, due or later', () => {
    expect(planFollowupDue(event)).toBe('2026-08-15');
    const plans = eventResults(feedback, responses.map(facts), 4).plans;
    const followup = submitted(
      newResponseDoc({
        org: 'th-nimt',
        templateId: 'implementation_followup',
        templateVersion: '2026.1',
        cycle: 2026,
        answers: { plan: 'Write the F2 budget', plan_status: 'partly' },
        at: AT,
        by: 'Sam',
        event: { id: EVENT, participant: 'k-1' },
      }),
      {},
      AT,
      'Sam',
    );
    const states = (today: string) =>
      planFollowups(event, plans, [facts(followup)], today).map((p) => [p.participant, p.state, p.status]);
    expect(states('2026-06-01')).toEqual([
      ['k-1', 'sent', 'partly'],
      ['k-3', 'later', undefined],
    ]);
    expect(states('2026-08-01')[1]).toEqual(['k-3', 'due', undefined]);
    expect(states('2026-09-01')[1]).toEqual(['k-3', 'overdue', undefined]);
    // A follow-up of the same participant key in another institute's database is someone else's.
    expect(planFollowups(event, plans, [{ ...facts(followup), org: 'la-dsm' }], '2026-06-01')[0]?.state).toBe(
      'later',
    );
  });
});

describe('the seed’s events', () => {
  const plan = planDataset({ seed: 7, institutes: 12, cycles: 2, asOf: '2026-11-30' });
  const docs = plan.institutes.flatMap((i) => generateInstituteDocs(plan, i));
  const events = docs.filter((d): d is EventDoc => d.type === 'event');
  const feedbackDocs = docs.filter((d): d is ResponseDoc => d.type === 'response' && d.event !== undefined);

  it('are held by their organisers, with kiosk answers there and own-computer answers at participants', () => {
    expect(events.map((e) => e.kind).sort()).toEqual([
      'attachment_training',
      'course',
      'cross_visit',
      'webinar',
      'workshop',
    ]);
    expect(events.filter((e) => e.status === 'planned')).toHaveLength(1);
    const kiosk = feedbackDocs.filter((d) => d.participant?.startsWith('k-'));
    const own = feedbackDocs.filter((d) => d.participant?.startsWith('u-'));
    expect(kiosk.length).toBeGreaterThan(10);
    expect(own.length).toBeGreaterThan(0);
    for (const doc of kiosk) expect(doc.org).toBe(events.find((e) => e._id === doc.event)?.org);
    for (const doc of own)
      expect(Object.keys(events.find((e) => e._id === doc.event)?.participants ?? {})).toContain(doc.org);
    expect(feedbackDocs.some((d) => d.templateId === 'implementation_followup')).toBe(true);
    // The library has every event's published copy.
    expect(
      generateLibraryDocs(plan)
        .filter((d) => d.type === 'event')
        .map((d) => d._id)
        .sort(),
    ).toEqual(events.map((e) => e._id).sort());
  });

  it('give results an organiser would recognise', () => {
    const held = events.find((e) => e.kind === 'course');
    if (!held) throw new Error('no course');
    const results = eventResults(
      feedback,
      feedbackDocs.filter((d) => d.event === held._id).map(facts),
      held.attendance,
    );
    expect(results.submitted).toBeGreaterThan(0);
    expect(results.rate).toBeGreaterThan(0.3);
    expect(results.rate).toBeLessThanOrEqual(1);
    expect(results.ratings[0]?.mean).toBeGreaterThan(3);
    expect(results.plans.length).toBeGreaterThan(0);
  });
});
