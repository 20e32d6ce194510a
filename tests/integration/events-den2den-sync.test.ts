/**
 * Issue 22 through a real hub: participants' feedback given at the organiser's kiosk and on a
 * participant's own computer reaches the secretariat's computer, which shows the event's results
 * from both; the organiser's event reaches every institute through the library copy the
 * secretariat's computer writes; a DEN2DEN request travels requester → secretariat's computer →
 * provider and the answer back, while each institute's computer only reads and writes its own
 * database and the library; and the server refuses an institute that writes a copy itself or
 * another institute's part.
 */
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeViews, type PartFound } from '../../shared/den2den/exchange';
import { EVENT_SCHEMA_VERSION, type EventDoc } from '../../shared/docs/event/schema';
import type { ExchangeCopyDoc, ExchangeDoc } from '../../shared/docs/exchange/schema';
import { eventResults } from '../../shared/events/results';
import { findShippedTemplate } from '../../shared/forms/shipped';
import { eventId, exchangeCopyId } from '../../shared/ids';
import { partOf } from '../../shared/sync/relay';
import { answerRequest, makeRequest, recordOutcome } from '../../renderer/src/data/den2den';
import { kioskParticipantKey, ownParticipantKey, startEventResponse } from '../../renderer/src/data/events';
import { SLOW_LINK } from '../../renderer/src/data/sync/controller';
import { SyncSession, type SessionState } from '../../renderer/src/data/sync/session';
import { closeWorkspace, openWorkspace, type Workspace } from '../../renderer/src/data/workspace';
import { device, memoryKeeper, TestPouch, type Device } from './helpers/devices';
import { caller, prepare, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT_EVENTS ?? 4777);
const FAST = { ...SLOW_LINK, retryMs: 200 };
const AT = '2026-05-15T09:00:00.000Z';
const template = findShippedTemplate('workshop_feedback');
if (!template) throw new Error('no feedback template');

let hub: TestHub;
/** The exchange of the DEN2DEN tests, once requested. */
let xid = '';
let sec: { ws: Workspace; session: SyncSession; states: SessionState[] };
const devices: Device[] = [];

const event: EventDoc = {
  _id: eventId('a', 'w1'),
  type: 'event',
  schemaVersion: EVENT_SCHEMA_VERSION,
  org: 'a',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Ana',
  title: 'Mass calibration workshop',
  kind: 'workshop',
  leverageArea: 'LA2',
  workPackage: 'LA2-WP2',
  start: '2026-05-14',
  end: '2026-05-15',
  online: false,
  place: 'Institute A',
  organiser: 'Mass laboratory',
  objectives: 'Calibrate F2 weights',
  inputs: '',
  targetGroups: '',
  speakers: {},
  participants: { b: { people: 1 } },
  attendance: 3,
  feedbackTemplateId: template.id,
  feedbackTemplateVersion: template.version,
  activityId: '',
  status: 'held',
};

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['sec', 'a', 'b'],
    [
      { name: 'sam', role: 'secretariat' },
      { name: 'ana', role: 'org:a' },
      { name: 'bob', role: 'org:b' },
    ],
  );
  const ws = await openWorkspace({ org: 'sec', user: 'Sam' }, TestPouch);
  const states: SessionState[] = [];
  const session = new SyncSession({
    db: ws.db,
    library: ws.library,
    org: 'sec',
    user: 'Sam',
    Pouch: TestPouch,
    keeper: memoryKeeper(),
    online: true,
    options: FAST,
    roundsEveryMs: 10 * 60_000,
    onState: (state) => states.push(state),
  });
  await session.open();
  await session.signIn({ url: hub.url, name: 'sam', password: 'sam-password' });
  sec = { ws, session, states };
});

afterAll(async () => {
  sec?.session.dispose();
  if (sec) {
    await closeWorkspace(sec.ws);
    await Dexie.delete(sec.ws.readModel.name);
  }
  for (const d of devices) await Promise.all([d.db.destroy(), d.library.destroy()]);
  await hub?.destroy();
});

function institute(org: string, user: string): Device {
  const d = device(`${org}-${devices.length}`, org, user, `${user}-password`);
  devices.push(d);
  return d;
}

