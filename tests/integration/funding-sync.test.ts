/**
 * Issue 21 through a real hub: only the secretariat writes funders and activities (an
 * institute's write is refused with the server's reason, on the hub as by CouchDB's rule); an
 * institute writes its ledger and follow-ups in its own database only; a follow-up written on
 * an institute's computer replicates up and reaches the secretariat's computer, where the
 * activity's monitoring counts it as sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDoc } from '../../shared/docs/activity/schema';
import type { FollowupDoc } from '../../shared/docs/followup/schema';
import type { FunderDoc } from '../../shared/docs/funder/schema';
import type { SupportDoc } from '../../shared/docs/support/schema';
import { followupStatuses } from '../../shared/funding/views';
import { followupId } from '../../shared/ids';
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
