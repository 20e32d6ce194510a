/**
 * `npm run bench -- cmc`: matching needs to providers for the secretariat's computer, over
 * the seed generator's 40 institutes × 3 cycles (every KCDB area, their assessments' needs
 * and capabilities, their CMC plans), printed against baselines measured in the same run.
 *
 *   facts     what the read model holds per response (needsFromAnswers, capabilitiesFromAnswers),
 *             as the CMC projector computes it once per document
 *   gather    each institute's latest facts and plans, every need and every capability
 *             (summaries as the secretariat would share them): the work before any ranking
 *   matched   matchNeeds: each need ranked against its own area's capabilities (the app's way)
 *   all-pairs each need ranked against every capability of every institute (the naive scan)
 *   read model  the same matching from the Dexie read model after the CMC projector followed
 *             the institutes' documents (fake-indexeddb), as the Matching screen reads it
 *
 * BENCH_CMC_INSTITUTES changes the 40. Times are medians of several runs.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import { capabilitiesOf, gatherInstitutes, needsOf, type ResponseFacts } from '../shared/cmc/institutes';
import { capabilitiesFromAnswers, matchNeeds, needsFromAnswers, rankProviders } from '../shared/cmc/matching';
import type { CmcPlanDoc } from '../shared/docs/cmcplan/schema';
import { answerValues } from '../shared/docs/response/edit';
import type { ResponseDoc } from '../shared/docs/response/schema';
import { generateInstituteDocs, planDataset } from '../shared/seed';
import { institutesOnThisComputer } from '../renderer/src/data/cmc-sharing';
import type { PouchConstructor } from '../renderer/src/data/pouch';
import { closeWorkspace, openWorkspace } from '../renderer/src/data/workspace';

PouchDB.plugin(memoryAdapter);
const Memory = PouchDB.defaults({ adapter: 'memory' }) as unknown as PouchConstructor;

const INSTITUTES = Number(process.env['BENCH_CMC_INSTITUTES'] ?? 40);
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  let result = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  return { result, ms: median(times) };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  let result = await fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return { result, ms: median(times) };
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(9)} ms`;

export async function run(): Promise<void> {
  const plan = planDataset({ seed: 1, institutes: INSTITUTES, cycles: 3, asOf: '2026-11-30' });
  const generation = performance.now();
  const docs = plan.institutes.flatMap((institute) => generateInstituteDocs(plan, institute));
  const generatedMs = performance.now() - generation;
  const responses = docs.filter((d): d is ResponseDoc => d.type === 'response');
  const plans = docs.filter((d): d is CmcPlanDoc => d.type === 'cmcplan');

  const facts = timed((): ResponseFacts[] =>
    responses.map((doc) => {
      const values = answerValues(doc);
      return {
        org: doc.org,
        cycle: doc.cycle,
        needs: needsFromAnswers(doc.org, values),
        capabilities: capabilitiesFromAnswers(doc.org, values),
      };
    }),
  );
  const gathered = timed(() => {
    const institutes = gatherInstitutes(facts.result, plans);
    return { needs: needsOf(institutes.values()), capabilities: capabilitiesOf(institutes.values()) };
  });
  const { needs, capabilities } = gathered.result;
  const matched = timed(() => matchNeeds(needs, capabilities, 5));
  const allPairs = timed(() =>
    needs.map((need) => ({ need, providers: rankProviders(need, capabilities).slice(0, 5) })),
  );
  const same = JSON.stringify(matched.result) === JSON.stringify(allPairs.result);

  // The Matching screen's path: rows from the read model, after the projector followed the documents.
  const ws = await openWorkspace({ org: 'bench-secretariat', user: 'bench' }, Memory, {
    libraryName: 'bench-cmc-library',
  });
  const projection = performance.now();
  await ws.db.bulkDocs(docs);
  await ws.cmcProjector.catchUp();
  const projectedMs = performance.now() - projection;
  const fromReadModel = await timedAsync(async () => {
    const institutes = await institutesOnThisComputer(ws.readModel);
    return matchNeeds(needsOf(institutes.values()), capabilitiesOf(institutes.values()), 5);
  });
  const rows = await ws.readModel.cmcPlans.toArray();
  await closeWorkspace(ws);
  await Dexie.delete(ws.readModel.name);

  const areas = new Set([...needs.map((n) => n.area), ...capabilities.map((c) => c.area)]);
  const withProvider = matched.result.filter((m) => m.providers.length > 0).length;
  console.log(
    `${INSTITUTES} institutes × 3 cycles (generated in ${generatedMs.toFixed(0)} ms): ${responses.length} responses, ${plans.length} CMC plans (${rows.length} projected), ${areas.size} areas`,
  );
  console.log(
    `${needs.length} needs (${needs.filter((n) => n.source === 'plan').length} from plan milestones), ${capabilities.length} capabilities; ${withProvider} needs have at least one provider`,
  );
  console.log(`median of ${RUNS} runs:`);
  console.log(`  facts from responses       ${fmt(facts.ms)}`);
  console.log(`  gather needs, capabilities ${fmt(gathered.ms)}   (baseline: everything but the ranking)`);
  console.log(
    `  matched, by area           ${fmt(matched.ms)}   ${((matched.ms / Math.max(needs.length, 1)) * 1000).toFixed(1)} µs per need`,
  );
  console.log(
    `  all-pairs scan             ${fmt(allPairs.ms)}   (baseline: ${(allPairs.ms / Math.max(matched.ms, 0.001)).toFixed(1)}× the time; same result: ${same ? 'yes' : 'NO'})`,
  );
  console.log(
    `  projected into Dexie       ${fmt(projectedMs)}   (once, CMC follower over ${docs.length} documents)`,
  );
  console.log(
    `  matched from the read model${fmt(fromReadModel.ms)}   (what the Matching screen does on open)`,
  );
}
