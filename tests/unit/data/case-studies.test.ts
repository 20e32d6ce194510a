/**
 * Case studies in storage, on a real (in-memory) PouchDB and the Dexie read model: the
 * story's life through the store, photos as attachments, the published copy in the
 * library with its photos and without comments, withdrawal, and the library's rows.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStudyActor } from '../../../shared/case-studies/workflow';
import { CaseStudyStore } from '../../../renderer/src/data/case-studies';
import { caseStudyKey } from '../../../renderer/src/data/case-study-rows';
import {
  closeWorkspace,
  openWorkspace,
  rebuildReadModel,
  type Workspace,
} from '../../../renderer/src/data/workspace';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';
import { must, words } from '../case-studies/fixtures';

const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) {
    // Let the followers finish what the last writes started before their database closes.
    await Promise.all([ws.projector.catchUp(), ws.libraryProjector.catchUp()]);
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
});

async function workspace(): Promise<Workspace> {
  const org = uniqueOrg('cs');
  const ws = await openWorkspace({ org, user: 'Maria Santos' }, MemoryPouch, {
    libraryName: `library-${org}`,
  });
  open.push(ws);
  return ws;
}

// A 1 × 1 JPEG, as base64 (what Node's PouchDB takes where the browser gives a Blob).
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

let clockMs = Date.parse('2026-11-24T09:00:00.000Z');
const clock = () => new Date((clockMs += 60_000));

describe('the case-study store', () => {
  it('takes a story from draft to published and back, with its photos in the library copy', async () => {
    const ws = await workspace();
    const org = ws.author.org;
    const store = new CaseStudyStore(ws, clock);
    const author: CaseStudyActor = { user: 'Maria Santos', member: true, secretariat: false };
    const secretariat: CaseStudyActor = { user: 'Sam', member: false, secretariat: true };

    const draft = await store.create(org, 'Philippines', author);
    expect(draft._id).toMatch(new RegExp(`^casestudy:${org}:`));
    await store.edit(
      draft._id,
      {
        title: 'Weighbridges calibrated in three days',
        context: words(70),
        challenge: words(60),
        actions: words(90),
        results: words(60),
        sdgs: [9, 2],
        areas: ['M'],
      },
      author,
    );
    const { name } = await store.addPhoto(
      draft._id,
      { data: TINY_JPEG, width: 1, height: 1, bytes: 125, caption: 'The weighbridge', credit: 'Maria' },
      author,
    );
    await store.updatePhoto(draft._id, name, { caption: 'The weighbridge at the mill' }, author);
    await store.step(draft._id, 'submit', author);
    await store.comment(draft._id, 'results', 'How many mills?', secretariat);
    await expect(store.step(draft._id, 'approve', secretariat)).rejects.toThrow(/1 comment is not resolved/);
    await expect(store.step(draft._id, 'approve', author)).rejects.toThrow(
      'Only the secretariat may approve stories.',
    );
    const withComment = await store.get(draft._id);
    const [commentId] = Object.keys(must(withComment).comments);
    await store.resolve(draft._id, must(commentId), author, 'Added: 42 mills');
    await store.step(draft._id, 'approve', secretariat);
    await expect(store.step(draft._id, 'publish', author)).rejects.toThrow(
      'Only the secretariat may publish stories.',
    );
    expect(await store.getPublished(draft._id)).toBeUndefined();

    const published = await store.step(draft._id, 'publish', secretariat);
    expect(published.status).toBe('published');
    const copy = await store.getPublished(draft._id);
    expect(copy).toMatchObject({
      status: 'published',
      comments: {},
      title: 'Weighbridges calibrated in three days',
    });
    expect(must(copy).photos[name]).toMatchObject({ caption: 'The weighbridge at the mill' });
    const stored = (await store.photo('library', draft._id, name)) as unknown as Buffer;
    expect(Buffer.from(stored).toString('base64')).toBe(TINY_JPEG);

    await ws.projector.catchUp();
    await ws.libraryProjector.catchUp();
    const own = await ws.readModel.caseStudies.get(caseStudyKey('org', draft._id));
    const lib = await ws.readModel.caseStudies.get(caseStudyKey('library', draft._id));
    expect(own).toMatchObject({
      source: 'org',
      status: 'published',
      photoCount: 1,
      openComments: 0,
      sdgs: [2, 9],
    });
    expect(lib).toMatchObject({
      source: 'library',
      status: 'published',
      economy: 'Philippines',
      areas: ['M'],
    });
    expect(must(lib).publishedAt).toBeDefined();
    expect(must(lib).searchText).toContain('weighbridge at the mill');
    expect(await ws.readModel.caseStudies.where('sdgs').equals(9).count()).toBe(2);

    // Withdrawing deletes the library copy (every institute's next pull withdraws it too).
    await expect(store.step(draft._id, 'unpublish', secretariat)).rejects.toThrow('Say why');
    const withdrawn = await store.step(draft._id, 'unpublish', secretariat, 'A figure was wrong');
    expect(withdrawn.status).toBe('approved');
    expect(await store.getPublished(draft._id)).toBeUndefined();
    await ws.libraryProjector.catchUp();
    expect(await ws.readModel.caseStudies.get(caseStudyKey('library', draft._id))).toBeUndefined();

    // Published again after a correction, the library takes it back over the deletion.
    await store.step(draft._id, 'reopen', author, 'Correct the figure');
    await store.edit(draft._id, { results: words(61) }, author);
    await store.step(draft._id, 'submit', author);
    await store.step(draft._id, 'approve', secretariat);
    await store.step(draft._id, 'publish', secretariat);
    expect((await store.getPublished(draft._id))?.results).toBe(words(61));

    const history = must(await store.get(draft._id)).history.map((e) => `${e.action}:${e.by}`);
    expect(history).toEqual([
      'create:Maria Santos',
      'submit:Maria Santos',
      'approve:Sam',
      'publish:Sam',
      'unpublish:Sam',
      'reopen:Maria Santos',
      'submit:Maria Santos',
      'approve:Sam',
      'publish:Sam',
    ]);

    // The read model is derived: dropped and replayed, it lists both copies again.
    await Promise.all([ws.projector.catchUp(), ws.libraryProjector.catchUp()]);
    const rebuilt = await rebuildReadModel(ws);
    open.splice(open.indexOf(ws), 1, rebuilt);
    expect(await rebuilt.readModel.caseStudies.count()).toBe(2);
  });

  it('removes a photo with its stored image, and keeps other changes made meanwhile', async () => {
    const ws = await workspace();
    const store = new CaseStudyStore(ws, clock);
    const author: CaseStudyActor = { user: 'Maria Santos', member: true, secretariat: false };
    const draft = await store.create(ws.author.org, 'Philippines', author);
    const first = await store.addPhoto(
      draft._id,
      { data: TINY_JPEG, width: 1, height: 1, bytes: 125 },
      author,
    );
    const second = await store.addPhoto(
      draft._id,
      { data: TINY_JPEG, width: 1, height: 1, bytes: 125 },
      author,
    );
    await store.edit(draft._id, { lessons: 'Start with the customers who complain.' }, author);
    const after = await store.removePhoto(draft._id, first.name, author);
    expect(Object.keys(after.photos)).toEqual([second.name]);
    const raw = (await ws.db.get(draft._id)) as { _attachments?: Record<string, unknown> };
    expect(Object.keys(raw._attachments ?? {})).toEqual([second.name]);
    expect(after.lessons).toBe('Start with the customers who complain.');
    expect(after.photos[second.name]?.order).toBe(2);
  });

  it('refuses edits from another institute and edits of an approved story', async () => {
    const ws = await workspace();
    const store = new CaseStudyStore(ws, clock);
    const author: CaseStudyActor = { user: 'Maria Santos', member: true, secretariat: false };
    const stranger: CaseStudyActor = { user: 'Vika', member: false, secretariat: false };
    const draft = await store.create(ws.author.org, 'Philippines', author);
    await expect(store.edit(draft._id, { title: 'Mine now' }, stranger)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      store.addPhoto(draft._id, { data: TINY_JPEG, width: 1, height: 1, bytes: 125 }, stranger),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await store.get(draft._id))?.title).toBe('');
  });
});