const remotes = new Map<string, ReturnType<Device['remote']>>();

/** An institute's computer syncing as the app does: its own database both ways, the library down. */
async function sync(d: Device, org: string): Promise<void> {
  const remote = (db: string) => {
    const key = `${d.name}|${db}`;
    if (!remotes.has(key)) remotes.set(key, d.remote(hub.url, db));
    return remotes.get(key) as ReturnType<Device['remote']>;
  };
  await d.db.replicate.to(remote(`org-${org}`));
  await d.db.replicate.from(remote(`org-${org}`));
  await d.library.replicate.from(remote('dec-library'));
}

/** The secretariat's "Sync now", and the passes it asks for after carrying parts across. */
async function secretariatPass(): Promise<void> {
  sec.session.syncNow();
  await sec.session.roundsSettled();
  // A pass that relayed copies asks for the institutes concerned again, right after.
  await sec.session.roundsSettled();
}

describe('an event’s feedback', () => {
  const ana = () => devices[0] as Device;
  const bob = () => devices[1] as Device;

  it('is gathered from the organiser’s kiosk and a participant’s own computer, and the results count both', async () => {
    institute('a', 'ana');
    institute('b', 'bob');
    await ana().repository.put(event);
    // Two participants at the kiosk on A's computer, one anonymous, one who gave a name.
    const kiosk: Record<string, string>[] = [
      { rating_overall: '5', participant_name: 'Anh Phan', implementation_plan: 'Write the F2 budget' },
      { rating_overall: '3' },
    ];
    for (const values of kiosk) {
      const doc = await startEventResponse(ana().repository, {
        org: 'a',
        user: 'Kiosk (Ana)',
        event,
        template,
        participant: kioskParticipantKey(),
      });
      await ana().repository.saveAnswers(doc._id, values);
      await ana().repository.submitResponse(doc._id);
    }
    await sync(ana(), 'a');

    // The secretariat's computer publishes the event in the library; B's computer reads it there.
    await secretariatPass();
    const admin = caller(hub, 'admin', 'hub-admin-pw');
    expect((await admin('GET', `/dec-library/${encodeURIComponent(event._id)}`)).status).toBe(200);
    await sync(bob(), 'b');
    const seen = (await bob().library.get(event._id)) as unknown as EventDoc;
    expect(seen.title).toBe(event.title);

    // Bob answers on his own computer, in B's database.
    const own = await startEventResponse(bob().repository, {
      org: 'b',
      user: 'Bob Lee',
      event: seen,
      template,
      participant: ownParticipantKey('Bob Lee'),
    });
    expect(own._id).toBe('response:b:workshop_feedback:2026:a.w1:u-bob-lee');
    await bob().repository.saveAnswers(own._id, { rating_overall: '4', most_useful: 'The exercises' });
    await bob().repository.submitResponse(own._id);
    await sync(bob(), 'b');

    await secretariatPass();
    await sec.ws.eventsProjectors[0].catchUp();
    const rows = await sec.ws.readModel.feedback.where('event').equals(event._id).toArray();
    expect(rows.map((r) => r.org).sort()).toEqual(['a', 'a', 'b']);
    const results = eventResults(template, rows, event.attendance);
    expect(results).toMatchObject({ submitted: 3, rate: 1 });
    expect(results.ratings[0]).toMatchObject({ answered: 3, mean: 4 });
    expect(results.plans.map((p) => p.name)).toEqual(['Anh Phan']);
    // The institute's questionnaire list never shows participants' responses.
    expect(await sec.ws.readModel.responses.where('templateId').equals('workshop_feedback').count()).toBe(0);

    // A's database holds no response of B's, and B's none of A's.
    const ids = async (db: string) =>
      ((await admin('GET', `/${db}/_all_docs`)).json['rows'] as { id: string }[]).map((r) => r.id);
    expect((await ids('org-a')).filter((id) => id.startsWith('response:b:'))).toEqual([]);
    expect((await ids('org-b')).filter((id) => id.startsWith('response:a:'))).toEqual([]);
  });
});

