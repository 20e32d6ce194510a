/**
 * `npm run bench -- events`: what issue 22 adds to the work of a computer, on the seed
 * generator's institutes (BENCH_EVENTS_INSTITUTES, default 40), printed against baselines
 * measured in the same run:
 *
 *   results   an event's results (rates, every rating's distribution and mean, comments,
 *             plans) from N responses, against one pass counting the overall rating alone
 *   relay     the secretariat's relay after a pass when nothing changed (reading every
 *             exchange part, copy, event and offer, the library's copies and the directory,
 *             then planning), against reading the same documents alone — the floor
 *
 * Times are medians of several runs.
 */
import 'fake-indexeddb/auto';
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import { newResponseDoc, submitted } from '../shared/docs/response/edit';
import { eventId, instituteId, typeRange, type DocType } from '../shared/ids';
import { eventResults, type FeedbackFacts } from '../shared/events/results';
import { findShippedTemplate } from '../shared/forms/shipped';
import { generateInstituteDocs, generateLibraryDocs, planDataset } from '../shared/seed';
import type { PouchConstructor } from '../renderer/src/data/pouch';
import { relayForSecretariat } from '../renderer/src/data/sync/relay';

PouchDB.plugin(memoryAdapter);
const Memory = PouchDB.defaults({ adapter: 'memory' }) as unknown as PouchConstructor;

const INSTITUTES = Number(process.env['BENCH_EVENTS_INSTITUTES'] ?? 40);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed<T>(runs: number, fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  let result = await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return { result, ms: median(times) };
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(9)} ms`;

function responses(n: number): FeedbackFacts[] {
  const event = eventId('bench', 'e1');
  return Array.from({ length: n }, (_, i) => {
    const doc = submitted(
      newResponseDoc({
        org: 'bench',
        templateId: 'workshop_feedback',
        templateVersion: '2026.2',
        cycle: 2026,
        answers: {
          rating_overall: String(1 + (i % 5)),
          rating_content: String(1 + ((i * 3) % 5)),
          rating_facilitation: String(1 + ((i * 7) % 5)),
          most_useful: i % 2 ? 'The exercises' : '',
          implementation_plan: i % 3 ? `Plan ${i}` : '',
        },
        at: '2026-05-15T09:00:00.000Z',
        by: 'Kiosk',
        event: { id: event, participant: `k-${i}` },
      }),
      {},
      '2026-05-15T09:05:00.000Z',
      'Kiosk',
    );
    return {
      id: doc._id,
      org: doc.org,
      event,
      participant: `k-${i}`,
      templateId: doc.templateId,
      status: doc.status,
      answers: Object.fromEntries(Object.entries(doc.answers).map(([k, e]) => [k, e.value])),
    };
  });
}

export async function run(): Promise<void> {
  const template = findShippedTemplate('workshop_feedback', '2026.2');
  if (!template) throw new Error('no feedback template');
  for (const n of [30, 300]) {
    const facts = responses(n);
    const results = await timed(50, () => eventResults(template, facts, n));
    const floor = await timed(50, () => {
      const counts: Record<string, number> = {};
      for (const f of facts) {
        const v = f.answers['rating_overall'];
        if (typeof v === 'string') counts[v] = (counts[v] ?? 0) + 1;
      }
      return counts;
    });
    console.log(
      `results of ${String(n).padStart(3)} responses ${fmt(results.ms)}   (baseline, one rating counted: ${fmt(floor.ms)})`,
    );
  }

  const plan = planDataset({ seed: 1, institutes: INSTITUTES, cycles: 2, asOf: '2026-11-30' });
  const db = new Memory('bench-events-sec');
  const library = new Memory('bench-events-library');
  const docs = plan.institutes.flatMap((institute) => generateInstituteDocs(plan, institute));
  await db.bulkDocs(docs);
  await library.bulkDocs(generateLibraryDocs(plan));
  // The directory, as workbench setup writes it: the relay copies parts to these institutes.
  await library.bulkDocs(
    plan.institutes.map((i) => ({
      _id: instituteId(i.slug),
      type: 'institute',
      schemaVersion: 1,
      org: i.slug,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      updatedBy: 'setup',
      name: i.name,
      acronym: i.acronym,
      economy: i.economy,
      inferred: i.inferred,
      source: 'reference',
    })),
  );
  const types: DocType[] = ['exchange', 'exchangecopy', 'event', 'offer'];
  const counted = Object.fromEntries(types.map((t) => [t, docs.filter((d) => d.type === t).length]));
  const relay = await timed(7, () => relayForSecretariat(db, library, 'bench-sec', 'Sam'));
  const reads = await timed(7, async () => {
    for (const type of types) await db.allDocs({ ...typeRange(type), include_docs: true });
    for (const type of ['event', 'offer', 'institute'] as const)
      await library.allDocs({ ...typeRange(type), include_docs: true });
  });
  console.log(
    `relay after an idle pass, ${INSTITUTES} institutes (${Object.entries(counted)
      .map(([t, n]) => `${n} ${t}`)
      .join(
        ', ',
      )}): ${fmt(relay.ms)}, wrote ${relay.result.orgs.length + relay.result.published}   (baseline, reading them alone: ${fmt(reads.ms)})`,
  );
  await Promise.all([db.destroy(), library.destroy()]);
}
