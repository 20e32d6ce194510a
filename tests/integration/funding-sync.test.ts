/**
 * Issue 21 through a real hub: only the secretariat writes funders and activities (an
 * institute's write is refused with the server's reason, on the hub as by CouchDB's rule); an
 * institute writes its ledger and follow-ups in its own database only; a follow-up written on
 * an institute's computer replicates up and reaches the secretariat's computer, where the
 * activity's monitoring counts it as sent. The secretariat's edits (a call's deadline, offline
 * edits of two computers, a reached value) and deletions reach every computer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDoc } from '../../shared/docs/activity/schema';
import type { FollowupDoc } from '../../shared/docs/followup/schema';
import { emptyProgramme, type FunderDoc } from '../../shared/docs/funder/schema';
import type { SupportDoc } from '../../shared/docs/support/schema';
import { applyActivityChanges, applyFunderChanges } from '../../shared/funding/edit';
import { callsDueWithin, followupStatuses, indicatorProgress } from '../../shared/funding/views';
import { followupId } from '../../shared/ids';
import { deleteDoc, editDoc } from '../../renderer/src/data/funding';
import { Repository } from '../../renderer/src/data/repository';
import { resolveConflicts } from '../../renderer/src/data/sync/conflicts';
import { device } from './helpers/devices';
import { caller, prepare, startTestHub, type Caller, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT_FUNDING ?? 4668);
const AT = '2026-06-01T00:00:00.000Z';
let hub: TestHub;
let alice: Caller;
let sam: Caller;

const funder: FunderDoc = {
  _id: 'funder:ptb',
  type: 'funder',
  schemaVersion: 1,
  org: 'sec',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Sam',
  name: 'PTB technical cooperation',
  kind: 'bilateral_nmi',
  website: '',
  contacts: '',
  programmes: {},
};

const activity: ActivityDoc = {
  _id: 'activity:mass',
  type: 'activity',
  schemaVersion: 2,
  org: 'sec',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Sam',
  title: 'Mass workshop',
  objective: '',
  leverageArea: 'LA5',
  workPackage: 'LA5-WP2',
  lead: 'b',
  budget: 20000,
  currency: 'EUR',
  funderId: 'funder:ptb',
  programmeId: '',
  start: '2026-01-12',
  end: '2026-01-16',
  participants: { a: { people: 'Two' } },
  results: {
    r1: {
      result: 'Staff trained',
      indicator: 'Staff trained',
      baseline: 0,
      target: 4,
      actual: null,
      actualOn: '',
      actualSource: '',
      unit: 'people',
    },
  },
};

const entry: SupportDoc = {
  _id: 'support:a:s1',
  type: 'support',
  schemaVersion: 1,
  org: 'a',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Alice',
  funderId: 'funder:ptb',
  programmeId: '',
  funderText: '',
  provider: 'b',
  kind: 'training',
  amount: 3000,
  currency: 'EUR',
  start: '2026-01-12',
  end: '2026-01-16',
  area: 'M',
  needs: [],
  status: 'received',
  results: '',
  fromAnswer: '',
};

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a', 'b'],
    [
      { name: 'alice', role: 'org:a' },
      { name: 'sam', role: 'secretariat' },
    ],
  );
  alice = caller(hub, 'alice');
  sam = caller(hub, 'sam');
});

afterAll(async () => {
  await hub.destroy();
});

describe('funding documents on the server', () => {
  it('lets only the secretariat write funders and activities, in the library', async () => {
    const refused = await alice('PUT', `/dec-library/${encodeURIComponent(funder._id)}`, funder);
    expect(refused.status).toBe(403);
    expect(refused.json['reason']).toBe('Only the secretariat may change the library (dec-library).');
    expect((await sam('PUT', `/dec-library/${encodeURIComponent(funder._id)}`, funder)).status).toBe(201);
    expect((await sam('PUT', `/dec-library/${encodeURIComponent(activity._id)}`, activity)).status).toBe(201);
    // Not in an institute's database either, whoever writes it.
    const misplaced = await sam('PUT', `/org-a/${encodeURIComponent(funder._id)}`, funder);
    expect(misplaced.status).toBe(403);
    expect(misplaced.json['reason']).toBe('A funder document does not belong in org-a.');
  });

  it('keeps an institute’s ledger in its own database', async () => {
    expect((await alice('PUT', `/org-a/${encodeURIComponent(entry._id)}`, entry)).status).toBe(201);
    const other = { ...entry, _id: 'support:b:s1', org: 'b' };
    expect((await alice('PUT', `/org-b/${encodeURIComponent(other._id)}`, other)).status).toBe(403);
    const library = await sam('PUT', `/dec-library/${encodeURIComponent(entry._id)}`, entry);
    expect(library.json['reason']).toBe('A support document does not belong in dec-library.');
  });

  it('brings a follow-up written on an institute’s computer to the secretariat’s', async () => {
    const laptop = device('alice-laptop', 'a', 'alice', 'alice-password');
    const followup: FollowupDoc = {
      _id: followupId('a', activity._id, 3),
      type: 'followup',
      schemaVersion: 1,
      org: 'a',
      createdAt: AT,
      updatedAt: AT,
      updatedBy: 'Alice',
      activityId: activity._id,
      months: 3,
      uses: ['training_passed_on'],
      story: 'Trained three colleagues in weighing by substitution.',
      indicators: { r1: 3 },
      submittedAt: AT,
    };
    await laptop.repository.put(followup);
    await laptop.db.replicate.to(laptop.remote(hub.url, 'org-a'));

    const office = device('sam-office', 'sec', 'sam', 'sam-password');
    await office.db.replicate.from(office.remote(hub.url, 'org-a'));
    await office.library.replicate.from(office.remote(hub.url, 'dec-library'));
    const gathered = (await office.db.get(followup._id)) as unknown as FollowupDoc;
    expect(gathered.story).toBe(followup.story);
    const acts = [(await office.library.get(activity._id)) as unknown as ActivityDoc];
    expect(
      followupStatuses(acts, [gathered], '2026-06-01').map((s) => `${s.org} ${s.months} ${s.state}`),
    ).toEqual(['a 3 submitted', 'a 12 later']);
    await Promise.all([
      laptop.db.destroy(),
      laptop.library.destroy(),
      office.db.destroy(),
      office.library.destroy(),
    ]);
  });
});

describe('the secretariat’s edits on the server', () => {
  it('brings an edited call deadline to an institute, whose dashboard then counts the new date', async () => {
    const office = device('sam-edit', 'sec', 'sam', 'sam-password');
    const library = new Repository(office.library, { org: 'sec', user: 'Sam' });
    const laptop = device('alice-dashboard', 'a', 'alice', 'alice-password');
    const edit = async (changes: Record<string, unknown>) => {
      await editDoc<FunderDoc>(
        library,
        funder._id,
        (doc) => applyFunderChanges(doc, changes),
        () => AT,
        'Sam',
      );
      await office.library.replicate.to(office.remote(hub.url, 'dec-library'));
      await laptop.library.replicate.from(laptop.remote(hub.url, 'dec-library'));
      return (await laptop.library.get(funder._id)) as unknown as FunderDoc;
    };
    await office.library.replicate.from(office.remote(hub.url, 'dec-library'));
    const first = await edit({
      'programmes.qi': {
        ...emptyProgramme('Quality infrastructure'),
        calls: { c1: { title: '2027 call', deadline: '2026-12-10', url: '' } },
      },
    });
    expect(callsDueWithin([first], '2026-06-01')).toEqual([]);
    const seen = await edit({ 'programmes.qi.calls.c1.deadline': '2026-06-20' });
    expect(callsDueWithin([seen], '2026-06-01').map((d) => [d.call, d.deadline, d.days])).toEqual([
      ['2027 call', '2026-06-20', 19],
    ]);
    await Promise.all([
      office.db.destroy(),
      office.library.destroy(),
      laptop.db.destroy(),
      laptop.library.destroy(),
    ]);
  });

  it('keeps both of two secretariat computers’ offline edits to different programmes, and an activity’s reached value', async () => {
    const one = device('sam-one', 'sec', 'sam', 'sam-password');
    const two = device('sam-two', 'sec', 'sam', 'sam-password');
    for (const d of [one, two]) await d.library.replicate.from(d.remote(hub.url, 'dec-library'));
    const repo = (d: typeof one) => new Repository(d.library, { org: 'sec', user: d.name });
    await editDoc<FunderDoc>(
      repo(one),
      funder._id,
      (doc) => applyFunderChanges(doc, { 'programmes.qi.calls.c1.title': '2027 call for proposals' }),
      () => '2026-06-02T00:00:00.000Z',
      'Sam',
    );
    await editDoc<FunderDoc>(
      repo(two),
      funder._id,
      (doc) =>
        applyFunderChanges(doc, {
          'programmes.att': {
            ...emptyProgramme('Attachments'),
            calls: { c2: { title: 'Attachments 2027', deadline: '2026-09-30', url: '' } },
          },
        }),
      () => '2026-06-03T00:00:00.000Z',
      'Ana',
    );
    await editDoc<ActivityDoc>(
      repo(two),
      activity._id,
      (doc) =>
        applyActivityChanges(doc, {
          'results.r1.actual': 5,
          'results.r1.actualOn': '2026-06-03',
          'results.r1.actualSource': 'Visit report',
        }),
      () => '2026-06-03T00:00:00.000Z',
      'Ana',
    );
    for (const d of [one, two]) await d.library.replicate.to(d.remote(hub.url, 'dec-library'));
    for (const d of [one, two]) await d.library.replicate.from(d.remote(hub.url, 'dec-library'));
    const summary = await resolveConflicts(one.library);
    expect(summary.merged).toEqual([funder._id]);
    expect(summary.inbox).toEqual([]);
    await one.library.replicate.to(one.remote(hub.url, 'dec-library'));
    await two.library.replicate.from(two.remote(hub.url, 'dec-library'));
    for (const d of [one, two]) {
      const merged = (await d.library.get(funder._id, { conflicts: true })) as unknown as FunderDoc & {
        _conflicts?: string[];
      };
      expect(merged._conflicts ?? []).toEqual([]);
      expect(merged.programmes.qi?.calls).toEqual({
        c1: { title: '2027 call for proposals', deadline: '2026-06-20', url: '' },
      });
      expect(merged.programmes.att?.calls).toEqual({
        c2: { title: 'Attachments 2027', deadline: '2026-09-30', url: '' },
      });
    }
    const reached = (await one.library.get(activity._id)) as unknown as ActivityDoc;
    expect(indicatorProgress([reached], [])[0]).toMatchObject({ reached: 5, target: 4, share: 1.25 });
    await Promise.all([one.db.destroy(), one.library.destroy(), two.db.destroy(), two.library.destroy()]);
  });

  it('carries a deleted funder to the institutes as a deletion', async () => {
    const office = device('sam-delete', 'sec', 'sam', 'sam-password');
    const laptop = device('alice-delete', 'a', 'alice', 'alice-password');
    for (const d of [office, laptop]) await d.library.replicate.from(d.remote(hub.url, 'dec-library'));
    expect(await laptop.library.get(funder._id)).toBeTruthy();
    expect(await deleteDoc(new Repository(office.library, { org: 'sec', user: 'Sam' }), funder._id)).toBe(
      true,
    );
    await office.library.replicate.to(office.remote(hub.url, 'dec-library'));
    await laptop.library.replicate.from(laptop.remote(hub.url, 'dec-library'));
    await expect(laptop.library.get(funder._id)).rejects.toMatchObject({ status: 404 });
    await Promise.all([
      office.db.destroy(),
      office.library.destroy(),
      laptop.db.destroy(),
      laptop.library.destroy(),
    ]);
  });
});