describe('a DEN2DEN exchange', () => {
  const ana = () => devices[0] as Device;
  const bob = () => devices[1] as Device;

  it('travels between the two institutes only through the secretariat’s computer, and both record the outcome', async () => {
    const request = await makeRequest(bob().repository, { org: 'b', user: 'Bob' }, 'a', {
      kind: 'calibration',
      area: 'M',
      title: 'Calibrate our E2 set',
      message: '',
      wanted: 'March',
      needRef: '',
      offerId: '',
    });
    await sync(bob(), 'b');
    await secretariatPass();
    await sync(ana(), 'a');
    xid = request.xid;
    const copy = (await ana().db.get(exchangeCopyId('a', xid))) as unknown as ExchangeCopyDoc;
    expect(copy).toMatchObject({
      from: 'b',
      part: { role: 'requester', request: { title: 'Calibrate our E2 set' } },
    });

    const view = () =>
      Promise.all([ana().db.allDocs({ include_docs: true }), bob().db.allDocs({ include_docs: true })]).then(
        ([a, b]) => ({ a: viewsOf(a.rows), b: viewsOf(b.rows) }),
      );
    await answerRequest(
      ana().repository,
      { org: 'a', user: 'Ana' },
      (await view()).a[0] ?? fail(),
      'accepted',
      '',
    );
    await sync(ana(), 'a');
    await secretariatPass();
    await sync(bob(), 'b');
    expect((await view()).b[0]?.state).toBe('accepted');

    await recordOutcome(bob().repository, { org: 'b', user: 'Bob' }, (await view()).b[0] ?? fail(), {
      result: 'done',
      on: '2026-06-01',
      summary: 'Certificates received',
    });
    await recordOutcome(ana().repository, { org: 'a', user: 'Ana' }, (await view()).a[0] ?? fail(), {
      result: 'done',
      on: '2026-05-28',
      summary: 'Calibrated',
    });
    await Promise.all([sync(ana(), 'a'), sync(bob(), 'b')]);
    await secretariatPass();
    await Promise.all([sync(ana(), 'a'), sync(bob(), 'b')]);
    const both = await view();
    expect(both.a[0]?.state).toBe('completed');
    expect(both.b[0]?.state).toBe('completed');
    expect(both.b[0]?.providerOutcome?.summary).toBe('Calibrated');
    await sec.ws.eventsProjectors[0].catchUp();
    const all = exchangeViews(await sec.ws.readModel.exchanges.toArray());
    expect(all.map((v) => [v.requester, v.provider, v.state])).toEqual([['b', 'a', 'completed']]);
  });

  it('is refused by the server when an institute writes a copy itself, or another institute’s part', async () => {
    const bobCall = caller(hub, 'bob');
    const copy = (await ana().db.get(exchangeCopyId('a', xid))) as unknown as ExchangeCopyDoc;
    const forged = { ...copy, _id: exchangeCopyId('b', copy.xid), org: 'b', _rev: undefined };
    const refused = await bobCall('PUT', `/org-b/${encodeURIComponent(forged._id)}`, forged);
    expect(refused.status).toBe(403);
    expect(refused.json['reason']).toMatch(/^Only the secretariat may write exchangecopy:b:/);
    const intoA = await bobCall('PUT', `/org-a/${encodeURIComponent('exchange:a:x9')}`, {
      ...copy.part,
      _id: 'exchange:a:x9',
    });
    expect(intoA.status).toBe(403);
  });
});

function viewsOf(rows: readonly { doc?: unknown }[]) {
  return exchangeViews(
    rows.flatMap((r): PartFound[] => {
      const doc = r.doc as Record<string, unknown> & { _id: string };
      if (doc._id.startsWith('exchange:'))
        return [
          {
            part: partOf(doc as unknown as ExchangeDoc),
            by: String(doc['org']),
            updatedAt: String(doc['updatedAt']),
            updatedBy: '',
            copy: false,
          },
        ];
      if (doc._id.startsWith('exchangecopy:'))
        return [
          {
            part: (doc as unknown as ExchangeCopyDoc).part,
            by: String(doc['from']),
            updatedAt: String(doc['partUpdatedAt']),
            updatedBy: '',
            copy: true,
          },
        ];
      return [];
    }),
  );
}

function fail(): never {
  throw new Error('no exchange here');
}
