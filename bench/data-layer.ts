/**
 * Benchmarks of the data layer, printed as figures and compared with a baseline in
 * the same run; never part of `npm test`. Workload: one institute's questionnaire
 * responses (N documents of 40 answers) written and projected into the read model.
 *
 *   baseline  raw PouchDB put of the same documents (no schema check)
 *   measured  Repository.put (upgrade + zod check + put), then projector catch-up
 *
 * Runs in Node on PouchDB's memory adapter and fake-indexeddb, so the figures
 * compare our layers with each other, not with a browser's IndexedDB.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import type { ResponseDoc } from '../shared/docs/response/schema';
import { responseId } from '../shared/ids';
import type { PouchConstructor } from '../renderer/src/data/pouch';
import { openWorkspace, rebuildReadModel } from '../renderer/src/data/workspace';

PouchDB.plugin(memoryAdapter);
const Memory = PouchDB.defaults({ adapter: 'memory' }) as unknown as PouchConstructor;

const N = Number(process.env.BENCH_DOCS ?? 500);
const ANSWERS = 40;

function makeDoc(org: string, i: number): ResponseDoc {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  const answers = Object.fromEntries(
    Array.from({ length: ANSWERS }, (_, q) => [
      `q${q}`,
      { value: q % 3 === 0 ? q * i : `answer ${q} of ${i}`, at, by: 'bench' },
    ]),
  );
  return {
    _id: responseId(org, `form${i % 10}`, 2000 + Math.floor(i / 10)),
    type: 'response',
    schemaVersion: 2,
    revision: 1,
    history: [],
    org,
    createdAt: at,
    updatedAt: at,
    updatedBy: 'bench',
    templateId: `form${i % 10}`,
    templateVersion: '1',
    cycle: 2000 + Math.floor(i / 10),
    status: 'draft',
    answers,
  };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

function row(name: string, ms: number, baseline?: number): string {
  const perDoc = ((ms / N) * 1000).toFixed(0);
  const ratio = baseline ? `  ×${(ms / baseline).toFixed(2)} of baseline` : '';
  return `${name.padEnd(38)} ${ms.toFixed(1).padStart(9)} ms  ${perDoc.padStart(6)} µs/doc${ratio}`;
}

export async function run(): Promise<void> {
  const docs = (org: string) => Array.from({ length: N }, (_, i) => makeDoc(org, i));

  const raw = new Memory('bench-raw');
  const [, baseline] = await time(async () => {
    for (const doc of docs('bench-raw')) await raw.put(doc);
  });
  await raw.destroy();

  const ws = await openWorkspace({ org: 'bench-repo', user: 'bench' }, Memory);
  ws.projector.stop();
  const [, repoMs] = await time(async () => {
    for (const doc of docs('bench-repo')) await ws.repository.put(doc);
  });
  const [, projectMs] = await time(() => ws.projector.catchUp());
  const [rebuilt, rebuildMs] = await time(() => rebuildReadModel(ws));
  const listed = await rebuilt.readModel.responses.count();
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  rebuilt.projector.stop();
  rebuilt.readModel.close();
  await Dexie.delete(rebuilt.readModel.name);
  await rebuilt.db.destroy();

  console.log(`data layer: ${N} responses × ${ANSWERS} answers (${listed} listed after rebuild)`);
  console.log(row('baseline: raw PouchDB put', baseline));
  console.log(row('repository put (schema-checked)', repoMs, baseline));
  console.log(row('projector catch-up into Dexie', projectMs, baseline));
  console.log(row('rebuild read model (drop + replay)', rebuildMs, baseline));
  console.log(`heap used at end: ${heapMb.toFixed(1)} MB`);
}
