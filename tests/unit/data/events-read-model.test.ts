/**
 * Events and DEN2DEN in the data layer, on a real PouchDB (memory adapter) and Dexie
 * (fake-indexeddb): participants' responses projected beside (never into) the questionnaire
 * list; events and offers from both sources; exchange parts and copies; the read model's
 * version 11 over a version 10 database; the secretariat's relay writing copies and library
 * publications once; and kiosk mode's password and state on this computer.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeViews } from '../../../shared/den2den/exchange';
import { EVENT_SCHEMA_VERSION, type EventDoc } from '../../../shared/docs/event/schema';
import type { OfferDoc } from '../../../shared/docs/offer/schema';
import { findShippedTemplate } from '../../../shared/forms/shipped';
import { eventId, exchangeCopyId, instituteId, offerId } from '../../../shared/ids';
import { answerRequest, makeRequest } from '../../../renderer/src/data/den2den';
import {
  kioskParticipantKey,
  ownParticipantKey,
  startEventResponse,
} from '../../../renderer/src/data/events';
import { preferOwn } from '../../../renderer/src/data/events-projector';
import {
  checkKioskPassword,
  enterKiosk,
  KIOSK_ITERATIONS,
  leaveKiosk,
  loadKiosk,
  setKioskPassword,
} from '../../../renderer/src/data/kiosk';
import { readSetting } from '../../../renderer/src/data/device-settings';
import { ReadModelDb, readModelName } from '../../../renderer/src/data/read-model';
import { Repository } from '../../../renderer/src/data/repository';
import { relayForSecretariat } from '../../../renderer/src/data/sync/relay';
import {
  closeWorkspace,
  openWorkspace,
  rebuildReadModel,
  type Workspace,
} from '../../../renderer/src/data/workspace';
import { z } from 'zod';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) {
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
});

const AT = '2026-05-15T09:00:00.000Z';
const feedback = findShippedTemplate('workshop_feedback');
if (!feedback) throw new Error('no feedback template');

function eventOf(org: string, id = 'w1'): EventDoc {
  return {
    _id: eventId(org, id),
    type: 'event',
    schemaVersion: EVENT_SCHEMA_VERSION,
    org,
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'Ana',
    title: 'Mass workshop',
    kind: 'workshop',
    leverageArea: '',
    workPackage: '',
    start: '2026-05-14',
    end: '2026-05-15',
    online: false,
    place: '',
    organiser: '',
    objectives: '',
    inputs: '',
    targetGroups: '',
    speakers: {},
    participants: {},
    attendance: 10,
    feedbackTemplateId: feedback?.id ?? '',
    feedbackTemplateVersion: feedback?.version ?? '',
    activityId: '',
    status: 'held',
  };
}

async function workspace(org = uniqueOrg('events'), user = 'Ana') {
  const ws = await openWorkspace({ org, user }, MemoryPouch, { libraryName: `library-${org}` });
  open.push(ws);
  return ws;
}

const settle = (ws: Workspace) =>
  Promise.all(ws.eventsProjectors.map((f) => f.catchUp()).concat(ws.projector.catchUp()));

describe('events in the read model', () => {
  it('lists participants’ responses with their event, never in the questionnaires list', async () => {
    const ws = await workspace();
    const org = ws.author.org;
    const event = eventOf(org);
    await ws.repository.put(event);
    const keys = [kioskParticipantKey(), kioskParticipantKey()];
    expect(keys[0]).toMatch(/^k-[0-9a-f]{12}$/);
    expect(keys[0]).not.toBe(keys[1]);
    for (const participant of keys) {
      const doc = await startEventResponse(ws.repository, {
        org,
        user: 'Kiosk (Ana)',
        event,
        template: feedback,
        participant,
      });
      await ws.repository.saveAnswers(doc._id, { rating_overall: '4' });
    }
    // Started twice by the same participant: the same response.
    const again = await startEventResponse(ws.repository, {
      org,
      user: 'Kiosk (Ana)',
      event,
      template: feedback,
      participant: keys[0] ?? '',
    });
    expect(again.answers['rating_overall']?.value).toBe('4');
    expect(again.answers['workshop_name']?.value).toBe('Mass workshop');
    await ws.repository.createResponse('dec_capacity_needs', '2026.2', 2026, {});
    await settle(ws);
    expect(
      (await ws.readModel.feedback.where('event').equals(event._id).toArray())
        .map((r) => r.participant)
        .sort(),
    ).toEqual([...keys].sort());
    expect((await ws.readModel.responses.toArray()).map((r) => r.templateId)).toEqual(['dec_capacity_needs']);
    expect(ownParticipantKey('Ána Cruz')).toBe('u-ana-cruz');
  });

  it('keeps the institute’s own event and the library’s copy apart, and prefers its own', async () => {
    const ws = await workspace();
    const event = eventOf(ws.author.org);
    await ws.repository.put(event);
    await new Repository(ws.library, ws.author).put({ ...event, title: 'Published copy' });
    await settle(ws);
    const rows = await ws.readModel.events.toArray();
    expect(rows.map((r) => r.key).sort()).toEqual([`library|${event._id}`, `org|${event._id}`]);
    expect(preferOwn(rows).map((r) => r.title)).toEqual(['Mass workshop']);
    // A rebuild replays them.
    const rebuilt = await rebuildReadModel(ws);
    open.splice(open.indexOf(ws), 1, rebuilt);
    expect(await rebuilt.readModel.events.count()).toBe(2);
    const stored = await ws.repository.get(event._id);
    await ws.repository.remove(event._id, stored?._rev ?? '');
    await Promise.all(rebuilt.eventsProjectors.map((f) => f.catchUp()));
    expect((await rebuilt.readModel.events.toArray()).map((r) => r.source)).toEqual(['library']);
  });

  it('adds the tables of version 11 to a version 10 database, keeping what it held', async () => {
    const org = uniqueOrg('upgrade');
    const plain = new ReadModelDb(org);
    await plain.open();
    // Every store of version 10, as a database made by the previous release holds them.
    const v10 = Object.fromEntries(
      plain.tables
        .filter((t) => !['events', 'feedback', 'offers', 'exchanges'].includes(t.name))
        .map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
    );
    plain.close();
    await Dexie.delete(readModelName(org));
    const old = new Dexie(readModelName(org));
    old.version(10).stores(v10);
    await old.open();
    await old.table('supports').put({ id: 'support:x:1', org: 'x' });
    await old.table('meta').put({ key: 'checkpoint:funding', value: 7 });
    old.close();
    const upgraded = new ReadModelDb(org);
    await upgraded.open();
    expect(await upgraded.supports.count()).toBe(1);
    expect((await upgraded.meta.get('checkpoint:funding'))?.value).toBe(7);
    expect(await upgraded.events.count()).toBe(0);
    upgraded.close();
    await Dexie.delete(readModelName(org));
  });
});

describe('the secretariat’s relay', () => {
  it('copies each side’s part into the other institute’s documents and publishes events and offers, once', async () => {
    const ws = await workspace(uniqueOrg('sec'), 'Sam');
    const library = new Repository(ws.library, ws.author);
    for (const org of ['a', 'b'])
      await library.put({
        _id: instituteId(org),
        type: 'institute',
        schemaVersion: 1,
        org,
        createdAt: AT,
        updatedAt: AT,
        updatedBy: 'setup',
        name: org.toUpperCase(),
        acronym: '',
        economy: 'Testland',
        inferred: false,
        source: 'given',
      });
    // What the rounds pulled from A's and B's databases.
    const asA = new Repository(ws.db, { org: 'a', user: 'Ana' });
    const asB = new Repository(ws.db, { org: 'b', user: 'Bob' });
    const request = await makeRequest(asB, { org: 'b', user: 'Bob' }, 'a', {
      kind: 'calibration',
      area: 'M',
      title: 'E2 set',
      message: '',
      wanted: '',
      needRef: '',
      offerId: '',
    });
    await asA.put(eventOf('a'));
    const offer: OfferDoc = {
      _id: offerId('a', 'o1'),
      type: 'offer',
      schemaVersion: 1,
      org: 'a',
      createdAt: AT,
      updatedAt: AT,
      updatedBy: 'Ana',
      kind: 'calibration',
      area: 'M',
      title: 'Weights',
      description: '',
      contact: 'Ana',
      status: 'published',
      fromAnswer: '',
    };
    await asA.put(offer);

    expect(await relayForSecretariat(ws.db, ws.library, ws.author.org, 'Sam')).toEqual({
      orgs: ['a'],
      published: 2,
    });
    expect(await ws.db.get(exchangeCopyId('a', request.xid))).toMatchObject({
      org: 'a',
      from: 'b',
      updatedBy: 'Sam',
    });
    expect((await ws.library.get(offer._id)) as unknown).toMatchObject({ title: 'Weights' });
    expect(await relayForSecretariat(ws.db, ws.library, ws.author.org, 'Sam')).toEqual({
      orgs: [],
      published: 0,
    });

    // A's answer goes back to B; a withdrawn offer leaves the library.
    await settle(ws);
    const [view] = exchangeViews(await ws.readModel.exchanges.toArray());
    await answerRequest(
      asA,
      { org: 'a', user: 'Ana' },
      view ??
        (() => {
          throw new Error('no view');
        })(),
      'accepted',
      'February',
    );
    const stored = (await asA.get(offer._id)) as OfferDoc;
    await asA.put({ ...stored, status: 'withdrawn' });
    expect(await relayForSecretariat(ws.db, ws.library, ws.author.org, 'Sam')).toEqual({
      orgs: ['b'],
      published: 1,
    });
    await expect(ws.library.get(offer._id)).rejects.toMatchObject({ status: 404 });
    await settle(ws);
    expect(exchangeViews(await ws.readModel.exchanges.toArray())[0]).toMatchObject({
      state: 'accepted',
      answerNote: 'February',
    });
  });
});

describe('kiosk mode on this computer', () => {
  it('keeps the facilitator’s password as a salted hash, and leaves only with it', async () => {
    await expect(enterKiosk(eventId('a', 'w1'), 'Ana')).rejects.toThrow(/password first/);
    await expect(setKioskPassword('short')).rejects.toThrow(/at least 6/);
    await setKioskPassword('kiosk-2026');
    const kept = await readSetting('kiosk-password', z.record(z.string(), z.unknown()), {});
    expect(JSON.stringify(kept)).not.toContain('kiosk-2026');
    expect(kept).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: KIOSK_ITERATIONS });
    expect(await checkKioskPassword('kiosk-2026')).toBe(true);
    expect(await checkKioskPassword('kiosk-2027')).toBe(false);
    // Changing it needs the current one.
    await expect(setKioskPassword('another-one', 'wrong')).rejects.toThrow(/current kiosk password/);

    const state = await enterKiosk(eventId('a', 'w1'), 'Ana');
    expect(await loadKiosk()).toEqual(state);
    expect(await leaveKiosk('guess')).toBe(false);
    expect(await loadKiosk()).toEqual(state);
    expect(await leaveKiosk('kiosk-2026')).toBe(true);
    expect(await loadKiosk()).toBeUndefined();
  });
});
