/**
 * `npm run bench -- durable`: what syncing every write to disk before the hub answers
 * costs (server/hub/durable-store.ts), against the same hub without it, in one run:
 *
 * - one document per PUT, one client at a time (a director saving as they sync);
 * - one document per PUT, eight clients at once (a workshop: LevelDB groups concurrent
 *   writers into one sync);
 * - `_bulk_docs` in batches of 100 (a replication's upload).
 *
 * Documents of the seed generator's size. BENCH_DURABLE_DOCS changes how many (400).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { couchClient } from '../server/couch-client';
import { mapLimit } from '../server/seed';
import { setupServer } from '../server/setup';
import { startHub } from '../server/hub/start-hub';

const PORT = Number(process.env['BENCH_PORT'] ?? 4394);
const DOCS = Number(process.env['BENCH_DURABLE_DOCS'] ?? 400);
const PASSWORD = 'bench-admin-pw';

function doc(i: number, run: string): Record<string, unknown> {
  const now = '2026-11-24T09:00:00.000Z';
  const answers: Record<string, unknown> = {};
  for (let q = 0; q < 40; q++)
    answers[`q${q}`] = { value: `answer ${q} of document ${i}`, at: now, by: 'bench' };
  return {
    _id: `response:bench:${run}-${i}:2026`,
    type: 'response',
    schemaVersion: 2,
    org: 'bench',
    createdAt: now,
    updatedAt: now,
    updatedBy: 'bench',
    templateId: 'bench',
    templateVersion: '1',
    cycle: 2026,
    status: 'draft',
    revision: 1,
    history: [],
    answers,
  };
}

type Case = (client: ReturnType<typeof couchClient>) => Promise<void>;

const CASES: [string, Case][] = [
  [
    'one PUT at a time',
    async (client) => {
      for (let i = 0; i < DOCS; i++) {
        const d = doc(i, 'seq');
        await client.request('PUT', `/org-bench/${encodeURIComponent(d['_id'] as string)}`, d);
      }
    },
  ],
  [
    'PUTs from 8 clients at once',
    async (client) => {
      await mapLimit(
        Array.from({ length: DOCS }, (_, i) => doc(i, 'par')),
        8,
        (d) => client.request('PUT', `/org-bench/${encodeURIComponent(d['_id'] as string)}`, d),
      );
    },
  ],
  [
    '_bulk_docs, 100 a batch',
    async (client) => {
      for (let i = 0; i < DOCS; i += 100) {
        const docs = Array.from({ length: Math.min(100, DOCS - i) }, (_, k) => doc(i + k, 'bulk'));
        await client.request('POST', '/org-bench/_bulk_docs', { docs });
      }
    },
  ],
];

async function measure(durable: boolean): Promise<number[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-durable-'));
  const hub = await startHub({
    host: '127.0.0.1',
    port: PORT,
    dataDir: dir,
    adminPassword: PASSWORD,
    durable,
    log: () => undefined,
  });
  try {
    const client = couchClient(`http://admin:${PASSWORD}@127.0.0.1:${PORT}`);
    await setupServer(client, ['bench']);
    const rates: number[] = [];
    for (const [, run] of CASES) {
      const start = performance.now();
      await run(client);
      rates.push(DOCS / ((performance.now() - start) / 1000));
    }
    return rates;
  } finally {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const ROUNDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function run(): Promise<void> {
  console.log(
    `${DOCS} documents of 40 answers each, per case; documents per second (higher is better), median of ${ROUNDS} rounds, the two hubs taking turns`,
  );
  const rounds: { synced: number[]; unsynced: number[] }[] = [];
  for (let r = 0; r < ROUNDS; r++)
    rounds.push({ synced: await measure(true), unsynced: await measure(false) });
  const synced = CASES.map((_, i) => median(rounds.map((round) => round.synced[i] ?? 0)));
  const unsynced = CASES.map((_, i) => median(rounds.map((round) => round.unsynced[i] ?? 0)));
  console.log(
    `${'case'.padEnd(30)} ${'synced (the hub)'.padStart(18)} ${'not synced'.padStart(12)} ${'cost'.padStart(8)}`,
  );
  for (const [i, [name]] of CASES.entries()) {
    const a = synced[i] ?? 0;
    const b = unsynced[i] ?? 0;
    console.log(
      `${name.padEnd(30)} ${a.toFixed(0).padStart(18)} ${b.toFixed(0).padStart(12)} ${`×${(b / a).toFixed(2)}`.padStart(8)}`,
    );
  }
}
