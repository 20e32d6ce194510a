/**
 * Issue 22, DEN2DEN: offers from the assessment, an exchange's two parts and the state they
 * make, who may do what, the secretariat's relay (copies of each side's part, the library's
 * copies of events and offers), the server's rule that only the secretariat writes copies, and
 * completed exchanges counted in the annual report.
 */
import { describe, expect, it } from 'vitest';
import { completedInYear, exchangeActions, exchangeViews, type PartFound } from '@shared/den2den/exchange';
import { offersFromAnswers } from '@shared/den2den/offers';
import type { EventDoc } from '@shared/docs/event/schema';
import {
  EXCHANGE_SCHEMA_VERSION,
  type ExchangeCopyDoc,
  type ExchangeDoc,
} from '@shared/docs/exchange/schema';
import type { OfferDoc } from '@shared/docs/offer/schema';
import { parseDoc } from '@shared/docs/registry';
import { newResponseDoc } from '@shared/docs/response/edit';
import { annualReport } from '@shared/funding/report';
import { exchangeCopyId, exchangeId, offerId } from '@shared/ids';
import { generateInstituteDocs, generateLibraryDocs, planDataset } from '@shared/seed';
import { orgDbName, orgRole, SECRETARIAT_ROLE } from '@shared/sync/names';
import { exchangeCopiesToWrite, partOf, publicationsToWrite } from '@shared/sync/relay';
import { validateDocUpdateSource } from '@shared/sync/validate-doc';

const AT = '2026-03-01T00:00:00.000Z';
const LATER = '2026-04-01T00:00:00.000Z';
const base = {
  type: 'exchange',
  schemaVersion: EXCHANGE_SCHEMA_VERSION,
  createdAt: AT,
  updatedAt: AT,
} as const;

const request: ExchangeDoc = {
  ...base,
  _id: exchangeId('la-dsm', 'x1'),
  org: 'la-dsm',
  updatedBy: 'Lani',
  xid: 'x1',
  role: 'requester',
  requester: 'la-dsm',
  provider: 'th-nimt',
  request: {
    kind: 'calibration',
    area: 'M',
    title: 'Calibration of our E2 weight set',
    message: 'Before our peer review',
    wanted: 'By June',
    needRef: 'response:la-dsm:dec_capacity_needs:2026#k1',
    offerId: '',
  },
  requestState: 'open',
  note: '',
  outcome: null,
};
const reply = (
  answer: 'accepted' | 'declined' | 'proposed',
  extra: Partial<ExchangeDoc> = {},
): ExchangeDoc => ({
  ...base,
  _id: exchangeId('th-nimt', 'x1'),
  org: 'th-nimt',
  updatedAt: LATER,
  updatedBy: 'Tenzin',
  xid: 'x1',
  role: 'provider',
  requester: 'la-dsm',
  provider: 'th-nimt',
  answer,
  note: answer === 'proposed' ? 'In July instead' : '',
  outcome: null,
  ...extra,
});
const found = (doc: ExchangeDoc, copy = false): PartFound => ({
  part: partOf(doc),
  by: doc.org,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy,
  copy,
});
const outcome = (on: string) => ({
  result: 'done' as const,
  on,
  summary: 'Calibrated',
  recordedAt: `${on}T10:00:00.000Z`,
});

describe('an exchange', () => {
  it('keeps each side’s part valid only for the institute that writes it', () => {
    expect(parseDoc(request)).toEqual(request);
    expect(parseDoc(reply('accepted'))).toEqual(reply('accepted'));
    expect(() => parseDoc({ ...request, requester: 'th-nimt' })).toThrow(/not valid/);
    expect(() => parseDoc({ ...request, provider: 'la-dsm' })).toThrow(/not valid/);
    expect(() => parseDoc({ ...reply('accepted'), answer: undefined })).toThrow(/not valid/);
  });

  it('goes from requested to completed through the provider’s answer and both outcomes', () => {
    const state = (...docs: ExchangeDoc[]) => exchangeViews(docs.map((d) => found(d)))[0]?.state;
    expect(state(request)).toBe('requested');
    expect(state(request, reply('declined'))).toBe('declined');
    expect(state(request, reply('proposed'))).toBe('proposed');
    expect(state({ ...request, requestState: 'agreed' }, reply('proposed'))).toBe('accepted');
    expect(state(request, reply('accepted'))).toBe('accepted');
    expect(state({ ...request, outcome: outcome('2026-05-02') }, reply('accepted'))).toBe('accepted');
    expect(
      state(
        { ...request, outcome: outcome('2026-05-02') },
        reply('accepted', { outcome: outcome('2026-05-03') }),
      ),
    ).toBe('completed');
    expect(state({ ...request, requestState: 'withdrawn' }, reply('proposed'))).toBe('withdrawn');
  });

  it('offers each side only its own next steps', () => {
    const view = (...docs: ExchangeDoc[]) => {
      const v = exchangeViews(docs.map((d) => found(d)))[0];
      if (!v) throw new Error('no view');
      return v;
    };
    expect(exchangeActions(view(request), 'th-nimt')).toEqual(['accept', 'decline', 'propose']);
    expect(exchangeActions(view(request), 'la-dsm')).toEqual(['withdraw']);
    expect(exchangeActions(view(request), 'ph-nml-itdi')).toEqual([]);
    expect(exchangeActions(view(request, reply('proposed')), 'la-dsm')).toEqual(['agree', 'withdraw']);
    expect(exchangeActions(view(request, reply('accepted')), 'la-dsm')).toEqual(['outcome']);
    expect(exchangeActions(view(request, reply('accepted')), 'th-nimt')).toEqual(['outcome']);
    expect(exchangeActions(view(request, reply('declined')), 'la-dsm')).toEqual([]);
  });

  it('reads a part from its own database before a copy of it, and ignores an answer to another request', () => {
    const stale: ExchangeDoc = { ...reply('proposed'), updatedAt: AT };
    const views = exchangeViews([found(request), found(stale, true), found(reply('accepted'))]);
    expect(views).toHaveLength(1);
    expect(views[0]?.answer).toBe('accepted');
    const foreign = reply('accepted', { requester: 'ph-nml-itdi' });
    expect(exchangeViews([found(request), found(foreign, true)])[0]?.state).toBe('requested');
  });
});

