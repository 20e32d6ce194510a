/**
 * A workshop hub forwards to a central server (here another hub standing in for it):
 * both ways, resuming after the central server is stopped and restarted, losing nothing;
 * saying once that the central server cannot be reached and once that it is in step again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { adminUrl, caller, prepare, responseDoc, startTestHub, type TestHub } from './helpers/hub';

const BASE_PORT = Number(process.env.HUB_TEST_PORT ?? 4641);
const hubs: TestHub[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.destroy().catch(() => undefined);
});

async function ids(hub: { url: string }, db: string): Promise<string[]> {
  const answer = await caller(hub, 'admin', 'hub-admin-pw')('GET', `/${db}/_all_docs`);
  return ((answer.json['rows'] ?? []) as { id: string }[])
    .map((r) => r.id)
    .filter((id) => !id.startsWith('_design/'));
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('forwarding from a workshop hub to the central server', () => {
  it('replicates both ways and resumes after the central server comes back', async () => {
    let central = await startTestHub(BASE_PORT + 1);
    hubs.push(central);
    await prepare(central, ['a'], [{ name: 'alice', role: 'org:a' }]);
    const workshop = await startTestHub(BASE_PORT, { forward: adminUrl(central), forwardScanMs: 300 });
    hubs.push(workshop);
    await prepare(workshop, ['a'], [{ name: 'alice', role: 'org:a' }]);
    const atWorkshop = caller(workshop, 'alice');
    const atCentre = caller(central, 'alice');

    // Up from the workshop, down from the centre.
    expect(
      (await atWorkshop('PUT', '/org-a/response:a:dec_capacity_needs:2024', responseDoc('a', 2024))).status,
    ).toBe(201);
    expect(
      (await atCentre('PUT', '/org-a/response:a:dec_capacity_needs:2023', responseDoc('a', 2023))).status,
    ).toBe(201);
    const both = ['response:a:dec_capacity_needs:2023', 'response:a:dec_capacity_needs:2024'];
    await eventually(
      async () => JSON.stringify(await ids(central, 'org-a')) === JSON.stringify(both),
      'the first two documents at the centre',
    );
    await eventually(
      async () => JSON.stringify(await ids(workshop, 'org-a')) === JSON.stringify(both),
      'the first two documents at the workshop',
    );

    // The central server goes away; the workshop keeps working.
    await central.close();
    const written: string[] = [];
    for (let cycle = 2000; cycle < 2020; cycle++) {
      const doc = responseDoc('a', cycle, `answer ${cycle}`);
      expect((await atWorkshop('PUT', `/org-a/${String(doc._id)}`, doc)).status).toBe(201);
      written.push(String(doc._id));
    }
    central = await startTestHub(BASE_PORT + 1, {}, central.dataDir);
    hubs[0] = central;
    const expected = [...both, ...written].sort();
    await eventually(
      async () => JSON.stringify(await ids(central, 'org-a')) === JSON.stringify(expected),
      'every document at the centre after its restart',
    );
    // Nothing duplicated or changed on the way.
    const one = await caller(central, 'alice')('GET', '/org-a/response:a:dec_capacity_needs:2010');
    expect(one.json['answers']).toEqual(responseDoc('a', 2010, 'answer 2010')['answers']);
    expect(String(one.json['_rev'])).toMatch(/^1-/);
    expect(workshop.forwarder?.databases().sort()).toEqual(['dec-library', 'org-a']);
  }, 120_000);
});

describe('what forwarding tells the facilitator', () => {
  it('says once that the central server is unreachable, with the documents waiting, and once that it is in step again', async () => {
    const workshopPort = BASE_PORT + 2;
    const centralPort = BASE_PORT + 3;
    // The workshop's work, written before the central server was ever reached.
    const first = await startTestHub(workshopPort);
    await prepare(first, ['a'], [{ name: 'alice', role: 'org:a' }]);
    const atWorkshop = caller(first, 'alice');
    for (let cycle = 2000; cycle < 2020; cycle++) {
      const doc = responseDoc('a', cycle);
      expect((await atWorkshop('PUT', `/org-a/${String(doc._id)}`, doc)).status).toBe(201);
    }
    await first.close();

    const lines: string[] = [];
    const workshop = await startTestHub(
      workshopPort,
      {
        forward: `http://admin:hub-admin-pw@127.0.0.1:${centralPort}`,
        forwardScanMs: 300,
        log: (line) => lines.push(line),
      },
      first.dataDir,
    );
    hubs.push(workshop);
    const unreachable = () => lines.filter((l) => /central server unreachable since/.test(l));
    const inStep = () => lines.filter((l) => /in step with the central server again/.test(l));
    await eventually(async () => unreachable().length > 0, 'the unreachable line');
    // Twenty responses and the institute's directory entry; never the design documents.
    expect(unreachable()[0]).toMatch(/; 21 documents waiting to go up; retrying$/);

    // Retries go on for a while; it is said once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(unreachable()).toHaveLength(1);
    expect(inStep()).toHaveLength(0);

    const central = await startTestHub(centralPort);
    hubs.push(central);
    await prepare(central, ['a'], [{ name: 'alice', role: 'org:a' }]);
    await eventually(async () => inStep().length > 0, 'the in-step line', 90_000);
    expect(inStep()[0]).toMatch(/unreachable since .*\); 0 documents waiting to go up$/);
    expect((await ids(central, 'org-a')).length).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(unreachable()).toHaveLength(1);
    expect(inStep()).toHaveLength(1);
  }, 120_000);
});

describe('workbench setup on a workshop hub and on the server it forwards to', () => {
  it('writes the same revisions on both, so forwarding makes no conflict of them, and settles the conflicts an older setup left', async () => {
    const central = await startTestHub(BASE_PORT + 5);
    hubs.push(central);
    const workshop = await startTestHub(BASE_PORT + 4, { forward: adminUrl(central), forwardScanMs: 300 });
    hubs.push(workshop);
    const admin = (hub: TestHub) => caller(hub, 'admin', 'hub-admin-pw');

    // An older setup wrote an entry with plain PUTs on both sides: two revisions of one document.
    for (const hub of [workshop, central]) {
      await admin(hub)('PUT', '/dec-library', undefined);
      const put = await admin(hub)('PUT', '/dec-library/institute:c', {
        type: 'institute',
        schemaVersion: 1,
        org: 'c',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        updatedBy: 'workbench setup',
        name: 'c',
        acronym: '',
        economy: '',
        inferred: false,
        source: 'slug',
      });
      expect(put.status).toBe(201);
    }

    // The facilitator runs setup on both, as the README says, with the same names.
    const details = { b: { name: 'Bureau of Standards B', economy: 'Arvenia (fictional)' } };
    for (const hub of [workshop, central]) {
      await setupServer(couchClient(adminUrl(hub)), ['a', 'b', 'c'], details);
    }
    // In step: a document from each side has reached the other.
    const fromWorkshop = responseDoc('a', 2001);
    const fromCentre = responseDoc('a', 2002);
    await admin(workshop)('PUT', `/org-a/${String(fromWorkshop._id)}`, fromWorkshop);
    await admin(central)('PUT', `/org-a/${String(fromCentre._id)}`, fromCentre);
    await eventually(
      async () => (await ids(central, 'org-a')).length === 2,
      'the workshop document at the centre',
    );
    await eventually(
      async () => (await ids(workshop, 'org-a')).length === 2,
      'the centre document at the workshop',
    );
    // Run again later (a new institute, say): still the same revisions, still nothing to disagree about.
    for (const hub of [central, workshop]) {
      const again = await setupServer(couchClient(adminUrl(hub)), ['a', 'b', 'c'], details);
      expect(again.filter((s) => s.result !== 'unchanged')).toEqual([]);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const owned = [
      ['org-a', '_design/workbench'],
      ['org-b', '_design/workbench'],
      ['dec-library', '_design/workbench'],
      ['dec-library', 'institute:a'],
      ['dec-library', 'institute:b'],
      ['dec-library', 'institute:c'],
    ];
    for (const [db, id] of owned) {
      const [atWorkshop, atCentre] = await Promise.all(
        [workshop, central].map(async (hub) => (await admin(hub)('GET', `/${db}/${id}?conflicts=true`)).json),
      );
      expect(atWorkshop?.['_conflicts'], `${db}/${id} at the workshop`).toBeUndefined();
      expect(atCentre?.['_conflicts'], `${db}/${id} at the centre`).toBeUndefined();
      expect(atWorkshop?.['_rev'], `${db}/${id}`).toBe(atCentre?.['_rev']);
    }
    const b = (await admin(central)('GET', '/dec-library/institute:b')).json;
    expect(b).toMatchObject({ name: 'Bureau of Standards B', economy: 'Arvenia (fictional)' });
  }, 120_000);
});
