/**
 * The secretariat's computer against a real hub: it syncs every institute in the
 * directory, one after another, besides its own; its read model lists every institute's
 * responses with their names; what it writes for institute B reaches B's own computer and
 * nothing of B's reaches A; its library writes reach institute computers, which never
 * push the library themselves; and an institute whose database is missing is reported in
 * plain words while the others sync.
 */
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDoc } from '../../shared/docs/response/schema';
import { shippedTemplates } from '../../shared/forms/shipped';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { loadSyncRecord } from '../../renderer/src/data/device-settings';
import { Repository } from '../../renderer/src/data/repository';
import { SLOW_LINK } from '../../renderer/src/data/sync/controller';
import { SyncSession, type SessionState } from '../../renderer/src/data/sync/session';
import { closeWorkspace, openWorkspace, type Workspace } from '../../renderer/src/data/workspace';
import { directoryView } from '../../renderer/src/features/institutes/directory-view';
import { device, memoryKeeper, TestPouch, type Device } from './helpers/devices';
import { addUsers, adminUrl, caller, startTestHub, type TestHub } from './helpers/hub';
import { startLinkProxy, type LinkProxy } from './helpers/link-proxy';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4695);
const FAST = { ...SLOW_LINK, retryMs: 200 };
const ORGS = ['sec', 'a', 'absent', 'b', 'c'];
const NAMES: Record<string, string> = {
  a: 'Institute A',
  absent: 'Absent Institute',
  b: 'Bureau B',
  c: 'Centre C',
  sec: 'DEC Secretariat',
};

let hub: TestHub;
let proxy: LinkProxy;
const workspaces: Workspace[] = [];
const sessions: SyncSession[] = [];

