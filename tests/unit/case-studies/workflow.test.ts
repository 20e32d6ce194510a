import { describe, expect, it } from 'vitest';
import {
  actorFor,
  addComment,
  availableSteps,
  decide,
  editStory,
  newStory,
  publishedCopy,
  resolveComment,
  takeStep,
  type CaseStudyActor,
  type Operation,
  type StatusStep,
} from '../../../shared/case-studies/workflow';
import type { CaseStudyStatus } from '../../../shared/case-studies/workflow-states';
import { parseDoc } from '../../../shared/docs/registry';
import { WorkbenchError } from '../../../shared/errors';
import { AT, author, colleague, must, otherInstitute, secretariat, story } from './fixtures';

const LATER = '2026-11-25T10:00:00.000Z';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkbenchError) return error.code;
    throw error;
  }
  return undefined;
}

describe('who may take each step', () => {
  // Every (step, status, actor): allowed exactly where the rules say.
  const table: [StatusStep, CaseStudyStatus, CaseStudyActor[]][] = [
    ['submit', 'draft', [author, colleague, secretariat]],
    ['return', 'in_review', [author, colleague, secretariat]],
    ['approve', 'in_review', [secretariat]],
    ['reopen', 'approved', [author, colleague, secretariat]],
    ['publish', 'approved', [secretariat]],
    ['unpublish', 'published', [secretariat]],
  ];
  const everyone = [author, colleague, secretariat, otherInstitute];
  const statuses: CaseStudyStatus[] = ['draft', 'in_review', 'approved', 'published'];
  for (const [step, from, allowed] of table) {
    for (const status of statuses) {
      for (const actor of everyone) {
        const expected = status === from && allowed.includes(actor);
        it(`${step} from ${status} by ${actor.user}: ${expected ? 'allowed' : 'refused'}`, () => {
          expect(decide(step, story({ status }), actor).allowed).toBe(expected);
        });
      }
    }
  }

  it('says who may do it when someone else tries', () => {
    expect(decide('approve', story({ status: 'in_review' }), author)).toEqual({
      allowed: false,
      reason: 'Only the secretariat may approve stories.',
    });
    expect(decide('publish', story({ status: 'approved' }), colleague)).toMatchObject({
      reason: 'Only the secretariat may publish stories.',
    });
    expect(decide('edit', story(), otherInstitute)).toMatchObject({
      reason: "Only the story's institute or the secretariat may change the story.",
    });
  });

  it('says why a step does not fit the status', () => {
    expect(decide('publish', story({ status: 'in_review' }), secretariat)).toMatchObject({
      reason: 'A story that is in review cannot be published.',
    });
  });

  it('offers each actor only the steps of their role and of the status, blocked ones with a reason', () => {
    const inReview = story({ status: 'in_review' });
    expect(availableSteps(inReview, author).map((s) => s.step)).toEqual(['return']);
    expect(availableSteps(inReview, secretariat).map((s) => s.step)).toEqual(['return', 'approve']);
    expect(availableSteps(inReview, otherInstitute)).toEqual([]);
    expect(availableSteps(story({ status: 'published' }), author)).toEqual([]);
  });

  it('knows a secretariat computer from an institute computer', () => {
    expect(actorFor('ph-nml-itdi', 'ph-nml-itdi', 'Maria', false)).toEqual({
      user: 'Maria',
      member: true,
      secretariat: false,
    });
    expect(actorFor('ph-nml-itdi', 'th-nimt', 'Sam', true)).toEqual({
      user: 'Sam',
      member: false,
      secretariat: true,
    });
    expect(actorFor('ph-nml-itdi', 'mn-masm', 'Vika', false)).toEqual({
      user: 'Vika',
      member: false,
      secretariat: false,
    });
  });
});

describe('preconditions', () => {
  it('sends for review only when the essential sections are written, naming the missing ones', () => {
    const thin = story({ title: '', context: '', results: '   ' });
    const decision = decide('submit', thin, author);
    expect(decision).toEqual({ allowed: false, reason: 'Write these parts first: title, context, results.' });
    expect(codeOf(() => takeStep(thin, 'submit', author, LATER))).toBe('forbidden');
  });

  it('does not block review for sections that are only thin or optional', () => {
    const short = story({
      context: 'Ten words only here, which is thin but present.',
      impact: '',
      lessons: '',
    });
    expect(decide('submit', short, author).allowed).toBe(true);
  });

  it('approves only when every comment is resolved', () => {
    const inReview = addComment(
      story({ status: 'in_review' }),
      { id: 'c1', target: 'results', text: 'Give the number of mills.' },
      secretariat,
      AT,
    );
    expect(decide('approve', inReview, secretariat)).toEqual({
      allowed: false,
      reason: '1 comment is not resolved yet; the author resolves them before approval.',
    });
    const resolved = resolveComment(inReview, 'c1', author, LATER, 'Added: 42 mills.');
    expect(decide('approve', resolved, secretariat).allowed).toBe(true);
  });

  it('asks why when reopening or withdrawing, and keeps the reason', () => {
    expect(codeOf(() => takeStep(story({ status: 'approved' }), 'reopen', author, LATER, '  '))).toBe(
      'invalid-input',
    );
    const reopened = takeStep(story({ status: 'approved' }), 'reopen', author, LATER, 'A new figure came in');
    expect(reopened.history.at(-1)).toEqual({
      action: 'reopen',
      to: 'draft',
      at: LATER,
      by: 'Maria Santos',
      note: 'A new figure came in',
    });
  });
});

