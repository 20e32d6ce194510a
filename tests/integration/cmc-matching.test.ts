/**
 * Matching across institutes through a real hub, with the app's own sync sessions: institute
 * A publishes a CMC; institute B plans one in the same branch and needs traceability; the
 * secretariat's rounds bring both, it shares provider summaries, and B's computer, which
 * never sees A's database, ranks A first for its need from the library alone.
 */
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherInstitutes, needsOf } from '../../shared/cmc/institutes';
import { matchNeeds } from '../../shared/cmc/matching';
import { capabilitiesOfSummary } from '../../shared/cmc/summary';
import { newCmcPlanFields } from '../../shared/docs/cmcplan/schema';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { CmcRepository } from '../../renderer/src/data/cmc-repository';
import { planForMatching } from '../../renderer/src/data/cmc-rows';
import { shareProviderSummaries } from '../../renderer/src/data/cmc-sharing';
import { SLOW_LINK } from '../../renderer/src/data/sync/controller';
import { SyncSession, type SessionState } from '../../renderer/src/data/sync/session';
import { closeWorkspace, openWorkspace, type Workspace } from '../../renderer/src/data/workspace';
import { memoryKeeper, TestPouch } from './helpers/devices';
import { addUsers, adminUrl, caller, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4697);
const FAST = { ...SLOW_LINK, retryMs: 200 };

let hub: TestHub;
const workspaces: Workspace[] = [];
const sessions: SyncSession[] = [];

beforeAll(async () => {
  hub = await startTestHub(PORT);
  const client = couchClient(adminUrl(hub));
  await setupServer(client, ['sec', 'a', 'b'], {
    a: { name: 'Institute A', economy: 'Testland' },
    b: { name: 'Bureau B', economy: 'Testland' },
  });
  await addUsers(client, [
    { name: 'sam', role: 'secretariat' },
    { name: 'ana', role: 'org:a' },
    { name: 'bob', role: 'org:b' },
  ]);
});
afterAll(async () => {
  for (const session of sessions) session.dispose();
  for (const ws of workspaces) {
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
  await hub?.destroy();
});

async function computer(org: string, user: string) {
  const ws = await openWorkspace({ org, user }, TestPouch, { libraryName: `library-${org}` });
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
  await session.signIn({ url: hub.url, name: user, password: `${user}-password` });
  return { ws, session, states, cmc: new CmcRepository(ws.repository, ws.author) };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const onServer = async (db: string, id: string) =>
  (await caller(hub, 'sam')('GET', `/${db}/${encodeURIComponent(id)}`)).status === 200;

describe('matching needs to providers across institutes', () => {
  it('ranks, on B’s computer, the institute that published a CMC in the same branch, from the library alone', async () => {
    const ana = await computer('a', 'ana');
    const published = newCmcPlanFields('M', 'Mass standards', 'Calibration of weights');
    for (const milestone of Object.values(published.milestones)) {
      milestone.status = 'done';
      milestone.actual = '2026-01-15';
    }
    const aPlan = await ana.cmc.createPlan({ ...published, kcdbId: 'APMP-M-XA-00000001-1' });
    // A's plan at the peer-review step in temperature: an advanced capability, not yet published.
    const advanced = newCmcPlanFields('T', 'Temperature', 'PRT calibration');
    for (const key of ['quality_system', 'traceability', 'training', 'comparison'] as const)
      advanced.milestones[key] = { ...advanced.milestones[key], status: 'done', actual: '2026-02-01' };
    await ana.cmc.createPlan(advanced);

    const bob = await computer('b', 'bob');
    const need = newCmcPlanFields('M', 'Mass standards', 'Calibration of balances');
    need.milestones.traceability = { ...need.milestones.traceability, support: ['traceability'] };
    need.milestones.peer_review = { ...need.milestones.peer_review, support: ['peer_review'] };
    const bPlan = await bob.cmc.createPlan(need);
    await until(
      'both plans are on the server',
      async () => (await onServer('org-a', aPlan._id)) && (await onServer('org-b', bPlan._id)),
    );

    const sec = await computer('sec', 'sam');
    await sec.session.roundsSettled();
    await sec.ws.cmcProjector.catchUp();
    expect((await sec.ws.readModel.cmcPlans.toArray()).map((r) => r.org).sort()).toEqual(['a', 'a', 'b']);
    expect(await shareProviderSummaries(sec.ws)).toEqual({ written: 2, unchanged: 0, institutes: 2 });
    await until('the summaries reach the server', () => onServer('dec-library', 'capability:a'));

    // B's computer: its own plan and the summaries from the library; never A's database.
    await until('the summaries reach B’s computer', async () => {
      await bob.ws.libraryProjector.catchUp();
      return (await bob.ws.readModel.providerSummaries.count()) === 2;
    });
    await bob.ws.cmcProjector.catchUp();
    expect((await bob.ws.readModel.cmcPlans.toArray()).map((r) => r.org)).toEqual(['b']);
    const own = gatherInstitutes(
      await bob.ws.readModel.matchFacts.toArray(),
      (await bob.ws.readModel.cmcPlans.toArray()).map(planForMatching),
    );
    const capabilities = (await bob.ws.readModel.providerSummaries.toArray())
      .filter((s) => s.org !== 'b')
      .flatMap(capabilitiesOfSummary);
    const matches = matchNeeds(needsOf(own.values()), capabilities);
    expect(
      matches.map((m) => [m.need.type, m.need.milestone, m.providers.map((p) => [p.org, p.score])]),
    ).toEqual([
      ['traceability', 'traceability', [['a', 102]]],
      ['peer_review', 'peer_review', [['a', 102]]],
    ]);
    expect(matches[0]?.providers[0]?.reasons.map((r) => r.kind)).toEqual(['published', 'comparison']);

    // An institute cannot write summaries for others: the library is the secretariat's.
    const forged = await caller(hub, 'bob')('PUT', '/dec-library/capability:b', {
      _id: 'capability:b',
      type: 'capability',
      schemaVersion: 1,
      org: 'b',
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
      updatedBy: 'bob',
      capabilities: [{ area: 'M', kind: 'published' }],
      basis: { cycle: null, plans: 0 },
    });
    expect(forged.status).toBe(403);
  });
});
