/**
 * A story edited on two computers before they sync: the author writes while a colleague
 * and the secretariat comment, photos are added on both sides. Every edit survives; only
 * two different changes to the same thing go to a person.
 */
import { describe, expect, it } from 'vitest';
import { addComment, editStory, resolveComment, takeStep } from '../../../shared/case-studies/workflow';
import type { CaseStudyDoc, PhotoMeta } from '../../../shared/docs/casestudy/schema';
import { parseDoc } from '../../../shared/docs/registry';
import { mergeLeaves, type Leaf } from '../../../shared/sync/merge';
import { AT, author, colleague, must, secretariat, story } from './fixtures';
import { resolveConflicts } from '../../../renderer/src/data/sync/conflicts';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-node';

// pouchdb-node brings replication; the memory adapter keeps it off the disk.
PouchDB.plugin(memoryAdapter);
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });

const T1 = '2026-11-25T08:00:00.000Z';
const T2 = '2026-11-25T09:00:00.000Z';

function leaf(doc: CaseStudyDoc, rev: string): Leaf {
  return { ...doc, _rev: rev } as unknown as Leaf;
}

function photo(caption: string, order: number): PhotoMeta {
  return {
    caption,
    credit: '',
    width: 1600,
    height: 1200,
    bytes: 250_000,
    order,
    addedAt: AT,
    addedBy: 'Maria Santos',
  };
}

const stub = (digest: string) => ({
  content_type: 'image/jpeg',
  digest,
  length: 250_000,
  stub: true,
  revpos: 2,
});

describe('merging concurrent revisions of a story', () => {
  const ancestor = story({
    status: 'in_review',
    photos: { 'photo-a.jpg': photo('The weighbridge', 1) },
    _attachments: { 'photo-a.jpg': stub('md5-a') },
  });

  it('keeps both reviewers’ comments, the author’s text and resolution, and every added photo', () => {
    const colleagueSide = addComment(
      ancestor,
      { id: 'c1', target: 'results', text: 'Numbers?' },
      colleague,
      T1,
    );
    const secretariatSide = addComment(
      ancestor,
      { id: 'c2', target: 'title', text: 'Shorter?' },
      secretariat,
      T2,
    );
    const authorSide = {
      ...must(editStory(ancestor, { lessons: 'Start small.' }, author, T1)),
      photos: { ...ancestor.photos, 'photo-b.jpg': photo('The mill', 2) },
      _attachments: { ...ancestor._attachments, 'photo-b.jpg': stub('md5-b') },
    };
    const leaves = [leaf(colleagueSide, '3-ccc'), leaf(secretariatSide, '3-bbb'), leaf(authorSide, '3-aaa')];
    const result = mergeLeaves(leaves, { ...ancestor });
    const reversed = mergeLeaves([...leaves].reverse(), { ...ancestor });
    expect(result).toEqual(reversed);
    expect(result.conflicts).toEqual([]);
    const merged = parseDoc({ ...result.merged, _rev: '3-ccc' }) as CaseStudyDoc;
    expect(Object.keys(merged.comments).sort()).toEqual(['c1', 'c2']);
    expect(merged.lessons).toBe('Start small.');
    expect(Object.keys(merged.photos).sort()).toEqual(['photo-a.jpg', 'photo-b.jpg']);
    expect(Object.keys(merged._attachments ?? {}).sort()).toEqual(['photo-a.jpg', 'photo-b.jpg']);
  });

  it('keeps a comment resolved on one side, and a step taken on the other', () => {
    const withComment = addComment(
      ancestor,
      { id: 'c1', target: 'results', text: 'Numbers?' },
      secretariat,
      AT,
    );
    const resolved = resolveComment(withComment, 'c1', author, T1, 'Added 42 mills');
    const returned = takeStep(withComment, 'return', secretariat, T2, 'Please add photos');
    const result = mergeLeaves([leaf(resolved, '4-aaa'), leaf(returned, '4-bbb')], { ...withComment });
    expect(result.conflicts).toEqual([]);
    expect(result.merged['status']).toBe('draft');
    const comments = result.merged['comments'] as CaseStudyDoc['comments'];
    expect(comments['c1']?.resolved?.note).toBe('Added 42 mills');
    expect((result.merged['history'] as { action: string }[]).map((e) => e.action)).toEqual([
      'create',
      'return',
    ]);
  });

  it('removes a photo removed on one side and untouched on the other, with its image', () => {
    const removed = { ...ancestor, photos: {}, _attachments: {} };
    const other = must(editStory(ancestor, { title: 'A new title for the story' }, colleague, T1));
    const result = mergeLeaves([leaf(removed, '3-aaa'), leaf(other, '3-bbb')], { ...ancestor });
    expect(result.conflicts).toEqual([]);
    expect(result.merged['photos']).toEqual({});
    expect(result.merged['_attachments']).toBeUndefined();
    expect(result.merged['title']).toBe('A new title for the story');
  });

  it('asks a person when the same photo was changed two ways, keeping every image meanwhile', () => {
    const one = { ...ancestor, photos: { 'photo-a.jpg': photo('The weighbridge, 2026', 1) } };
    const two = { ...ancestor, photos: {} as CaseStudyDoc['photos'], _attachments: {} };
    const result = mergeLeaves([leaf(one, '3-aaa'), leaf(two, '3-bbb')], { ...ancestor });
    expect(result.conflicts.map((c) => c.field)).toEqual(['photos']);
    expect(result.conflicts[0]?.options.map((o) => o.value)).toEqual([two.photos, one.photos]);
    expect(Object.keys(result.merged['_attachments'] as object)).toEqual(['photo-a.jpg']);
  });
});

describe('on real databases', () => {
  it('two computers comment offline; after they sync, both comments are in one revision everywhere', async () => {
    const a = new MemoryPouch('cs-merge-a');
    const b = new MemoryPouch('cs-merge-b');
    try {
      const start = story({ status: 'in_review' });
      await a.put(start as PouchDB.Core.PutDocument<object>);
      await a.replicate.to(b);
      const onA = (await a.get(start._id)) as unknown as CaseStudyDoc;
      const onB = (await b.get(start._id)) as unknown as CaseStudyDoc;
      const fromA = addComment(onA, { id: 'c-a', target: 'context', text: 'Which year?' }, colleague, T1);
      const fromB = addComment(onB, { id: 'c-b', target: 'impact', text: 'Jobs?' }, secretariat, T2);
      await a.put(fromA as PouchDB.Core.PutDocument<object>);
      await b.put(fromB as PouchDB.Core.PutDocument<object>);
      await a.replicate.to(b);
      await b.replicate.to(a);
      expect((await resolveConflicts(a)).inbox).toEqual([]);
      await a.replicate.to(b);
      expect((await resolveConflicts(b)).inbox).toEqual([]);
      const finalA = (await a.get(start._id, { conflicts: true })) as unknown as CaseStudyDoc & {
        _conflicts?: string[];
      };
      const finalB = (await b.get(start._id, { conflicts: true })) as unknown as CaseStudyDoc & {
        _conflicts?: string[];
      };
      expect(finalA._conflicts).toBeUndefined();
      expect(finalA._rev).toBe(finalB._rev);
      expect(Object.keys(finalA.comments).sort()).toEqual(['c-a', 'c-b']);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
