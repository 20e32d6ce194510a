/**
 * What a sync costs on the wire, request by request, against a real hub: one changed
 * document goes down or up in two requests (three when the server's marker is read
 * alongside), a live sync takes a change in one answered long poll and one fetch, a
 * story edited without touching its photos sends and fetches no photo again, a server
 * database made anew is noticed and filled again, and a link cut in the middle of an
 * answer is retried without an unhandled rejection.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { settledStandardFetch } from '../../shared/sync/fetch';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { remoteDb, SLOW_LINK, SyncController } from '../../renderer/src/data/sync/controller';
import { CouchRemote } from '../../renderer/src/data/sync/couch-remote';
import { forgetPeers, pull, push } from '../../renderer/src/data/sync/replicator';
import type { LocalDb } from '../../renderer/src/data/pouch';
import { device, seeded, TestPouch } from './helpers/devices';
import { adminUrl, caller, prepare, responseDoc, startTestHub, type TestHub } from './helpers/hub';
import { startLinkProxy, type LinkProxy } from './helpers/link-proxy';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4671);
let hub: TestHub;
let proxy: LinkProxy;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a', 'r', 'cut'],
    [
      { name: 'ana', role: 'org:a' },
      { name: 'rui', role: 'org:r' },
      { name: 'cy', role: 'org:cut' },
    ],
  );
  proxy = await startLinkProxy(hub.url);
});
afterAll(async () => {
  await proxy?.close();
  await hub?.destroy();
});

const credentials = (name: string) => ({ url: proxy.url, name, password: `${name}-password` });
const remote = (name: string, db: string) => new CouchRemote(credentials(name), db);
const once = { batchSize: SLOW_LINK.batchSize };

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A small JPEG-like attachment of `size` bytes (random, as a photo's bytes are). */
function photo(size: number, seed: number): { content_type: string; data: string } {
  const random = seeded(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return { content_type: 'image/jpeg', data: bytes.toString('base64') };
}

describe('one changed document', () => {
  it('comes down in two requests and goes up in two', async () => {
    const one = device('req-one', 'a', 'ana', 'ana-password');
    const two = device('req-two', 'a', 'ana', 'ana-password');
    const doc = await one.repository.createResponse('dec_capacity_needs', '2026.1', 2026, { q1: 'first' });
    await push(one.db, remote('ana', 'org-a'), once).done;
    await pull(two.db, remote('ana', 'org-a'), once).done;

    await one.repository.saveAnswers(doc._id, { q1: 'second' });
    proxy.reset();
    const up = await push(one.db, remote('ana', 'org-a'), once).done;
    expect(up.docs_written).toBe(1);
    expect(proxy.requests).toEqual(['POST /org-a/_revs_diff', 'POST /org-a/_bulk_docs']);

    proxy.reset();
    const down = await pull(two.db, remote('ana', 'org-a'), once).done;
    expect(down.docs_written).toBe(1);
    expect(proxy.requests).toEqual(['GET /org-a/_changes', 'POST /org-a/_bulk_get']);
    const received = (await two.db.get(doc._id)) as { answers: Record<string, { value: unknown }> };
    expect(received.answers['q1']?.value).toBe('second');

    // A new session reads the server's marker too, alongside: three requests, no more.
    forgetPeers(two.db);
    await one.repository.saveAnswers(doc._id, { q1: 'third' });
    await push(one.db, remote('ana', 'org-a'), once).done;
    proxy.reset();
    await pull(two.db, remote('ana', 'org-a'), once).done;
    expect([...proxy.requests].sort()).toEqual(
      [
        'GET /org-a/_changes',
        'GET /org-a/_local/' + proxy.requests.find((r) => r.includes('_local/'))?.split('_local/')[1],
        'POST /org-a/_bulk_get',
      ].sort(),
    );
    expect(proxy.requests).toHaveLength(3);

    // Nothing new: one request.
    proxy.reset();
    expect((await pull(two.db, remote('ana', 'org-a'), once).done).docs_written).toBe(0);
    expect(proxy.requests).toEqual(['GET /org-a/_changes']);
  });

  it('reaches a live sync in one answered long poll and one fetch', async () => {
    const one = device('live-req-one', 'a', 'ana', 'ana-password');
    const two = device('live-req-two', 'a', 'ana', 'ana-password');
    const doc = await one.repository.createResponse('dec_capacity_needs', '2026.1', 2027, { q1: 'first' });
    await push(one.db, remote('ana', 'org-a'), once).done;
    const controller = new SyncController({
      db: two.db,
      library: two.library,
      org: 'a',
      Pouch: TestPouch,
      credentials: credentials('ana'),
      options: { ...SLOW_LINK, retryMs: 200 },
      onStatus: () => undefined,
    });
    controller.start();
    try {
      await until(
        'the first sync completes',
        async () =>
          controller.current().phase === 'idle' &&
          (await two.db.allDocs({ keys: [doc._id] })).rows.some((r) => 'value' in r),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      proxy.reset();
      await one.repository.saveAnswers(doc._id, { q1: 'second' });
      await push(one.db, remote('ana', 'org-a'), once).done;
      await until('the edit arrives', async () => {
        const current = (await two.db.get(doc._id)) as { answers: Record<string, { value: unknown }> };
        return current.answers['q1']?.value === 'second';
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const forTwo = proxy.requests.filter((r) => !/_revs_diff|_bulk_docs/.test(r));
      // The long poll that answered, the fetch, and the next long poll (left open).
      expect(forTwo.filter((r) => r === 'POST /org-a/_bulk_get')).toHaveLength(1);
      expect(forTwo.filter((r) => r.startsWith('GET /org-a/_changes')).length).toBeLessThanOrEqual(2);
      expect(forTwo.filter((r) => r.includes('/org-a/')).length).toBeLessThanOrEqual(3);
    } finally {
      controller.stop();
    }
  });
});

describe('photos', () => {
  it('travel once: inline with a new story, as raw bytes when added, not again when the text changes', async () => {
    const one = device('photo-one', 'a', 'ana', 'ana-password');
    const two = device('photo-two', 'a', 'ana', 'ana-password');
    const photos = { 'photo-1.jpg': photo(40_000, 1), 'photo-2.jpg': photo(90_000, 2) };
    const base = { ...responseDoc('a', 2030), _id: 'response:a:story_form:2030', templateId: 'story_form' };
    await one.db.put({ ...base, _attachments: photos });
    proxy.reset();
    await push(one.db, remote('ana', 'org-a'), once).done;
    await pull(two.db, remote('ana', 'org-a'), once).done;
    // A new story's photos come inline with it; gzip takes the base64 back to the bytes' size.
    expect(proxy.requests.filter((r) => r.startsWith('GET /org-a/response'))).toEqual([]);
    expect(proxy.counts.bytesUp).toBeLessThan(1.05 * 130_000 + 8_000);
    expect(proxy.counts.bytesDown).toBeLessThan(1.05 * 130_000 + 8_000);
    const pulled = await two.db.getAttachment(base._id, 'photo-2.jpg');
    expect(Buffer.from(pulled as Buffer).toString('base64')).toBe(photos['photo-2.jpg'].data);

    const current = await one.db.get(base._id);
    await one.db.put({ ...current, updatedAt: '2026-11-25T09:00:00.000Z' });
    proxy.reset();
    await push(one.db, remote('ana', 'org-a'), once).done;
    expect(proxy.counts.bytesUp).toBeLessThan(10_000);
    proxy.reset();
    await pull(two.db, remote('ana', 'org-a'), once).done;
    expect(proxy.requests).toEqual(['GET /org-a/_changes', 'POST /org-a/_bulk_get']);
    expect(proxy.counts.bytesDown).toBeLessThan(10_000);
    expect(((await two.db.get(base._id)) as { updatedAt: string }).updatedAt).toBe(
      '2026-11-25T09:00:00.000Z',
    );
    const kept = await two.db.getAttachment(base._id, 'photo-1.jpg');
    expect(Buffer.from(kept as Buffer).toString('base64')).toBe(photos['photo-1.jpg'].data);

    // A photo added to a story already here: only it travels, as raw bytes.
    const third = photo(60_000, 3);
    const latest = await one.db.get(base._id);
    await one.db.putAttachment(base._id, 'photo-3.jpg', latest._rev, third.data, 'image/jpeg');
    proxy.reset();
    await push(one.db, remote('ana', 'org-a'), once).done;
    expect(proxy.counts.bytesUp).toBeLessThan(1.05 * 60_000 + 6_000);
    proxy.reset();
    await pull(two.db, remote('ana', 'org-a'), once).done;
    expect(proxy.requests).toEqual([
      'GET /org-a/_changes',
      'POST /org-a/_bulk_get',
      `GET /org-a/${encodeURIComponent(base._id)}/photo-3.jpg`,
    ]);
    expect(proxy.counts.bytesDown).toBeLessThan(60_000 + 4_000);
    const added = await two.db.getAttachment(base._id, 'photo-3.jpg');
    expect(Buffer.from(added as Buffer).toString('base64')).toBe(third.data);
  });
});

describe('PouchDB’s own replication through remoteDb in Node', () => {
  it('stores attachments (they arrive as Buffers, not Blobs the memory adapter cannot hash)', async () => {
    const one = device('remote-db-one', 'a', 'ana', 'ana-password');
    const two = device('remote-db-two', 'a', 'ana', 'ana-password');
    const picture = photo(5_000, 9);
    const id = 'response:a:remote_db_form:2031';
    await one.db.put({
      ...responseDoc('a', 2031),
      _id: id,
      templateId: 'remote_db_form',
      _attachments: { 'p.jpg': picture },
    });
    await one.db.replicate.to(remoteDb(TestPouch, credentials('ana'), 'org-a'));
    await two.db.replicate.from(remoteDb(TestPouch, credentials('ana'), 'org-a'), { doc_ids: [id] });
    const stored = await two.db.getAttachment(id, 'p.jpg');
    expect(Buffer.from(stored as Buffer).toString('base64')).toBe(picture.data);
  });
});

describe('a server database made anew', () => {
  it('is noticed at the next session and receives everything again', async () => {
    const d = device('reset', 'r', 'rui', 'rui-password');
    for (let i = 0; i < 3; i++) {
      await d.repository.createResponse(`form_${i}`, '1', 2026, { q: `answer ${i}` });
    }
    await push(d.db, remote('rui', 'org-r'), once).done;
    await pull(d.db, remote('rui', 'org-r'), once).done;
    // The hub's database is lost and prepared again (as after a new hub laptop).
    const admin = couchClient(adminUrl(hub));
    await admin.request('DELETE', '/org-r');
    await setupServer(admin, ['r']);
    forgetPeers(d.db);
    const again = await push(d.db, remote('rui', 'org-r'), once).done;
    expect(again.docs_written).toBe(3);
    const all = await caller(hub, 'rui')('GET', '/org-r/_all_docs');
    expect((all.json['rows'] as { id: string }[]).filter((r) => r.id.startsWith('response:'))).toHaveLength(
      3,
    );
  });
});

describe('a link cut in the middle of an answer', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('is an error answer, not a rejection nor a body that fails later', async () => {
    const cutter = await startLinkProxy(hub.url, 0, { cutAfterBytes: () => 20 });
    try {
      const settled = settledStandardFetch((url: string, init?: RequestInit) => fetch(url, init));
      const answer = await settled(`${cutter.url}/org-a/_all_docs?include_docs=true`, {
        headers: { authorization: `Basic ${Buffer.from('ana:ana-password').toString('base64')}` },
      });
      expect(cutter.counts.cuts).toBe(1);
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: string }).error).toBe('unreachable');
    } finally {
      await cutter.close();
    }
  });

  it('is retried until everything has arrived, with no unhandled rejection', async () => {
    const admin = caller(hub, 'admin', 'hub-admin-pw');
    const docs = Array.from({ length: 120 }, (_, i) => ({
      ...responseDoc('cut', 2026, `answer ${i} `.repeat(30)),
      _id: `response:cut:form_${i}:2026`,
      templateId: `form_${i}`,
    }));
    expect((await admin('POST', '/org-cut/_bulk_docs', { docs })).status).toBe(201);
    const random = seeded(11);
    // Every other answer is cut after its headers, somewhere in its body.
    const cutter = await startLinkProxy(hub.url, 0, {
      cutAfterBytes: () => (random() < 0.5 ? 100 + Math.floor(random() * 600) : undefined),
    });
    const local: LocalDb = new TestPouch('cut-mid-body');
    const errors: unknown[] = [];
    try {
      const live = pull(
        local,
        new CouchRemote({ url: cutter.url, name: 'cy', password: 'cy-password' }, 'org-cut'),
        {
          batchSize: 20,
          live: { heartbeat: 1_000, timeout: 5_000, retryMs: 50 },
        },
      );
      live.on('paused', (error) => error && errors.push(error));
      await until(
        'every document arrived',
        async () =>
          (await local.allDocs({ startkey: 'response:', endkey: 'response:\uffff' })).rows.length === 120,
        60_000,
      );
      live.cancel();
      await live.done;
      expect(cutter.counts.cuts).toBeGreaterThan(2);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => (e as { status?: number }).status === 503)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      await cutter.close();
      await local.destroy();
    }
  }, 90_000);
});
