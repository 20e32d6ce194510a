/**
 * CMC plans in the data layer, on a real PouchDB (memory adapter) and Dexie
 * (fake-indexeddb): plans saved field by field with the conflict retry, projected into their
 * rows; the needs and capabilities of responses; the library's taxonomy and provider
 * summaries; the secretariat's sharing of summaries; and the upgrade to Dexie version 5.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { withBranchChange } from '../../../shared/cmc/taxonomy';
import { newCmcPlanFields, type CmcPlanDoc } from '../../../shared/docs/cmcplan/schema';
import { newResponseDoc } from '../../../shared/docs/response/edit';
import { CmcRepository } from '../../../renderer/src/data/cmc-repository';
import { shareProviderSummaries } from '../../../renderer/src/data/cmc-sharing';
import { ReadModelDb, readModelName } from '../../../renderer/src/data/read-model';
import { Repository } from '../../../renderer/src/data/repository';
import {
  closeWorkspace,
  openWorkspace,
  rebuildReadModel,
  type Workspace,
} from '../../../renderer/src/data/workspace';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) {
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
});

let tick = Date.parse('2026-11-24T09:00:00Z');
const clock = () => new Date((tick += 1000));
let uuids = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`;

async function workspace(user = 'Maria') {
  const org = uniqueOrg('cmc');
  const ws = await openWorkspace({ org, user }, MemoryPouch, { libraryName: `library-${org}` });
  open.push(ws);
  return { ws, org, cmc: new CmcRepository(ws.repository, ws.author, clock, uuid) };
}

async function settle(ws: Workspace) {
  await Promise.all([ws.projector.catchUp(), ws.cmcProjector.catchUp(), ws.libraryProjector.catchUp()]);
}

describe('CMC plans in the data layer', () => {
  it('creates a plan, saves fields as typed, and lists it with its stage and next milestone', async () => {
    const { ws, org, cmc } = await workspace();
    const plan = await cmc.createPlan(newCmcPlanFields('M', 'Mass standards', 'Calibration of weights'));
    expect(plan._id).toMatch(new RegExp(`^cmcplan:${org}:`));
    await cmc.savePlan(plan._id, {
      rangeMin: '0,5',
      rangeMax: 20,
      'milestones.quality_system.status': 'done',
      'milestones.quality_system.actual': '2026-01-10',
      'milestones.traceability.planned': '2026-12-01',
      'milestones.training.planned': '2026-10-01',
    });
    await settle(ws);
    const row = await ws.readModel.cmcPlans.get(plan._id);
    expect(row).toMatchObject({
      org,
      area: 'M',
      branch: 'Mass standards',
      stage: 'traceability',
      stageIndex: 1,
      nextDue: '2026-10-01',
      nextDueKey: 'training',
    });
    // The typed range is a thing to check; training before traceability is not (prerequisites
    // have no order among themselves).
    expect(row?.problems).toBe(1);
    expect((await cmc.getPlan(plan._id))?.rangeMin).toBe('0,5');

    await cmc.deletePlan(plan._id);
    await settle(ws);
    expect(await ws.readModel.cmcPlans.get(plan._id)).toBeUndefined();
  });

  it('re-applies only its own fields when a save meets a newer revision', async () => {
    const { ws, org } = await workspace();
    const plan = await new CmcRepository(ws.repository, ws.author, clock, uuid).createPlan(
      newCmcPlanFields('T', 'Temperature', 'PRT calibration'),
    );
    // Another window writes the plan between this save's read and its write.
    let raced = false;
    const racing = new Proxy(ws.db, {
      get(target, prop, receiver) {
        if (prop !== 'put') return Reflect.get(target, prop, receiver);
        return async (doc: CmcPlanDoc) => {
          if (!raced) {
            raced = true;
            const current = await target.get<CmcPlanDoc>(doc._id);
            await target.put({ ...current, quantity: 'Temperature (ITS-90)' });
          }
          return target.put(doc);
        };
      },
    });
    const cmc = new CmcRepository(
      new Repository(racing, { org, user: 'Maria' }, clock),
      ws.author,
      clock,
      uuid,
    );
    const saved = await cmc.savePlan(plan._id, {
      uncertaintyMax: 0.03,
      'milestones.training.notes': 'Two staff',
    });
    expect(raced).toBe(true);
    expect(saved).toMatchObject({ quantity: 'Temperature (ITS-90)', uncertaintyMax: 0.03 });
    expect(saved.milestones.training.notes).toBe('Two staff');
    await expect(cmc.savePlan(plan._id, { nonsense: 1 })).rejects.toThrow(/no field nonsense/);
  });

  it('takes needs and capabilities from responses, the latest values of each', async () => {
    const { ws, org } = await workspace();
    const doc = newResponseDoc({
      org,
      templateId: 'dec_capacity_needs',
      templateVersion: '2026.1',
      cycle: 2026,
      at: '2026-03-01T00:00:00.000Z',
      by: 'Maria',
      answers: {
        need: ['k1'],
        'need#k1/need_area': 'M',
        'need#k1/need_type': 'traceability',
        areas_served: ['M', 'T'],
        'area_services#1/service_area': 'T',
        'area_services#1/cmcs_published': 3,
      },
    });
    await ws.repository.put(doc);
    await ws.repository.createResponse('institute_profile', '2026.1', 2026, { director_name: 'Dr. A' });
    await settle(ws);
    const rows = await ws.readModel.matchFacts.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.needs).toEqual([
      { org, area: 'M', type: 'traceability', source: 'questionnaire', ref: 'k1' },
    ]);
    expect(rows[0]?.capabilities.map((c) => `${c.kind} ${c.area}`)).toEqual([
      'service M',
      'service T',
      'published T',
    ]);
  });

  it('projects the library’s taxonomy and provider summaries, and keeps both through a rebuild', async () => {
    const { ws, cmc } = await workspace('Sam');
    await cmc.updateTaxonomy(ws.libraryRepository, (c) =>
      withBranchChange(c, 'M', { from: 'Mass standards', name: 'Mass', services: ['Weights'] }),
    );
    // A second change is applied to the stored corrections, not to a stale copy.
    await cmc.updateTaxonomy(ws.libraryRepository, (c) => withBranchChange(c, 'T', { name: 'Pyrometry' }));
    await cmc.saveProviderSummary(ws.libraryRepository, 'la-dsm', [{ area: 'M', kind: 'published' }], {
      cycle: 2026,
      plans: 1,
    });
    await settle(ws);
    const taxonomy = await ws.readModel.taxonomy.toArray();
    expect(taxonomy[0]?.corrections).toEqual([
      { area: 'M', branches: [{ from: 'Mass standards', name: 'Mass', services: ['Weights'] }] },
      { area: 'T', branches: [{ name: 'Pyrometry' }] },
    ]);
    expect(await ws.readModel.providerSummaries.get('capability:la-dsm')).toMatchObject({
      org: 'la-dsm',
      capabilities: [{ area: 'M', kind: 'published' }],
    });
    const rebuilt = await rebuildReadModel(ws);
    open[open.indexOf(ws)] = rebuilt;
    await settle(rebuilt);
    expect(await rebuilt.readModel.taxonomy.count()).toBe(1);
    expect(await rebuilt.readModel.providerSummaries.count()).toBe(1);
  });

  it('shares one provider summary per institute held here, and writes nothing the second time', async () => {
    const { ws, org, cmc } = await workspace('Sam');
    // Another institute's published plan, as the secretariat's rounds bring it.
    const other = 'th-nimt';
    const published = newCmcPlanFields('M', 'Pressure', 'Pressure gauges');
    for (const milestone of Object.values(published.milestones)) {
      milestone.status = 'done';
      milestone.actual = '2025-06-01';
    }
    await ws.repository.put({
      ...published,
      kcdbId: 'APMP-M-TH-00000001-1',
      _id: `cmcplan:${other}:p1`,
      type: 'cmcplan',
      schemaVersion: 2,
      org: other,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-06-01T00:00:00.000Z',
      updatedBy: 'Somchai',
    } satisfies CmcPlanDoc);
    await cmc.createPlan(newCmcPlanFields('T', 'Humidity', 'Hygrometers'));
    await settle(ws);
    const first = await shareProviderSummaries(ws);
    expect(first).toEqual({ written: 2, unchanged: 0, institutes: 2 });
    await settle(ws);
    const summary = await ws.readModel.providerSummaries.get(`capability:${other}`);
    expect(summary).toMatchObject({
      org: other,
      capabilities: [
        { area: 'M', branch: 'Pressure', kind: 'published', detail: 'Pressure gauges' },
        { area: 'M', branch: 'Pressure', kind: 'comparison' },
      ],
      basis: { cycle: null, plans: 1 },
    });
    // The own institute's plan is at its start: nothing to offer yet, said as such.
    expect((await ws.readModel.providerSummaries.get(`capability:${org}`))?.capabilities).toEqual([]);
    expect(await shareProviderSummaries(ws)).toEqual({ written: 0, unchanged: 2, institutes: 2 });
  });
});

describe('the read model’s version 5', () => {
  it('adds the CMC tables to a version 3 database and projects everything again', async () => {
    const org = uniqueOrg('upgrade');
    const old = new Dexie(readModelName(org));
    old
      .version(1)
      .stores({ responses: 'id, [templateId+cycle], cycle, status, updatedAt', problems: 'id', meta: 'key' });
    old.version(2).stores({ templates: 'id, templateId' });
    old.version(3).stores({ institutes: 'id, org, name', libraryTemplates: 'id, templateId' });
    await old.open();
    await old.table('meta').bulkPut([
      { key: 'checkpoint', value: 40 },
      { key: 'checkpoint:library', value: 12 },
    ]);
    old.close();
    const upgraded = new ReadModelDb(org);
    await upgraded.open();
    // Versions 6 (case studies), 7 (dashboard facts), 8 (KCDB fields, leverage areas), 9
    // (funding; needs with their ids) and 10 (readiness) replay the institute's documents too;
    // 11 (events) adds tables only.
    expect(upgraded.verno).toBe(11);
    expect(await upgraded.meta.get('checkpoint')).toBeUndefined();
    expect(await upgraded.meta.get('checkpoint:library')).toBeUndefined();
    expect(await upgraded.cmcPlans.count()).toBe(0);
    upgraded.close();
    await Dexie.delete(readModelName(org));
  });
});