describe('the whole journey', () => {
  it('records who took each step and when, and every document on the way is valid', () => {
    let doc = newStory({
      org: 'ph-nml-itdi',
      uuid: 'abc-123',
      economy: 'Philippines',
      at: AT,
      actor: author,
    });
    expect(doc.status).toBe('draft');
    const filled = story();
    doc = must(
      editStory(
        doc,
        {
          title: filled.title,
          context: filled.context,
          challenge: filled.challenge,
          actions: filled.actions,
          results: filled.results,
        },
        author,
        AT,
      ),
    );
    const steps: [StatusStep | 'comment' | 'resolve', CaseStudyActor][] = [
      ['submit', author],
      ['comment', colleague],
      ['comment', secretariat],
      ['resolve', author],
      ['approve', secretariat],
      ['publish', secretariat],
      ['unpublish', secretariat],
      ['reopen', author],
    ];
    let minute = 0;
    for (const [step, actor] of steps) {
      minute += 1;
      const at = `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
      if (step === 'comment') {
        doc = addComment(
          doc,
          { id: `c${minute}`, target: 'results', text: 'More numbers, please.' },
          actor,
          at,
        );
      } else if (step === 'resolve') {
        for (const id of Object.keys(doc.comments)) doc = resolveComment(doc, id, actor, at);
      } else {
        doc = takeStep(doc, step, actor, at, step === 'reopen' || step === 'unpublish' ? 'Correction' : '');
      }
      expect(() => parseDoc(doc)).not.toThrow();
      expect(doc.updatedBy).toBe(actor.user);
      expect(doc.updatedAt).toBe(at);
    }
    expect(doc.history.map((e) => [e.action, e.to, e.by])).toEqual([
      ['create', 'draft', 'Maria Santos'],
      ['submit', 'in_review', 'Maria Santos'],
      ['approve', 'approved', 'Sam Secretariat'],
      ['publish', 'published', 'Sam Secretariat'],
      ['unpublish', 'approved', 'Sam Secretariat'],
      ['reopen', 'draft', 'Maria Santos'],
    ]);
    expect(Object.values(doc.comments).every((c) => c.resolved?.by === 'Maria Santos')).toBe(true);
  });
});

describe('editing and comments', () => {
  const ops: [Operation, CaseStudyStatus, CaseStudyActor, boolean][] = [
    ['edit', 'draft', author, true],
    ['edit', 'in_review', author, true],
    ['edit', 'approved', author, false],
    ['edit', 'published', secretariat, false],
    ['edit', 'draft', otherInstitute, false],
    ['comment', 'draft', colleague, false],
    ['comment', 'in_review', colleague, true],
    ['comment', 'in_review', secretariat, true],
    ['comment', 'in_review', otherInstitute, false],
    ['resolve', 'in_review', author, true],
    ['resolve', 'in_review', secretariat, false],
    ['resolve', 'approved', author, false],
  ];
  it.each(ops)('%s on a story %s by %o: %s', (op, status, actor, expected) => {
    expect(decide(op, story({ status }), actor).allowed).toBe(expected);
  });

  it('locks an approved story against edits', () => {
    expect(codeOf(() => editStory(story({ status: 'approved' }), { title: 'New' }, author, LATER))).toBe(
      'forbidden',
    );
  });

  it('changes only the fields given, and nothing when they are unchanged', () => {
    const doc = story();
    expect(editStory(doc, { title: doc.title }, author, LATER)).toBeUndefined();
    const next = editStory(doc, { lessons: 'Start small.' }, colleague, LATER);
    expect(next).toMatchObject({ lessons: 'Start small.', title: doc.title, updatedBy: 'Jose Cruz' });
  });

  it('refuses an empty comment, and adding the same comment twice adds it once', () => {
    const doc = story({ status: 'in_review' });
    expect(codeOf(() => addComment(doc, { id: 'c1', target: 'title', text: '  ' }, secretariat, AT))).toBe(
      'invalid-input',
    );
    const once = addComment(doc, { id: 'c1', target: 'title', text: 'Shorter?' }, secretariat, AT);
    expect(addComment(once, { id: 'c1', target: 'title', text: 'Shorter?' }, secretariat, AT)).toBe(once);
  });
});

describe('the published copy', () => {
  it('goes without the review comments and keeps the history of who approved and published', () => {
    const published = story({
      status: 'published',
      comments: {
        c1: { target: 'title', text: 'Internal note', at: AT, by: 'Sam', resolved: { at: AT, by: 'Maria' } },
      },
      history: [
        { action: 'create', to: 'draft', at: AT, by: 'Maria Santos' },
        { action: 'publish', to: 'published', at: LATER, by: 'Sam Secretariat' },
      ],
      _rev: '7-abc',
    });
    const copy = publishedCopy(published);
    expect(copy.comments).toEqual({});
    expect(copy).not.toHaveProperty('_rev');
    expect(copy.history).toEqual(published.history);
    expect(() => parseDoc(copy)).not.toThrow();
  });

  it('is made only of a published story', () => {
    expect(codeOf(() => publishedCopy(story({ status: 'approved' })))).toBe('forbidden');
  });
});
