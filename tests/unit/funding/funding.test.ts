/**
 * Issue 21: the funding map, the support ledger and the monitoring of DEC activities — each
 * kind's schema, its merge and the server's rule, and the views built from them.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseDoc } from '@shared/docs/registry';
import type { ActivityDoc } from '@shared/docs/activity/schema';
import type { FollowupDoc } from '@shared/docs/followup/schema';
import { emptyProgramme, type FunderDoc } from '@shared/docs/funder/schema';
import type { ResponseDoc } from '@shared/docs/response/schema';
import type { SupportDoc } from '@shared/docs/support/schema';
import { exportTables } from '@shared/excel/table-sheet';
import { ledgerFromAnswers } from '@shared/funding/ledger-from-answers';
import { annualReport } from '@shared/funding/report';
import {
  callsDueWithin,
  flowsBy,
  followupDue,
  followupStatuses,
  indicatorProgress,
  needsWithoutSupport,
  possibleDuplicates,
  programmesBy,
} from '@shared/funding/views';
import { followupId } from '@shared/ids';
import { generateInstituteDocs, generateLibraryDocs, planDataset } from '@shared/seed';
import { mergeLeaves, type Leaf } from '@shared/sync/merge';
import { LIBRARY_DB, orgDbName, orgRole, SECRETARIAT_ROLE } from '@shared/sync/names';
import { validateDocUpdateSource } from '@shared/sync/validate-doc';

const AT = '2026-11-01T00:00:00.000Z';
const base = { createdAt: AT, updatedAt: AT, updatedBy: 'Sam' };

const funder: FunderDoc = {
  _id: 'funder:ptb',
  type: 'funder',
  schemaVersion: 1,
  org: 'ph-nml-itdi',
  ...base,
  name: 'PTB technical cooperation',
  kind: 'bilateral_nmi',
  website: 'https://www.ptb.de',
  contacts: '',
  programmes: {
    qi: {
      ...emptyProgramme('Quality infrastructure in South-East Asia'),
      areas: ['M', 'T'],
      leverageAreas: ['LA5'],
      supportKinds: ['training', 'equipment'],
      calls: { c1: { title: '2027 call', deadline: '2026-12-10', url: '' } },
    },
    att: {
      ...emptyProgramme('Attachments'),
      supportKinds: ['attachment'],
      calls: { c1: { title: 'Open call', deadline: '2027-03-01', url: '' } },
    },
  },
};

const activity: ActivityDoc = {
  _id: 'activity:mass-workshop',
  type: 'activity',
  schemaVersion: 2,
  org: 'ph-nml-itdi',
  ...base,
  title: 'Mass workshop',
  objective: 'Weights calibration to E2',
  leverageArea: 'LA5',
  workPackage: 'LA5-WP2',
  lead: 'th-nimt',
  budget: 24000,
  currency: 'EUR',
  funderId: 'funder:ptb',
  programmeId: 'qi',
  start: '2026-03-02',
  end: '2026-03-06',
  participants: { 'la-dsm': { people: 'Two' }, 'kh-nmc': { people: 'One' } },
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

function support(id: string, change: Partial<SupportDoc>): SupportDoc {
  return {
    _id: `support:la-dsm:${id}`,
    type: 'support',
    schemaVersion: 1,
    org: 'la-dsm',
    ...base,
    funderId: 'funder:ptb',
    programmeId: 'qi',
    funderText: '',
    provider: 'th-nimt',
    kind: 'training',
    amount: 5000,
    currency: 'EUR',
    start: '2026-02-01',
    end: '2026-04-30',
    area: 'M',
    needs: ['response:la-dsm:dec_capacity_needs:2026#n1'],
    status: 'received',
    results: '',
    fromAnswer: '',
    ...change,
  };
}

function followup(org: string, months: 3 | 12, change: Partial<FollowupDoc> = {}): FollowupDoc {
  return {
    _id: followupId(org, activity._id, months),
    type: 'followup',
    schemaVersion: 1,
    org,
    ...base,
    activityId: activity._id,
    months,
    uses: ['training_passed_on'],
    story: 'Trained three colleagues',
    indicators: { r1: 3 },
    submittedAt: AT,
    ...change,
  };
}

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
const serverRule = (db: string) => new Function(`return (${validateDocUpdateSource(db)});`)() as Validate;

describe('the new kinds of document', () => {
  it('are checked by their schemas, ids included', () => {
    for (const doc of [funder, activity, support('s1', {}), followup('la-dsm', 3)])
      expect(parseDoc(doc)).toEqual(doc);
    expect(() => parseDoc({ ...funder, kind: 'lottery' })).toThrow(/not saved/);
    expect(() => parseDoc({ ...support('s1', {}), _id: 'support:kh-nmc:s1' })).toThrow(/not saved/);
    expect(() => parseDoc({ ...followup('la-dsm', 3), months: 6 })).toThrow(/not saved/);
    expect(() => parseDoc({ ...activity, leverageArea: 'capability' })).toThrow(/not saved/);
  });

  it('are accepted by the server only where they belong and from who may write them', () => {
    const library = serverRule(LIBRARY_DB);
    const own = serverRule(orgDbName('la-dsm'));
    const secretariat = { roles: [SECRETARIAT_ROLE] };
    const member = { roles: [orgRole('la-dsm')] };
    expect(() => library(funder, null, secretariat, {})).not.toThrow();
    expect(() => library(activity, null, secretariat, {})).not.toThrow();
    expect(() => library(funder, null, member, {})).toThrow(
      expect.objectContaining({ forbidden: 'Only the secretariat may change the library (dec-library).' }),
    );
    expect(() => own(support('s1', {}), null, member, {})).not.toThrow();
    expect(() => own(followup('la-dsm', 3), null, member, {})).not.toThrow();
    expect(() => own(funder, null, member, {})).toThrow(
      expect.objectContaining({ forbidden: 'A funder document does not belong in org-la-dsm.' }),
    );
    expect(() => library(support('s1', {}), null, secretariat, {})).toThrow(
      expect.objectContaining({ forbidden: 'A support document does not belong in dec-library.' }),
    );
    expect(() =>
      own({ ...support('s1', {}), org: 'kh-nmc', _id: 'support:kh-nmc:s1' }, null, member, {}),
    ).toThrow(expect.objectContaining({ forbidden: expect.stringMatching(/belongs to institute "kh-nmc"/) }));
    const { needs: _needs, ...withoutNeeds } = support('s1', {});
    void _needs;
    expect(() => own(withoutNeeds, null, member, {})).toThrow(
      expect.objectContaining({ forbidden: expect.stringMatching(/missing the required field "needs"/) }),
    );
  });

  it('merge a funder programme by programme, and an activity result by result', () => {
    const one = structuredClone(funder);
    const two = structuredClone(funder);
    Object.assign(one.programmes['qi'] ?? {}, { eligibility: 'Developing economies' });
    Object.assign(two.programmes['att'] ?? {}, { howToApply: 'Letter from the director' });
    const merged = mergeLeaves(
      [
        { ...(one as unknown as Leaf), _rev: '2-a' },
        { ...(two as unknown as Leaf), _rev: '2-b' },
      ],
      funder as unknown as Record<string, unknown>,
    );
    expect(merged.conflicts).toEqual([]);
    const programmes = merged.merged['programmes'] as FunderDoc['programmes'];
    expect(programmes['qi']?.eligibility).toBe('Developing economies');
    expect(programmes['att']?.howToApply).toBe('Letter from the director');

    const a = structuredClone(activity);
    const b = structuredClone(activity);
    Object.assign(a.results['r1'] ?? {}, { target: 8 });
    Object.assign(b.results['r1'] ?? {}, { target: 10 });
    const clash = mergeLeaves(
      [
        { ...(a as unknown as Leaf), _rev: '2-a' },
        { ...(b as unknown as Leaf), _rev: '2-b' },
      ],
      activity as unknown as Record<string, unknown>,
    );
    expect(clash.conflicts.map((c) => c.field)).toEqual(['results.r1.target']);
  });
});

describe('the funding views', () => {
  it('show calls closing within 30 days, and who funds what', () => {
    expect(callsDueWithin([funder], '2026-11-20')).toEqual([
      expect.objectContaining({
        funder: 'PTB technical cooperation',
        call: '2027 call',
        deadline: '2026-12-10',
        days: 20,
      }),
    ]);
    expect(callsDueWithin([funder], '2026-12-11')).toEqual([]);
    expect(programmesBy([funder], 'supportKinds').map((r) => r.key)).toEqual([
      'attachment',
      'equipment',
      'training',
    ]);
    expect(programmesBy([funder], 'areas')).toEqual([
      {
        key: 'M',
        programmes: [
          { funder: 'PTB technical cooperation', programme: 'Quality infrastructure in South-East Asia' },
        ],
      },
      {
        key: 'T',
        programmes: [
          { funder: 'PTB technical cooperation', programme: 'Quality infrastructure in South-East Asia' },
        ],
      },
    ]);
  });

  it('find needs with no support and support given twice for one need by different funders at once', () => {
    const needs = [
      { ref: 'response:la-dsm:dec_capacity_needs:2026#n1', org: 'la-dsm', area: 'M', type: 'training' },
      { ref: 'response:la-dsm:dec_capacity_needs:2026#n2', org: 'la-dsm', area: 'T', type: 'equipment' },
      {
        ref: 'response:la-dsm:dec_capacity_needs:2026#n3',
        org: 'la-dsm',
        area: 'L',
        type: 'training',
        priority: 1,
      },
    ];
    const entries = [
      support('s1', {}),
      support('s2', {
        funderId: 'funder:dec',
        programmeId: 'grants',
        start: '2026-04-01',
        end: '2026-06-30',
      }),
      support('s3', {
        needs: [],
        area: 'T',
        kind: 'equipment',
        funderId: '',
        funderText: 'UNIDO project',
        start: '2025-01-01',
        end: '2025-12-31',
      }),
      support('s4', { funderId: 'funder:bank', start: '2027-01-01', end: '2027-03-01' }),
      support('s5', { needs: [], area: 'L', kind: 'training', status: 'declined' }),
    ];
    expect(needsWithoutSupport(needs, entries).map((n) => n.ref)).toEqual([
      'response:la-dsm:dec_capacity_needs:2026#n3',
    ]);
    const twice = possibleDuplicates(entries);
    expect(twice.map((d) => d.entries.map((e) => e._id))).toEqual([
      ['support:la-dsm:s1', 'support:la-dsm:s2'],
    ]);
    expect(flowsBy(entries, (e) => e.funderId || e.funderText).find((r) => r.key === 'funder:ptb')).toEqual({
      key: 'funder:ptb',
      entries: 1,
      amounts: { EUR: 5000 },
    });
  });

  it('say which follow-ups are due, overdue or sent, and indicators against targets', () => {
    expect(followupDue(activity, 3)).toBe('2026-06-06');
    expect(followupDue(activity, 12)).toBe('2027-03-06');
    const followups = [
      followup('la-dsm', 3),
      followup('kh-nmc', 3, { submittedAt: undefined, indicators: {} }),
    ];
    const states = followupStatuses([activity], followups, '2026-07-01');
    expect(states.map((s) => `${s.org} ${s.months} ${s.state}`)).toEqual([
      'kh-nmc 3 overdue',
      'kh-nmc 12 later',
      'la-dsm 3 submitted',
      'la-dsm 12 later',
    ]);
    expect(indicatorProgress([activity], followups)).toEqual([
      expect.objectContaining({ indicator: 'Staff trained', baseline: 0, target: 6, reached: 3, share: 0.5 }),
    ]);
  });

  it('make the annual report as tables that a workbook holds sheet by sheet', async () => {
    const tables = annualReport({
      year: 2026,
      today: '2026-07-01',
      funders: [funder],
      activities: [activity],
      followups: [followup('la-dsm', 3)],
      entries: [support('s1', {})],
      needs: [],
      name: (org) => org.toUpperCase(),
      economy: (org) => (org === 'la-dsm' ? 'Lao PDR' : ''),
    });
    expect(tables.map((t) => t.title)).toEqual([
      'DEC activities 2026',
      'Results against targets 2026',
      'Follow-ups 2026',
      'Support by funder 2026',
      'Support by economy 2026',
      'Needs with no support',
      'Possible duplication of support',
      'Events 2026',
      'DEN2DEN exchanges completed 2026',
    ]);
    expect(tables[4]?.rows).toEqual([['Lao PDR', 1, '5,000 EUR']]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await exportTables(tables)).buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.title.slice(0, 31)));
    expect(workbook.getWorksheet('Results against targets 2026')?.getRow(4).values).toEqual([
      undefined,
      'Mass workshop',
      'Staff able to calibrate E2',
      'Staff trained',
      0,
      6,
      3,
      'people',
      50,
      'Sum of 1 participant’s follow-ups',
    ]);
  });
});

describe('the assessment’s support received', () => {
  it('becomes ledger entries with nothing lost, the same ids on every computer', () => {
    const response = {
      _id: 'response:la-dsm:dec_capacity_needs:2026',
      type: 'response',
      schemaVersion: 2,
      org: 'la-dsm',
      ...base,
      templateId: 'dec_capacity_needs',
      templateVersion: '1',
      cycle: 2026,
      status: 'submitted',
      revision: 1,
      history: [],
      answers: {
        support_received: { value: ['k1', 'k2'], at: AT, by: 'Sam' },
        'support_received#k1/support_provider': { value: 'PTB project', at: AT, by: 'Sam' },
        'support_received#k1/support_type': { value: 'equipment', at: AT, by: 'Sam' },
        'support_received#k1/support_days': { value: 12.5, at: AT, by: 'Sam' },
        'support_received#k2/support_provider': { value: 'Thai NIMT', at: AT, by: 'Sam' },
      },
    } as unknown as ResponseDoc;
    const entries = ledgerFromAnswers(response, AT, 'Sam');
    expect(entries.map((e) => [e._id, e.funderText, e.kind, e.results, e.fromAnswer])).toEqual([
      [
        'support:la-dsm:a2026-k1',
        'PTB project',
        'equipment',
        '12.5 days of support (from the 2026 assessment)',
        'response:la-dsm:dec_capacity_needs:2026#k1',
      ],
      [
        'support:la-dsm:a2026-k2',
        'Thai NIMT',
        'training',
        'From the 2026 assessment',
        'response:la-dsm:dec_capacity_needs:2026#k2',
      ],
    ]);
    for (const entry of entries) expect(parseDoc(entry)).toEqual(entry);
    expect(ledgerFromAnswers(response, AT, 'Sam')).toEqual(entries);
  });
});

describe('the training data', () => {
  const plan = planDataset({ seed: 7, institutes: 12, cycles: 3, asOf: '2026-11-30' });
  const library = generateLibraryDocs(plan);
  const institutes = plan.institutes.flatMap((i) => generateInstituteDocs(plan, i));
  it('has funders with a call closing within 30 days, activities with follow-ups sent and overdue, and a duplication to find', () => {
    const funders = library.filter((d): d is FunderDoc => d.type === 'funder');
    const activities = library.filter((d): d is ActivityDoc => d.type === 'activity');
    const entries = institutes.filter((d): d is SupportDoc => d.type === 'support');
    const followups = institutes.filter((d): d is FollowupDoc => d.type === 'followup');
    expect(callsDueWithin(funders, '2026-11-30').length).toBeGreaterThan(0);
    const states = followupStatuses(activities, followups, '2026-11-30').map((s) => s.state);
    expect(states).toContain('submitted');
    expect(states).toContain('overdue');
    expect(possibleDuplicates(entries).length).toBeGreaterThan(0);
  });
});
