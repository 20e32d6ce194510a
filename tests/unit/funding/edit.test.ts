/**
 * Issue 21, the secretariat's edits: funders, programmes, calls and activities changed by field
 * paths on top of the latest revision (so two computers' edits to different fields both stay),
 * deletions, and an indicator's reached value recorded with its date and source.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityDoc } from '@shared/docs/activity/schema';
import { emptyProgramme, type FunderDoc } from '@shared/docs/funder/schema';
import { parseDoc } from '@shared/docs/registry';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { applyActivityChanges, applyFunderChanges, namesOfFunder } from '@shared/funding/edit';
import { ledgerFromAnswers } from '@shared/funding/ledger-from-answers';
import { annualReport } from '@shared/funding/report';
import { basisText, callsDueWithin, funderName, indicatorProgress } from '@shared/funding/views';
import { deleteDoc, editDoc } from '../../../renderer/src/data/funding';
import { openLocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const AT = '2026-11-01T00:00:00.000Z';
const base = { createdAt: AT, updatedAt: AT, updatedBy: 'Sam' };

const funder: FunderDoc = {
  _id: 'funder:ptb',
  type: 'funder',
  schemaVersion: 1,
  org: 'sec',
  ...base,
  name: 'PTB',
  kind: 'bilateral_nmi',
  website: '',
  contacts: '',
  programmes: {
    qi: {
      ...emptyProgramme('Quality infrastructure'),
      calls: { c1: { title: '2027 call', deadline: '2026-12-10', url: '' } },
    },
    att: { ...emptyProgramme('Attachments') },
  },
};

const activity: ActivityDoc = {
  _id: 'activity:mass',
  type: 'activity',
  schemaVersion: 2,
  org: 'sec',
  ...base,
  title: 'Mass workshop',
  objective: '',
  leverageArea: 'LA5',
  workPackage: 'LA5-WP2',
  lead: '',
  budget: 24000,
  currency: 'EUR',
  funderId: 'funder:ptb',
  programmeId: 'qi',
  start: '2026-03-02',
  end: '2026-03-06',
  participants: { 'la-dsm': { people: 'Two' }, 'kh-nmc': { people: '' } },
  results: {
    r1: {
      result: 'Staff able to calibrate E2',
      indicator: 'Staff trained',
      baseline: 0,
      target: 6,
      actual: null,
      actualOn: '',
      actualSource: '',
      unit: 'people',
    },
  },
};

describe('editing a funder by paths', () => {
  it('changes a call’s deadline, a programme’s field and the funder’s own, leaving the rest as it was', () => {
    const next = applyFunderChanges(funder, {
      'programmes.qi.calls.c1.deadline': '2027-01-15',
      'programmes.att.eligibility': 'NMIs of APMP developing economies',
      name: 'PTB technical cooperation',
    });
    expect(next.programmes.qi?.calls.c1).toEqual({ title: '2027 call', deadline: '2027-01-15', url: '' });
    expect(next.programmes.att?.eligibility).toBe('NMIs of APMP developing economies');
    expect(next.name).toBe('PTB technical cooperation');
    expect(next.programmes.qi?.name).toBe('Quality infrastructure');
    expect(parseDoc(next)).toEqual(next);
    // The dashboard's "closing within 30 days" follows the new date.
    expect(callsDueWithin([funder], '2026-12-01').map((d) => d.deadline)).toEqual(['2026-12-10']);
    expect(callsDueWithin([next], '2026-12-01')).toEqual([]);
    expect(callsDueWithin([next], '2027-01-01').map((d) => d.deadline)).toEqual(['2027-01-15']);
  });

  it('adds and removes programmes and calls, and never writes a path no funder has', () => {
    const added = applyFunderChanges(funder, {
      'programmes.new1': emptyProgramme('Equipment grants'),
      'programmes.new1.calls.k1': { title: 'Spring', deadline: '', url: '' },
      'programmes.new1.calls.k1.deadline': '2027-04-01',
      'programmes.qi.calls.c1': null,
      'programmes.att': null,
    });
    expect(Object.keys(added.programmes)).toEqual(['qi', 'new1']);
    expect(added.programmes.new1?.calls.k1?.deadline).toBe('2027-04-01');
    expect(added.programmes.qi?.calls).toEqual({});
    expect(parseDoc(added)).toEqual(added);
    for (const path of ['_id', 'org', 'programmes.qi.calls.c1.deadline.x', 'programmes.Bad Id.name', 'type'])
      expect(applyFunderChanges(funder, { [path]: 'x' })).toBe(funder);
    // A programme removed meanwhile on another computer is not brought back by an edit to one field.
    expect(applyFunderChanges(added, { 'programmes.att.name': 'Back?' }).programmes.att).toBeUndefined();
  });

  it('two secretariat computers editing different calls of one funder both keep their change', async () => {
    const org = uniqueOrg('sec');
    const db = openLocalDb(org, MemoryPouch);
    const repository = new Repository(db, { org, user: 'Sam' });
    await repository.put(funder);
    const stale = await repository.get(funder._id);
    // Another computer's change arrives first...
    await editDoc<FunderDoc>(
      repository,
      funder._id,
      (doc) => applyFunderChanges(doc, { 'programmes.att.contacts': 'att@ptb.de' }),
      () => AT,
      'Ana',
    );
    // ...and this one, made on the revision it saw, is applied on top of the latest.
    const saved = await editDoc<FunderDoc>(
      repository,
      funder._id,
      (doc) => applyFunderChanges(doc, { 'programmes.qi.calls.c1.deadline': '2027-01-15' }),
      () => '2026-11-02T00:00:00.000Z',
      'Sam',
    );
    expect(saved._rev).not.toBe(stale?._rev);
    expect(saved.programmes.att?.contacts).toBe('att@ptb.de');
    expect(saved.programmes.qi?.calls.c1?.deadline).toBe('2027-01-15');
    expect(saved).toMatchObject({ updatedBy: 'Sam', updatedAt: '2026-11-02T00:00:00.000Z' });
    // Nothing changed, nothing written.
    const same = await editDoc<FunderDoc>(
      repository,
      funder._id,
      (doc) => doc,
      () => AT,
      'Sam',
    );
    expect(same._rev).toBe(saved._rev);
    expect(await deleteDoc(repository, funder._id)).toBe(true);
    expect(await repository.get(funder._id)).toBeUndefined();
    expect(await deleteDoc(repository, funder._id)).toBe(false);
    await expect(
      editDoc<FunderDoc>(
        repository,
        funder._id,
        (doc) => doc,
        () => AT,
        'Sam',
      ),
    ).rejects.toThrow(/no longer exists/);
    await db.destroy();
  });

  it('says what still names a funder or programme before it is deleted, and names a deleted one honestly', () => {
    const named = {
      supports: [
        { funderId: 'funder:ptb', programmeId: 'qi' },
        { funderId: 'funder:ptb', programmeId: 'att' },
        { funderId: '', programmeId: '' },
      ],
      activities: [{ funderId: 'funder:ptb', programmeId: 'qi' }],
    };
    expect(namesOfFunder('funder:ptb', undefined, named)).toEqual({ supports: 2, activities: 1 });
    expect(namesOfFunder('funder:ptb', 'att', named)).toEqual({ supports: 1, activities: 0 });
    const entry = { funderId: 'funder:ptb', programmeId: 'qi', funderText: '' };
    expect(funderName(entry as never, [])).toBe('A funder removed from the map');
    expect(funderName({ ...entry, funderText: 'PTB' } as never, [])).toBe('PTB');
  });
});

describe('editing an activity and recording what it reached', () => {
  it('changes fields, the work package with its leverage area, the funder, participants and results', () => {
    const next = applyActivityChanges(activity, {
      title: 'Mass and volume workshop',
      workPackage: 'LA1-WP5',
      funder: 'funder:ptb|att',
      budget: '24 000 (to confirm)',
      'participants.th-nimt': { people: '' },
      'participants.kh-nmc': null,
      'results.r1.target': 8,
    });
    expect(next).toMatchObject({
      title: 'Mass and volume workshop',
      workPackage: 'LA1-WP5',
      leverageArea: 'LA1',
      funderId: 'funder:ptb',
      programmeId: 'att',
      budget: '24 000 (to confirm)',
    });
    expect(Object.keys(next.participants).sort()).toEqual(['la-dsm', 'th-nimt']);
    expect(next.results.r1?.target).toBe(8);
    expect(parseDoc(next)).toEqual(next);
  });

  it('records a reached value with its date and source, which then stands against the target', () => {
    const followups = [
      {
        _id: 'followup:la-dsm:activity:mass:3',
        org: 'la-dsm',
        activityId: 'activity:mass',
        months: 3 as const,
        submittedAt: AT,
        indicators: { r1: 2 },
      },
    ];
    const before = indicatorProgress([activity], followups)[0];
    expect(before).toMatchObject({ reached: 2, basis: { kind: 'followups', participants: 1 } });
    expect(basisText(before?.basis)).toBe('Sum of 1 participant’s follow-ups');
    const recorded = applyActivityChanges(activity, {
      'results.r1.actual': 5,
      'results.r1.actualOn': '2027-03-31',
      'results.r1.actualSource': 'Workshop report, annex 2',
    });
    expect(parseDoc(recorded)).toEqual(recorded);
    const after = indicatorProgress([recorded], followups)[0];
    expect(after).toMatchObject({ reached: 5, target: 6, share: 5 / 6 });
    expect(basisText(after?.basis)).toBe('Recorded 2027-03-31: Workshop report, annex 2');
    const report = annualReport({
      year: 2026,
      today: '2027-04-01',
      funders: [funder],
      activities: [recorded],
      followups,
      entries: [],
      needs: [],
      name: (org) => org,
      economy: () => '',
    });
    const results = report.find((t) => t.title.startsWith('Results against targets'));
    expect(results?.columns.at(-1)).toBe('Reached according to');
    expect(results?.rows[0]?.slice(4)).toEqual([
      6,
      5,
      'people',
      83,
      'Recorded 2027-03-31: Workshop report, annex 2',
    ]);
  });

  it('upgrades an activity of schema 1: its results get an empty date and source, values kept', () => {
    const { r1 } = activity.results;
    if (!r1) throw new Error('no result');
    const { actualOn: _on, actualSource: _source, ...oldResult } = r1;
    const old = { ...activity, schemaVersion: 1, results: { r1: { ...oldResult, actual: 3 } } };
    const upgraded = parseDoc(old) as ActivityDoc;
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.results.r1).toMatchObject({ actual: 3, actualOn: '', actualSource: '' });
  });
});

describe('the migration of support received', () => {
  it('keeps version 2’s kind of agency in the entry’s results: nothing answered is lost', () => {
    const e = (value: unknown) => ({ value, at: AT, by: 'Noy' });
    const response = {
      _id: 'response:la-dsm:dec_capacity_needs:2026',
      org: 'la-dsm',
      cycle: 2026,
      answers: {
        support_received: e(['k1', 'k2']),
        'support_received#k1/support_provider': e('KRISS'),
        'support_received#k1/support_agency': e('nmi'),
        'support_received#k1/support_days': e(10),
        'support_received#k2/support_provider': e('Own ministry'),
        'support_received#k2/support_agency': e('government'),
      },
    } as unknown as ResponseDoc;
    expect(ledgerFromAnswers(response, AT, 'Noy').map((x) => x.results)).toEqual([
      '10 days of support; kind of agency: another national metrology institute (from the 2026 assessment)',
      'Kind of agency: own government (from the 2026 assessment)',
    ]);
  });
});