beforeAll(async () => {
  hub = await startTestHub(PORT);
  proxy = await startLinkProxy(hub.url);
  const client = couchClient(adminUrl(hub));
  await setupServer(
    client,
    ORGS,
    Object.fromEntries(ORGS.map((org) => [org, { name: NAMES[org] ?? org, economy: 'Testland' }])),
  );
  // Listed in the directory, but its database is gone from the server.
  await client.request('DELETE', '/org-absent');
  await addUsers(client, [
    { name: 'sam', role: 'secretariat' },
    { name: 'ana', role: 'org:a' },
    { name: 'bob', role: 'org:b' },
    { name: 'cyd', role: 'org:c' },
  ]);
});
afterAll(async () => {
  for (const session of sessions) session.dispose();
  for (const ws of workspaces) {
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
  await proxy?.close();
  await hub?.destroy();
});

async function computer(
  org: string,
  user: string,
): Promise<{ ws: Workspace; session: SyncSession; states: SessionState[] }> {
  const ws = await openWorkspace({ org, user }, TestPouch);
  workspaces.push(ws);
  const states: SessionState[] = [];
  const session = new SyncSession({
    db: ws.db,
    library: ws.library,
    org,
    Pouch: TestPouch,
    keeper: memoryKeeper(),
    online: true,
    options: FAST,
    roundsEveryMs: 10 * 60_000,
    onState: (state) => states.push(state),
  });
  sessions.push(session);
  await session.open();
  await session.signIn({ url: proxy.url, name: user, password: `${user}-password` });
  return { ws, session, states };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An institute's own computer, with one response synced up to its database. */
async function institute(org: string, user: string, answer: string): Promise<Device> {
  const d = device(`own-${org}`, org, user, `${user}-password`);
  const doc = await d.repository.createResponse('dec_capacity_needs', '2026.1', 2026, {});
  await d.repository.saveAnswers(doc._id, { parent_body: answer });
  await d.db.replicate.to(d.remote(hub.url, `org-${org}`));
  return d;
}

const last = (states: SessionState[]): SessionState | undefined => states.at(-1);

describe('the secretariat’s computer', () => {
  let sec: Awaited<ReturnType<typeof computer>>;
  let bob: Device;

  it('pulls every institute of the directory, one after another, and lists them with their names', async () => {
    await institute('a', 'ana', 'Ministry A');
    bob = await institute('b', 'bob', 'Ministry B');
    await institute('c', 'cyd', 'Ministry C');
    proxy.reset();

    sec = await computer('sec', 'sam');
    expect(last(sec.states)?.isSecretariat).toBe(true);
    await sec.session.roundsSettled();
    const rounds = last(sec.states)?.rounds;
    expect(rounds?.total).toBe(4); // a, absent, b, c: its own institute is synced live
    // The response: the database's validation document comes too, but is nobody's document to count.
    expect(rounds?.results['b']).toMatchObject({ ok: true, down: 1, up: 0 });
    expect(rounds?.lastPassAt).toBeDefined();
    // Every progress step was reported: "institute 3 of 4".
    expect(
      sec.states.some((s) => s.rounds?.running && s.rounds.index === 3 && s.rounds.current === 'b'),
    ).toBe(true);
    // Not a long-poll per institute and direction (nine here): a browser allows about six connections.
    expect(proxy.maxOpen()).toBeLessThanOrEqual(5);

    await sec.ws.projector.catchUp();
    await sec.ws.libraryProjector.catchUp();
    const rows = (await sec.ws.readModel.responses.toArray()).sort((x, y) => x.org.localeCompare(y.org));
    expect(rows.map((r) => r.org)).toEqual(['a', 'b', 'c']);
    const directory = directoryView(
      await sec.ws.readModel.institutes.toArray(),
      { org: 'sec', instituteName: 'DEC Secretariat', acronym: '', economy: 'Testland', inferred: false },
      [],
    );
    expect(rows.map((r) => directory.get(r.org).name)).toEqual(['Institute A', 'Bureau B', 'Centre C']);
  });

  it('only pulls an institute where nothing changed, on either side, since the last pass', async () => {
    proxy.reset();
    sec.session.syncNow();
    await sec.session.roundsSettled();
    expect(last(sec.states)?.rounds?.results['c']).toMatchObject({ ok: true, up: 0, down: 0 });
    expect(proxy.requests.filter((r) => /^POST \/org-[abc]\//.test(r))).toEqual([]);
    expect(proxy.requests.filter((r) => r.startsWith('GET /org-c/_changes'))).toHaveLength(1);
  });

  it('remembers the account’s roles, not its password, so an offline launch knows it is the secretariat', async () => {
    const record = await loadSyncRecord('sec');
    expect(record.roles).toEqual(['secretariat']);
    expect(JSON.stringify(record)).not.toContain('sam-password');
    const states: SessionState[] = [];
    const offline = new SyncSession({
      db: sec.ws.db,
      library: sec.ws.library,
      org: 'sec',
      Pouch: TestPouch,
      keeper: memoryKeeper(),
      online: false,
      onState: (state) => states.push(state),
    });
    sessions.push(offline);
    await offline.open();
    expect(last(states)?.isSecretariat).toBe(true);
    offline.dispose();
  });

  it('reports a missing institute database in plain words, and syncs the others', () => {
    const results = last(sec.states)?.rounds?.results ?? {};
    expect(results['absent']?.ok).toBe(false);
    expect(results['absent']?.message).toMatch(/org-absent/);
    expect(results['absent']?.message).toMatch(/workbench setup --org absent/);
    for (const org of ['a', 'b', 'c']) expect(results[org]?.ok, org).toBe(true);
  });

  it('sends what it writes for institute B to B’s database only, and B’s computer receives it', async () => {
    const forB = new Repository(sec.ws.db, { org: 'b', user: 'sam' });
    const existing = 'response:b:dec_capacity_needs:2026';
    await forB.saveAnswers(existing, { parent_body: 'Corrected by the secretariat' });
    const created = await forB.createResponse('dec_capacity_needs', '2026.1', 2027, {
      parent_body: 'By mail',
    });
    await until('both changes wait to go up', async () => {
      await sec.session.roundsSettled();
      return (last(sec.states)?.status.waitingUp ?? 0) >= 2;
    });

    sec.session.syncNow();
    await sec.session.roundsSettled();
    expect(last(sec.states)?.rounds?.results['b']).toMatchObject({ ok: true, up: 2 });
    await until('nothing waits', () => last(sec.states)?.status.waitingUp === 0);

    await bob.db.replicate.from(bob.remote(hub.url, 'org-b'));
    const received = (await bob.repository.getResponse(existing)) as ResponseDoc;
    expect(received.answers['parent_body']?.value).toBe('Corrected by the secretariat');
    expect((await bob.repository.getResponse(created._id))?.answers['parent_body']?.value).toBe('By mail');

    // Not even offered to the others' databases (their validation would refuse it).
    const results = last(sec.states)?.rounds?.results ?? {};
    expect([results['a']?.message, results['c']?.message]).toEqual([undefined, undefined]);
    expect(last(sec.states)?.status.refused).toEqual([]);
    const admin = caller(hub, 'admin', 'hub-admin-pw');
    for (const db of ['org-a', 'org-c', 'org-sec']) {
      const all = await admin('GET', `/${db}/_all_docs`);
      const ids = (all.json['rows'] as { id: string }[]).map((r) => r.id);
      expect(
        ids.filter((id) => id.includes(':b:')),
        db,
      ).toEqual([]);
    }
  });

  it('publishes its library writes, and an institute computer lists them but never pushes the library', async () => {
    const [shipped] = shippedTemplates;
    if (!shipped) throw new Error('the app ships at least one template');
    await sec.ws.libraryRepository.saveTemplate(
      { ...shipped, id: 'published_form', version: '1', title: 'Published form' },
      'published.xlsx',
    );
    const admin = caller(hub, 'admin', 'hub-admin-pw');
    // Sent soon after it was written, not at the next pass ten minutes later.
    await until(
      'the template is in dec-library',
      async () => (await admin('GET', '/dec-library/template:published_form:1')).status === 200,
    );

    proxy.reset();
    const ana = await computer('a', 'ana');
    expect(last(ana.states)?.isSecretariat).toBe(false);
    // A library document written on an institute's computer (it has no business there).
    await ana.ws.library.put({
      _id: 'institute:made-up',
      type: 'institute',
      schemaVersion: 1,
      org: 'made-up',
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
      updatedBy: 'ana',
      name: 'Made up',
      acronym: '',
      economy: '',
      inferred: false,
      source: 'given',
    });
    await until('the published template is listed on A’s computer', async () => {
      await ana.ws.libraryProjector.catchUp();
      return (await ana.ws.readModel.libraryTemplates.get('template:published_form:1')) !== undefined;
    });
    await until('A’s sync is idle', () => last(ana.states)?.status.phase === 'idle');
    await ana.ws.projector.catchUp();
    // A's own computer sees its own responses only; the directory came down with the library.
    expect((await ana.ws.readModel.responses.toArray()).map((r) => r.org)).toEqual(['a']);
    expect(await ana.ws.readModel.institutes.count()).toBe(ORGS.length + 1);

    expect(proxy.requests.filter((r) => /^POST \/dec-library\/(_bulk_docs|_revs_diff)/.test(r))).toEqual([]);
    expect(proxy.requests.some((r) => r.startsWith('GET /dec-library/_changes'))).toBe(true);
    expect((await admin('GET', '/dec-library/institute:made-up')).status).toBe(404);
  });
});
