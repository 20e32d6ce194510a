/**
 * The app's sync controller against a real hub on 127.0.0.1: sign-in errors in plain
 * words, live sync that reports progress and history, documents the server refuses,
 * replication through a line that is cut at random points, a hub restarted mid-sync, and
 * sync by file followed by a network sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, saveBundle } from '../../renderer/src/data/sync/file-sync';
import {
  checkSignIn,
  SLOW_LINK,
  SyncController,
  type SyncOptions,
  type SyncStatus,
} from '../../renderer/src/data/sync/controller';
import type { LocalDb } from '../../renderer/src/data/pouch';
import { device, seeded, TestPouch, type Device } from './helpers/devices';
import { adminUrl, caller, prepare, responseDoc, startTestHub, type TestHub } from './helpers/hub';
import { startLinkProxy } from './helpers/link-proxy';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4661);
const NOTHING_LISTENS = 'http://127.0.0.1:4669';
const FAST: SyncOptions = { ...SLOW_LINK, retryMs: 200 };
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a', 'b', 'big'],
    [
      { name: 'ana', role: 'org:a' },
      { name: 'ben', role: 'org:a' },
      { name: 'bob', role: 'org:b' },
      { name: 'gil', role: 'org:big' },
    ],
  );
});
afterAll(async () => {
  await hub?.destroy();
});

function controllerFor(
  d: Device,
  org: string,
  password: string,
  url = hub.url,
  options = FAST,
): { controller: SyncController; statuses: SyncStatus[] } {
  const statuses: SyncStatus[] = [];
  const controller = new SyncController({
    db: d.db,
    library: d.library,
    org,
    Pouch: TestPouch,
    credentials: { url, name: user(d), password },
    options,
    onStatus: (s) => statuses.push(s),
  });
  return { controller, statuses };
}
const users = new WeakMap<Device, string>();
function user(d: Device): string {
  return users.get(d) ?? '';
}
function makeDevice(name: string, org: string, userName: string): Device {
  const d = device(name, org, userName, `${userName}-password`);
  users.set(d, userName);
  return d;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function docCount(db: LocalDb): Promise<number> {
  return (await db.allDocs()).rows.filter((r) => !r.id.startsWith('_design/')).length;
}

/** Every document once, each with one leaf and no conflict. */
async function singleLeaves(db: LocalDb): Promise<boolean> {
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  return all.rows.every((r) => !(r.doc as { _conflicts?: string[] })._conflicts?.length);
}

