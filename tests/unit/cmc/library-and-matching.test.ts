/**
 * The rules behind CMC plan editing, the secretariat's taxonomy corrections, provider
 * summaries and matching across institutes (shared/cmc), and the library documents that
 * carry them.
 */
import { describe, expect, it } from 'vitest';
import kcdb from '../../../resources/reference/kcdb-areas.json';
import { capabilitiesOf, gatherInstitutes, needsOf, summaryOf } from '@shared/cmc/institutes';
import { matchNeeds, rankProviders, type Capability, type Need } from '@shared/cmc/matching';
import { applyPlanChanges, parsePlanPath, planValueAt } from '@shared/cmc/plan-edit';
import { nextDue } from '@shared/cmc/stage';
import { capabilitiesOfSummary, sameSummary, summariseCapabilities } from '@shared/cmc/summary';
import {
  applyCorrections,
  canonicalBranch,
  referenceTaxonomy,
  removedBranches,
  withAreaName,
  withBranchChange,
  withoutBranchChange,
} from '@shared/cmc/taxonomy';
import { newCmcPlanFields, type CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { parseDoc } from '@shared/docs/registry';
import { LIBRARY_DB, orgDbName, orgRole, SECRETARIAT_ROLE } from '@shared/sync/names';
import { validateDocUpdateSource } from '@shared/sync/validate-doc';
import { generateInstituteDocs, planDataset } from '@shared/seed';
import { needsFromAnswers, capabilitiesFromAnswers, needsFromPlan } from '@shared/cmc/matching';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { answerValues } from '@shared/docs/response/edit';

const AT = '2026-11-01T00:00:00.000Z';

function plan(
  org: string,
  change: (p: CmcPlanDoc) => void = () => undefined,
  area = 'M',
  branch = 'Mass standards',
) {
  const doc: CmcPlanDoc = {
    _id: `cmcplan:${org}:${area}-${branch}`,
    type: 'cmcplan',
    schemaVersion: 2,
    org,
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'maria',
    ...newCmcPlanFields(area, branch, 'Weights'),
  };
  change(doc);
  return doc;
}

const publish = (p: CmcPlanDoc) => {
  for (const m of Object.values(p.milestones)) {
    m.status = 'done';
    m.actual = '2026-01-01';
  }
  p.kcdbId = 'APMP-M-TH-00000001-1';
};

describe('changing a plan by field path', () => {
  it('touches only the named fields, and refuses paths no plan has', () => {
    const before = plan('la-dsm');
    const after = applyPlanChanges(before, { rangeMin: 1, 'milestones.training.planned': '2027-01-01' });
    expect(after.rangeMin).toBe(1);
    expect(after.milestones.training.planned).toBe('2027-01-01');
    expect(after.milestones.traceability).toBe(before.milestones.traceability);
    expect(before.rangeMin).toBeNull();
    expect(planValueAt(after, 'milestones.training.planned')).toBe('2027-01-01');
    for (const bad of ['_id', 'org', 'milestones', 'milestones.training', 'milestones.x.status', '__proto__'])
      expect(parsePlanPath(bad), bad).toBeUndefined();
    expect(() => applyPlanChanges(before, { org: 'other' })).toThrow(/no field org/);
  });

  it('names the next open milestone with a date, the earliest first', () => {
    const p = plan('la-dsm', (d) => {
      d.milestones.quality_system.planned = '2026-01-01';
      d.milestones.quality_system.status = 'done';
      d.milestones.comparison.planned = '2027-05-01';
      d.milestones.training.planned = '2027-02-01';
      d.milestones.traceability.planned = 'soon';
    });
    expect(nextDue(p)).toEqual({ key: 'training', planned: '2027-02-01' });
    expect(nextDue(plan('la-dsm'))).toBeUndefined();
  });
});

describe('the secretariat’s taxonomy corrections', () => {
  const reference = referenceTaxonomy(kcdb);

  it('renames, confirms, lists services, removes and adds branches, one correction per area', () => {
    let corrections = withBranchChange([], 'M', { from: 'Mass standards', name: 'Mass' });
    corrections = withBranchChange(corrections, 'M', {
      from: 'Mass standards',
      name: 'Mass',
      services: [' Weights ', '', 'Balances'],
    });
    corrections = withBranchChange(corrections, 'M', { from: 'Density', name: 'Density' });
    corrections = withBranchChange(corrections, 'M', { from: 'Torque', name: 'Torque', remove: true });
    corrections = withBranchChange(corrections, 'M', { name: 'Volume' });
    corrections = withBranchChange(corrections, 'M', { name: 'Volume of liquids' }, 'Volume');
    expect(corrections).toEqual([
      {
        area: 'M',
        branches: [
          { from: 'Mass standards', name: 'Mass', services: ['Weights', 'Balances'] },
          { from: 'Density', name: 'Density' },
          { from: 'Torque', name: 'Torque', remove: true },
          { name: 'Volume of liquids' },
        ],
      },
    ]);
    const mass = applyCorrections(reference, corrections).find((a) => a.code === 'M');
    expect(mass?.branches.find((b) => b.name === 'Density')?.inferred).toBe(false);
    expect(mass?.branches.find((b) => b.from === 'Mass standards')).toMatchObject({
      name: 'Mass',
      services: ['Weights', 'Balances'],
      inferred: false,
    });
    expect(mass?.branches.some((b) => b.name === 'Torque')).toBe(false);
    expect(mass?.branches.at(-1)).toEqual({ name: 'Volume of liquids', inferred: false, services: [] });
    // Removing an added branch drops it; a correction left with nothing is dropped too.
    expect(
      withBranchChange([{ area: 'T', branches: [{ name: 'X' }] }], 'T', { name: 'X', remove: true }),
    ).toEqual([]);
  });

  it('lists removed branches, restores them, and reads a renamed branch by its new name', () => {
    const removed = withBranchChange([], 'M', { from: 'Torque', name: 'Torque', remove: true });
    expect(removedBranches(removed, 'M')).toEqual(['Torque']);
    expect(withoutBranchChange(removed, 'M', 'Torque')).toEqual([]);
    const renamed = applyCorrections(
      reference,
      withBranchChange([], 'M', { from: 'Mass standards', name: 'Mass' }),
    );
    expect(canonicalBranch(renamed, 'M', 'Mass standards')).toBe('Mass');
    expect(canonicalBranch(renamed, 'M', 'Pressure')).toBe('Pressure');
    expect(canonicalBranch(renamed, 'M', 'Something else')).toBe('Something else');
  });

  it('renames an area and goes back to the reference name when the name is cleared', () => {
    const renamed = withAreaName([], 'AUV', 'Acoustics, Ultrasound and Vibration');
    const auv = applyCorrections(reference, renamed).find((a) => a.code === 'AUV');
    expect(reference.find((a) => a.code === 'AUV')?.inferred).toBe(true);
    expect(auv?.inferred).toBe(false);
    expect(withAreaName(renamed, 'AUV', ' ')).toEqual([]);
  });

  it('is a library document the schema and the server both check', () => {
    const doc = {
      _id: 'taxonomy:kcdb',
      type: 'taxonomy',
      schemaVersion: 1,
      org: 'apmp-dec',
      createdAt: AT,
      updatedAt: AT,
      updatedBy: 'sam',
      corrections: withBranchChange([], 'M', { name: 'Volume' }),
    };
    expect(parseDoc(doc)).toEqual(doc);
    expect(() => parseDoc({ ...doc, _id: 'taxonomy:other' })).toThrow(/not saved/);
    expect(() => parseDoc({ ...doc, corrections: [...doc.corrections, ...doc.corrections] })).toThrow(
      /not saved/,
    );
    const library = new Function(`return (${validateDocUpdateSource(LIBRARY_DB)});`)() as (
      ...args: unknown[]
    ) => void;
    expect(() => library(doc, null, { name: 'sam', roles: [SECRETARIAT_ROLE] }, {})).not.toThrow();
    expect(() => library(doc, null, { name: 'ana', roles: [orgRole('la-dsm')] }, {})).toThrow();
    const orgDb = new Function(`return (${validateDocUpdateSource(orgDbName('apmp-dec'))});`)() as (
      ...args: unknown[]
    ) => void;
    expect(() => orgDb(doc, null, { name: 'sam', roles: [SECRETARIAT_ROLE] }, {})).toThrow();
  });
});

describe('provider summaries and matching across institutes', () => {
  const answers = {
    areas_served: ['M', 'T'],
    'area_services#1/service_area': 'T',
    'area_services#1/cmcs_published': 2,
    need: ['k1'],
    'need#k1/need_area': 'M',
    'need#k1/need_type': 'traceability',
  };

  it('summarises an institute once per capability, in a stable order, without what is private', () => {
    const fromAnswers = capabilitiesFromAnswers('th-nimt', answers);
    const plans = [
      plan('th-nimt', publish),
      plan('th-nimt', publish),
      plan('th-nimt', () => undefined, 'T', 'Humidity'),
    ];
    const summary = summariseCapabilities('th-nimt', fromAnswers, plans);
    expect(summary).toEqual([
      { area: 'M', kind: 'published', branch: 'Mass standards', detail: 'Weights' },
      { area: 'M', kind: 'comparison', branch: 'Mass standards' },
      { area: 'M', kind: 'service' },
      { area: 'T', kind: 'published', detail: '2 CMCs published' },
      { area: 'T', kind: 'service' },
    ]);
    expect(sameSummary(summary, [...summary].reverse())).toBe(false);
    expect(
      sameSummary(
        summary,
        summary.map((e) => ({ ...e })),
      ),
    ).toBe(true);
    expect(capabilitiesOfSummary({ org: 'th-nimt', capabilities: summary })[0]?.org).toBe('th-nimt');
  });

  it('reads only the latest cycle’s needs and capabilities of each institute', () => {
    const facts = gatherInstitutes(
      [
        { org: 'la-dsm', cycle: 2025, needs: needsFromAnswers('la-dsm', answers), capabilities: [] },
        { org: 'la-dsm', cycle: 2026, needs: [], capabilities: capabilitiesFromAnswers('la-dsm', answers) },
      ],
      [plan('la-dsm', (p) => (p.milestones.training.support = ['training']))],
    );
    const la = facts.get('la-dsm');
    expect(la?.cycle).toBe(2026);
    expect(needsOf(facts.values()).map((n) => `${n.source} ${n.type}`)).toEqual(['plan training']);
    expect(summaryOf(la ?? { org: 'x', cycle: null, needs: [], fromAnswers: [], plans: [] }).length).toBe(3);
  });

  it('ranks by area from an index exactly as a scan of every capability does, on seed data', () => {
    const dataset = planDataset({ seed: 7, institutes: 40, cycles: 3, asOf: '2026-11-30' });
    const responses = [];
    const plans: CmcPlanDoc[] = [];
    for (const institute of dataset.institutes) {
      for (const doc of generateInstituteDocs(dataset, institute)) {
        if (doc.type === 'cmcplan') plans.push(doc);
        if (doc.type === 'response') {
          const r = doc as ResponseDoc;
          const values = answerValues(r);
          responses.push({
            org: r.org,
            cycle: r.cycle,
            needs: needsFromAnswers(r.org, values),
            capabilities: capabilitiesFromAnswers(r.org, values),
          });
        }
      }
    }
    const institutes = gatherInstitutes(responses, plans);
    const needs: Need[] = needsOf(institutes.values());
    const capabilities: Capability[] = capabilitiesOf(institutes.values());
    expect(needs.length).toBeGreaterThan(100);
    expect(needs.some((n) => n.source === 'plan')).toBe(true);
    const matched = matchNeeds(needs, capabilities, 5);
    matched.forEach(({ need, providers }) =>
      expect(providers).toEqual(rankProviders(need, capabilities).slice(0, 5)),
    );
    expect(matched.filter((m) => m.providers.length > 0).length).toBeGreaterThan(needs.length / 2);
    // Nobody is offered as their own provider.
    for (const { need, providers } of matched) expect(providers.map((p) => p.org)).not.toContain(need.org);
    expect(needsFromPlan(plans[0] as CmcPlanDoc).every((n) => n.planId === plans[0]?._id)).toBe(true);
  });

  it('keeps provider summaries in the library only, one per institute', () => {
    const doc = {
      _id: 'capability:th-nimt',
      type: 'capability',
      schemaVersion: 1,
      org: 'th-nimt',
      createdAt: AT,
      updatedAt: AT,
      updatedBy: 'sam',
      capabilities: [{ area: 'M', kind: 'published' }],
      basis: { cycle: 2026, plans: 3 },
    };
    expect(parseDoc(doc)).toEqual(doc);
    expect(() => parseDoc({ ...doc, _id: 'capability:la-dsm' })).toThrow(/not saved/);
    expect(() => parseDoc({ ...doc, capabilities: [{ area: 'M', kind: 'rumoured' }] })).toThrow(/not saved/);
    const orgDb = new Function(`return (${validateDocUpdateSource(orgDbName('th-nimt'))});`)() as (
      ...args: unknown[]
    ) => void;
    let refusal: unknown;
    try {
      orgDb(doc, null, { name: 'sam', roles: [SECRETARIAT_ROLE] }, {});
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toEqual({
      forbidden: `A capability document does not belong in ${orgDbName('th-nimt')}.`,
    });
  });
});
