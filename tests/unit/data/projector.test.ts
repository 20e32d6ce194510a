import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
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

async function workspace(org = uniqueOrg('ws')): Promise<Workspace> {
  const ws = await openWorkspace({ org, user: 'Maria Santos' }, MemoryPouch);
  open.push(ws);
  return ws;
}

describe('read model projector', () => {
  it('lists what is written to PouchDB, with answered counts', async () => {
    const ws = await workspace();
    const doc = await ws.repository.createResponse('institute_profile', '2026.1', 2026);
    await ws.repository.saveAnswers(doc._id, {
      staff_total: 37,
      director_name: 'Dr. Dizon',
      main_needs: null,
    });
    await ws.projector.catchUp();
    const rows = await ws.readModel.responses.toArray();
    expect(rows).toEqual([
      expect.objectContaining({ id: doc._id, cycle: 2026, status: 'draft', answeredCount: 2 }),
    ]);
  });

  it('keeps what dashboards read: missing answers, needs per area and key indicators', async () => {
    const ws = await workspace();
    const doc = await ws.repository.createResponse('dec_capacity_needs', '2026.1', 2026);
    await ws.repository.saveAnswers(doc._id, {
      ind_calibrations: 140,
      need: ['k1'],
      'need#k1/need_area': 'T',
      'need#k1/need_type': 'traceability',
      'need#k1/need_priority': 1,
    });
    await ws.projector.catchUp();
    const row = await ws.readModel.responses.get(doc._id);
    expect(row?.indicators).toEqual({ calibrations: 140 });
    expect(row?.needs).toEqual([{ area: 'T', type: 'traceability', priority: 1 }]);
    expect(row?.missing).toContain('legal_status');
    expect(row?.missing.length).toBe(row?.missingCount);
  });

  it('resumes from its checkpoint after the app restarts, beyond the first page', async () => {
    const org = uniqueOrg('restart');
    const ws = await workspace(org);
    for (let cycle = 2000; cycle < 2030; cycle++)
      await ws.repository.createResponse('institute_profile', '1', cycle);
    await ws.projector.catchUp();
    const checkpoint = (await ws.readModel.meta.get('checkpoint'))?.value;
    ws.projector.stop();
    // Written while the projector is not running, as after a crash.
    for (let cycle = 2030; cycle < 2100; cycle++)
      await ws.repository.createResponse('institute_profile', '1', cycle);
    await ws.projector.catchUp();
    expect(await ws.readModel.responses.count()).toBe(100);
    expect((await ws.readModel.meta.get('checkpoint'))?.value).not.toEqual(checkpoint);
  });

  it('removes deleted documents and lists unreadable ones as problems', async () => {
    const ws = await workspace();
    const doc = await ws.repository.createResponse('institute_profile', '2026.1', 2026);
    await ws.db.put({
      ...doc,
      _id: `response:${ws.author.org}:institute_profile:2027`,
      _rev: undefined,
      schemaVersion: 7,
      cycle: 2027,
    });
    await ws.projector.catchUp();
    expect(await ws.readModel.responses.count()).toBe(1);
    expect((await ws.readModel.problems.toArray())[0]?.message).toMatch(/newer version/);
    const latest = await ws.db.get(doc._id);
    await ws.db.remove(latest);
    await ws.projector.catchUp();
    expect(await ws.readModel.responses.count()).toBe(0);
  });

  it('rebuilds the same list from scratch, without touching PouchDB', async () => {
    const ws = await workspace();
    for (const cycle of [2024, 2025, 2026]) {
      const doc = await ws.repository.createResponse('institute_profile', '2026.1', cycle);
      await ws.repository.saveAnswers(doc._id, { staff_total: cycle - 2000 });
    }
    await ws.projector.catchUp();
    const before = await ws.readModel.responses.orderBy('id').toArray();
    const docsBefore = (await ws.db.info()).update_seq;
    const rebuilt = await rebuildReadModel(ws);
    open[open.indexOf(ws)] = rebuilt;
    expect(await rebuilt.readModel.responses.orderBy('id').toArray()).toEqual(before);
    expect((await ws.db.info()).update_seq).toBe(docsBefore);
  });
});