describe('signing in', () => {
  it('says in plain words what is wrong', async () => {
    const sign = (url: string, name: string, password: string, org = 'a') =>
      checkSignIn({ url, name, password }, org).then(
        () => 'ok',
        (e: Error) => e.message,
      );
    expect(await sign(hub.url, 'ana', 'wrong')).toBe('The user name or password is wrong.');
    expect(await sign(hub.url, 'nobody', 'x')).toBe('The user name or password is wrong.');
    expect(await sign(NOTHING_LISTENS, 'ana', 'ana-password')).toMatch(
      /^The server 127\.0\.0\.1:4669 cannot be reached\. Check the address/,
    );
    expect(await sign('192.168.1.20:5984', 'ana', 'ana-password')).toMatch(/must look like http:\/\//);
    expect(await sign(hub.url, 'bob', 'bob-password')).toMatch(/does not belong to this institute \(a\)/);
    expect(await sign(`${hub.url}/`, 'ana', 'ana-password')).toBe('ok');
  });
});

describe('live sync', () => {
  it('carries an edit from one user to another and reports progress, waiting changes and history', async () => {
    const one = makeDevice('live-one', 'a', 'ana');
    const two = makeDevice('live-two', 'a', 'ben');
    const doc = await one.repository.createResponse('dec_capacity_needs', '2026.1', 2026, { q1: 'first' });
    const a = controllerFor(one, 'a', 'ana-password');
    expect(await a.controller.countWaiting()).toBe(1);
    a.controller.start();
    await until('the first sync completes', () => a.controller.current().phase === 'idle');
    expect(a.controller.current()).toMatchObject({ waitingUp: 0, docsUp: 1 });
    expect(a.controller.current().lastSyncedAt).toBeDefined();
    expect(a.controller.current().history[0]).toMatchObject({ outcome: 'ok', up: 1 });

    const b = controllerFor(two, 'a', 'ben-password');
    b.controller.start();
    await until('the other user has the response', async () =>
      (await two.db.allDocs({ keys: [doc._id] })).rows.some((r) => 'value' in r && r.value),
    );
    await until('the other side is idle', () => b.controller.current().phase === 'idle');
    expect(b.controller.current().docsDown).toBeGreaterThanOrEqual(1);
    expect(b.controller.current().bytesDown).toBeGreaterThan(0);
    expect(b.controller.current().serverDocs).toBeGreaterThanOrEqual(1);

    // A live edit goes across while both stay connected.
    await two.repository.saveAnswers(doc._id, { q1: 'second' });
    await until('the edit arrives', async () => {
      const current = (await one.db.get(doc._id)) as { answers: Record<string, { value: unknown }> };
      return current.answers['q1']?.value === 'second';
    });
    a.controller.stop();
    b.controller.stop();
    expect(a.controller.current().phase).toBe('stopped');
  }, 60_000);

  it('shows a document the server refused, which one and why, and keeps syncing the rest', async () => {
    const one = makeDevice('refused', 'a', 'ana');
    await one.repository.createResponse('dec_capacity_needs', '2026.1', 2031, {});
    const stray = { ...responseDoc('b', 2030), _id: 'response:b:dec_capacity_needs:2030' };
    await one.db.put(stray);
    const a = controllerFor(one, 'a', 'ana-password');
    a.controller.start();
    await until('refused', () => a.controller.current().refused.length > 0);
    await until('idle', () => a.controller.current().phase === 'idle');
    a.controller.stop();
    expect(a.controller.current().refused).toEqual([
      {
        id: stray._id,
        reason: expect.stringMatching(/belongs to institute "b"/) as unknown as string,
      },
    ]);
    const seen = await caller(hub, 'ana')('GET', '/org-a/response:a:dec_capacity_needs:2031');
    expect(seen.status).toBe(200);
  }, 60_000);

  it('reports a wrong password during sync and an unreachable server as being offline', async () => {
    const one = makeDevice('errors', 'a', 'ana');
    const wrong = controllerFor(one, 'a', 'not-the-password');
    wrong.controller.start();
    await until('an error', () => wrong.controller.current().phase === 'error');
    expect(wrong.controller.current().message).toMatch(/no longer accepts your sign-in/);
    wrong.controller.stop();

    const away = controllerFor(one, 'a', 'ana-password', NOTHING_LISTENS);
    away.controller.start();
    await until('offline', () => away.controller.current().phase === 'offline');
    expect(away.controller.current().message).toMatch(/cannot be reached; your work is saved here/);
    expect(away.controller.current().history[0]).toMatchObject({ outcome: 'offline' });
    away.controller.stop();
  }, 60_000);
});

describe('a costly line', () => {
  it('sends large changes gzip-compressed, and the server stores them intact', async () => {
    const proxy = await startLinkProxy(hub.url);
    try {
      const d = makeDevice('gzip-up', 'a', 'ana');
      const answers = Object.fromEntries(
        Array.from({ length: 2000 }, (_, i) => [`q${i}`, `an answer about calibration number ${i}`]),
      );
      const doc = await d.repository.createResponse('dec_capacity_needs', '2026.1', 2045, answers);
      const size = JSON.stringify(await d.db.get(doc._id)).length;
      const c = controllerFor(d, 'a', 'ana-password', proxy.url);
      c.controller.start();
      await until(
        'sent',
        () => c.controller.current().phase === 'idle' && c.controller.current().docsUp >= 1,
      );
      c.controller.stop();
      // Everything sent, headers of every request included, is a fraction of the document.
      expect(proxy.counts.bytesUp).toBeLessThan(size / 4);
      const stored = await caller(hub, 'ana')('GET', `/org-a/${encodeURIComponent(doc._id)}`);
      expect(stored.json['answers']).toEqual(((await d.db.get(doc._id)) as { answers: unknown }).answers);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('a large replication over a bad line', () => {
  const TOTAL = 600;
  beforeAll(async () => {
    const admin = caller({ url: hub.url }, 'admin', 'hub-admin-pw');
    const docs = Array.from({ length: TOTAL }, (_, i) => ({
      ...responseDoc('big', 2026, `answer ${i} `.repeat(40)),
      _id: `response:big:form_${i}:2026`,
      templateId: `form_${i}`,
    }));
    const answer = await admin('POST', '/org-big/_bulk_docs', { docs });
    expect(answer.status).toBe(201);
    expect(adminUrl(hub)).toContain('admin');
  });

  it('resumes after connections are cut at random points and ends with every document once', async () => {
    const random = seeded(5);
    const proxy = await startLinkProxy(hub.url, 0, {
      // Roughly one answer in three is cut somewhere in its first 4 kB.
      cutAfterBytes: () => (random() < 0.35 ? Math.floor(random() * 4_000) : undefined),
    });
    try {
      const d = makeDevice('cut', 'big', 'gil');
      for (let i = 0; i < 50; i++) {
        await d.repository.createResponse(`local_form_${i}`, '2026.1', 2026, { q: `local ${i}` });
      }
      const c = controllerFor(d, 'big', 'gil-password', proxy.url);
      c.controller.start();
      await until(
        'everything arrived both ways',
        async () =>
          c.controller.current().phase === 'idle' &&
          (await docCount(d.db)) === TOTAL + 50 &&
          (await caller(hub, 'gil')('GET', '/org-big')).json['doc_count'] === TOTAL + 50 + 1,
        120_000,
      );
      c.controller.stop();
      expect(proxy.counts.cuts).toBeGreaterThan(3);
      expect(await singleLeaves(d.db)).toBe(true);
      const server = await caller(hub, 'gil')('GET', '/org-big/_all_docs');
      const ids = (server.json['rows'] as { id: string }[]).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Progress was shown on the way, not only at the end.
      const downs = new Set(c.statuses.map((s) => s.docsDown));
      expect(downs.size).toBeGreaterThan(5);
    } finally {
      await proxy.close();
    }
  }, 180_000);

  it('completes when the hub restarts in the middle of a first sync', async () => {
    const d = makeDevice('restart', 'big', 'gil');
    const c = controllerFor(d, 'big', 'gil-password');
    c.controller.start();
    await until('part of the data arrived', () => c.controller.current().docsDown >= 100);
    expect(c.controller.current().docsDown).toBeLessThan(TOTAL + 50);
    hub = await hub.restart();
    await until(
      'the sync completed',
      async () => c.controller.current().phase === 'idle' && (await docCount(d.db)) === TOTAL + 50,
      120_000,
    );
    c.controller.stop();
    expect(await singleLeaves(d.db)).toBe(true);
  }, 180_000);
});

describe('sync by file, then by network', () => {
  it('neither duplicates a document nor creates a false conflict', async () => {
    const one = makeDevice('file-one', 'a', 'ana');
    const two = makeDevice('file-two', 'a', 'ben');
    const ids: string[] = [];
    for (const cycle of [2040, 2041, 2042]) {
      const doc = await one.repository.createResponse('dec_capacity_needs', '2026.1', cycle, { q1: 'v1' });
      await one.repository.saveAnswers(doc._id, { q2: 'v2' });
      ids.push(doc._id);
    }
    const saved = await saveBundle(one.db, 'a', 'device-one');
    expect(saved.docs).toBe(3);
    expect(await loadBundle(two.db, 'a', 'device-two', saved.bytes)).toEqual({ from: 'device-one', docs: 3 });
    // The other computer answers on top, then both sync with the hub.
    await two.repository.saveAnswers(ids[0] as string, { q3: 'from two' });
    for (const [d, pw] of [
      [one, 'ana-password'],
      [two, 'ben-password'],
      [one, 'ana-password'],
    ] as const) {
      const c = controllerFor(d, 'a', pw);
      c.controller.start();
      await until('idle', () => c.controller.current().phase === 'idle');
      c.controller.stop();
    }
    for (const d of [one, two]) expect(await singleLeaves(d.db)).toBe(true);
    const revs = async (d: Device) => Promise.all(ids.map(async (id) => (await d.db.get(id))._rev));
    expect(await revs(one)).toEqual(await revs(two));
    const first = (await one.db.get(ids[0] as string)) as { answers: Record<string, { value: unknown }> };
    expect(first.answers['q3']?.value).toBe('from two');
    const onHub = await caller(hub, 'ana')('POST', '/org-a/_all_docs', { keys: ids });
    expect((onHub.json['rows'] as { value?: { rev: string } }[]).map((r) => r.value?.rev)).toEqual(
      await revs(one),
    );
  }, 120_000);
});