describe('the secretariat’s relay', () => {
  const orgs = new Set(['la-dsm', 'th-nimt']);

  it('copies each side’s part into the other side’s database, once', () => {
    const copies = exchangeCopiesToWrite([request, reply('accepted')], [], orgs, LATER, 'Sam');
    expect(copies.map((c) => [c._id, c.org, c.from, c.part.role])).toEqual([
      [exchangeCopyId('th-nimt', 'x1'), 'th-nimt', 'la-dsm', 'requester'],
      [exchangeCopyId('la-dsm', 'x1'), 'la-dsm', 'th-nimt', 'provider'],
    ]);
    for (const copy of copies) expect(parseDoc(copy)).toEqual(copy);
    const held = copies.map((c, i) => ({ ...c, _rev: `1-${i}` }));
    expect(exchangeCopiesToWrite([request, reply('accepted')], held, orgs, LATER, 'Sam')).toEqual([]);
    // A changed part is copied again over the copy's revision.
    const changed = exchangeCopiesToWrite(
      [request, reply('accepted', { outcome: outcome('2026-05-03') })],
      held,
      orgs,
      LATER,
      'Sam',
    );
    expect(changed.map((c) => [c._id, c._rev])).toEqual([[exchangeCopyId('la-dsm', 'x1'), '1-1']]);
  });

  it('carries a provider’s part only for a request that names that provider, and only to institutes it syncs', () => {
    const uninvited = reply('accepted', {
      _id: exchangeId('ph-nml-itdi', 'x1'),
      org: 'ph-nml-itdi',
      provider: 'ph-nml-itdi',
    });
    expect(exchangeCopiesToWrite([uninvited], [], new Set(['la-dsm', 'ph-nml-itdi']), LATER, 'Sam')).toEqual(
      [],
    );
    expect(
      exchangeCopiesToWrite([request, uninvited], [], new Set(['la-dsm', 'ph-nml-itdi']), LATER, 'Sam'),
    ).toEqual([]);
    expect(exchangeCopiesToWrite([request], [], new Set(['la-dsm']), LATER, 'Sam')).toEqual([]);
  });

  it('publishes events and published offers in the library, and withdraws them', () => {
    const offer: OfferDoc = {
      _id: offerId('th-nimt', 'o1'),
      type: 'offer',
      schemaVersion: 1,
      org: 'th-nimt',
      createdAt: AT,
      updatedAt: AT,
      updatedBy: 'Tenzin',
      kind: 'calibration',
      area: 'M',
      title: 'Weights F1 to M1',
      description: '',
      contact: 'Tenzin, mass lab',
      status: 'published',
      fromAnswer: '',
    };
    const first = publicationsToWrite([offer], [], new Set());
    expect(first).toEqual({ put: [offer], remove: [] });
    const inLibrary = [{ ...offer, _rev: '1-a' }];
    expect(publicationsToWrite([{ ...offer, _rev: '3-x' }], inLibrary, new Set())).toEqual({
      put: [],
      remove: [],
    });
    expect(publicationsToWrite([{ ...offer, status: 'withdrawn' }], inLibrary, new Set()).remove).toEqual([
      { id: offer._id, rev: '1-a' },
    ]);
    // A source merely not here yet (an institute not pulled) leaves its copy; a deleted one removes it.
    expect(publicationsToWrite([], inLibrary, new Set()).remove).toEqual([]);
    expect(publicationsToWrite([], inLibrary, new Set([offer._id])).remove).toEqual([
      { id: offer._id, rev: '1-a' },
    ]);
    const edited = { ...offer, title: 'Weights E2 to M1' };
    expect(publicationsToWrite([edited], inLibrary, new Set()).put).toEqual([{ ...edited, _rev: '1-a' }]);
  });

  it('finds the seed’s copies and publications already in place', () => {
    const plan = planDataset({ seed: 3, institutes: 12, cycles: 1, asOf: '2026-11-30' });
    const docs = plan.institutes.flatMap((i) => generateInstituteDocs(plan, i));
    const library = generateLibraryDocs(plan);
    const parts = docs.filter((d): d is ExchangeDoc => d.type === 'exchange');
    const copies = docs.filter((d): d is ExchangeCopyDoc => d.type === 'exchangecopy');
    expect(parts.length).toBeGreaterThan(6);
    const all = new Set(plan.institutes.map((i) => i.slug));
    expect(exchangeCopiesToWrite(parts, copies, all, LATER, 'Sam')).toEqual([]);
    const published = docs.filter((d): d is OfferDoc | EventDoc => d.type === 'offer' || d.type === 'event');
    const inLibrary = library.filter(
      (d): d is OfferDoc | EventDoc => d.type === 'offer' || d.type === 'event',
    );
    expect(publicationsToWrite(published, inLibrary, new Set())).toEqual({ put: [], remove: [] });
    const views = exchangeViews([
      ...parts.map((p) => found(p)),
      ...copies.map((c) => ({
        part: c.part,
        by: c.from,
        updatedAt: c.partUpdatedAt,
        updatedBy: c.partUpdatedBy,
        copy: true,
      })),
    ]);
    expect(new Set(views.map((v) => v.state))).toEqual(
      new Set(['requested', 'proposed', 'accepted', 'completed', 'declined', 'withdrawn']),
    );
  });
});

