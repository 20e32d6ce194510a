/**
 * The case-study seed generator: stories in every state of the workflow, as the app would
 * have left them (each state reached by the allowed steps, comments open only in review,
 * pictures stored as attachments), and the published ones in the library as Publish
 * copies them.
 */
import { describe, expect, it } from 'vitest';
import { decide, openComments } from '../../../shared/case-studies/workflow';
import { storyChecklist } from '../../../shared/case-studies/sections';
import type { CaseStudyDoc } from '../../../shared/docs/casestudy/schema';
import { parseDoc } from '../../../shared/docs/registry';
import {
  generateInstituteDocs,
  generateLibraryDocs,
  planDataset,
  practicePlan,
  type SeedDoc,
} from '../../../shared/seed';
import { LIBRARY_DB, SECRETARIAT_ROLE } from '../../../shared/sync/names';
import { validateDocUpdateSource } from '../../../shared/sync/validate-doc';

const PLAN = planDataset({ seed: 42, institutes: 40, cycles: 3, asOf: '2026-11-30' });
const stories = (docs: readonly SeedDoc[]) =>
  docs.filter((d): d is SeedDoc & CaseStudyDoc => d.type === 'casestudy');
const all = PLAN.institutes.flatMap((institute) => stories(generateInstituteDocs(PLAN, institute)));
const library = stories(generateLibraryDocs(PLAN));

describe('seeded case studies', () => {
  it('cover every workflow state across the institutes, and not every institute has one', () => {
    const states = new Set(all.map((s) => s.status));
    expect([...states].sort()).toEqual(['approved', 'draft', 'in_review', 'published']);
    const withStories = new Set(all.map((s) => s.org));
    expect(withStories.size).toBeGreaterThan(15);
    expect(withStories.size).toBeLessThan(PLAN.institutes.length);
    expect(all.some((s) => s.history.some((e) => e.action === 'return'))).toBe(true);
  });

  it('reach each state by the steps the rules allow, in time order, never after the dataset’s day', () => {
    const asOf = Date.parse('2026-11-30T17:00:00Z');
    for (const story of all) {
      const times = story.history.map((e) => Date.parse(e.at));
      expect(
        [...times].sort((a, b) => a - b),
        story._id,
      ).toEqual(times);
      const comments = Object.values(story.comments).flatMap((c) => [
        c.at,
        ...(c.resolved ? [c.resolved.at] : []),
      ]);
      const latest = Math.max(...times, ...comments.map((at) => Date.parse(at)));
      expect(latest).toBeLessThanOrEqual(asOf);
      expect(Date.parse(story.updatedAt)).toBe(latest);
      expect(story.history.at(-1)?.to ?? 'draft').toBe(story.status);
      // Only stories in review have unresolved comments; approval needed them resolved.
      expect(openComments(story).length > 0, story._id).toBe(story.status === 'in_review');
      if (story.status !== 'draft') {
        expect(
          decide('submit', { ...story, status: 'draft' }, { user: 'x', member: true, secretariat: false })
            .allowed,
        ).toBe(true);
      }
    }
  });

  it('store their pictures as JPEG attachments that match the photo list', () => {
    const withPhotos = all.filter((s) => Object.keys(s.photos).length > 0);
    expect(withPhotos.length).toBeGreaterThan(all.length / 2);
    for (const story of withPhotos) {
      expect(Object.keys(story._attachments ?? {}).sort()).toEqual(Object.keys(story.photos).sort());
      for (const [name, meta] of Object.entries(story.photos)) {
        const attachment = story._attachments?.[name];
        expect(attachment?.content_type).toBe('image/jpeg');
        const bytes = Uint8Array.from(atob(String(attachment?.data)), (c) => c.charCodeAt(0));
        expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
        expect(bytes.length).toBe(meta.bytes);
      }
    }
  });

  it('are in the library when published: the same story without comments, with its pictures', () => {
    const published = all.filter((s) => s.status === 'published');
    expect(library.map((s) => s._id).sort()).toEqual(published.map((s) => s._id).sort());
    const validate = new Function(`return (${validateDocUpdateSource(LIBRARY_DB)});`)() as (
      ...args: unknown[]
    ) => void;
    for (const copy of library) {
      const original = published.find((s) => s._id === copy._id);
      expect(copy.comments).toEqual({});
      expect({ ...copy, comments: original?.comments }).toEqual(original);
      expect(() => parseDoc(copy)).not.toThrow();
      expect(() => validate(copy, null, { name: 's', roles: [SECRETARIAT_ROLE] }, {})).not.toThrow();
    }
  });

  it('give a published story a good length, and leave some drafts thin', () => {
    for (const story of all.filter((s) => s.status === 'published')) {
      const missing = storyChecklist(story).filter((i) => i.essential && i.state === 'missing');
      expect(missing, story._id).toEqual([]);
    }
    const drafts = all.filter((s) => s.status === 'draft');
    expect(
      drafts.some((d) => storyChecklist(d).some((i) => i.state === 'missing' || i.state === 'thin')),
    ).toBe(true);
  });

  it('give the practice institute one story in each state, and the practice library its published one', () => {
    const plan = practicePlan('2026-11-24');
    const [institute] = plan.institutes;
    if (!institute) throw new Error('no practice institute');
    const practice = stories(generateInstituteDocs(plan, institute));
    expect(practice.map((s) => s.status)).toEqual(['draft', 'in_review', 'approved', 'published']);
    expect(stories(generateLibraryDocs(plan)).map((s) => s._id)).toEqual([practice[3]?._id]);
  });
});