describe('the server', () => {
  type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
  const validate = new Function(`return (${validateDocUpdateSource(orgDbName('th-nimt'))});`)() as Validate;
  const copy = exchangeCopiesToWrite([request], [], new Set(['th-nimt']), LATER, 'Sam')[0];

  it('lets only the secretariat write or delete the copy of another institute’s part', () => {
    const institute = { name: 'tenzin', roles: [orgRole('th-nimt')] };
    expect(() => validate(copy, null, institute, {})).toThrow(
      expect.objectContaining({
        forbidden: expect.stringMatching(/Only the secretariat may write exchangecopy:th-nimt:x1/),
      }),
    );
    expect(() => validate({ _id: copy?._id, _deleted: true }, copy, institute, {})).toThrow();
    expect(() => validate(copy, null, { name: 'sam', roles: [SECRETARIAT_ROLE] }, {})).not.toThrow();
    // The institute writes its own part, not one naming another institute.
    expect(() => validate(reply('accepted'), null, institute, {})).not.toThrow();
    expect(() => validate({ ...request }, null, institute, {})).toThrow();
  });
});

describe('offers and the M&E', () => {
  it('are suggested from the assessment’s offers', () => {
    const response = newResponseDoc({
      org: 'th-nimt',
      templateId: 'dec_capacity_needs',
      templateVersion: '2026.2',
      cycle: 2026,
      answers: {
        offer: ['o1', 'o2'],
        'offer#o1/offer_type': 'calibration',
        'offer#o1/offer_area': 'M',
        'offer#o1/offer_description': 'F1 weights',
        'offer#o2/offer_type': 'nonsense',
      },
      at: AT,
      by: 'Tenzin',
    });
    expect(offersFromAnswers(response)).toEqual([
      {
        ref: 'response:th-nimt:dec_capacity_needs:2026#o1',
        kind: 'calibration',
        area: 'M',
        description: 'F1 weights',
      },
    ]);
  });

  it('count completed exchanges in the year of the later outcome, in the annual report', () => {
    const done = exchangeViews([
      found({ ...request, outcome: outcome('2026-12-20') }),
      found(reply('accepted', { outcome: outcome('2027-01-04') })),
    ]);
    expect(completedInYear(done, 2026)).toEqual([]);
    expect(completedInYear(done, 2027)).toHaveLength(1);
    const tables = annualReport({
      year: 2027,
      today: '2027-02-01',
      funders: [],
      activities: [],
      followups: [],
      entries: [],
      needs: [],
      name: (org) => org.toUpperCase(),
      economy: () => '',
      exchanges: done,
    });
    expect(tables.at(-1)?.rows).toEqual([
      [
        'LA-DSM',
        'TH-NIMT',
        'Calibrations (a service)',
        'M',
        'Calibration of our E2 weight set',
        '2027-01-04',
        'Done: Calibrated',
        'Done: Calibrated',
      ],
    ]);
  });
});
