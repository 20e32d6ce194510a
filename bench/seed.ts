/**
 * `npm run bench -- seed`: how long training data takes to make and to load.
 *
 * - generation: the seed generator's documents for 40 institutes × 3 cycles, in memory;
 * - files: `workbench seed --out`'s changes files for the same dataset;
 * - hub fill: `seedServer` (setup, users, `_bulk_docs` in batches) on a fresh hub, against
 *   a baseline in the same run: the same setup and users, then one PUT per document, as a
 *   script without bulk writes would do it.
 * BENCH_SEED_INSTITUTES and BENCH_SEED_CYCLES change the 40 × 3.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedCommand } from '../server/commands/seed';
import { saveUser } from '../server/commands/user';
import { couchClient, type CouchClient } from '../server/couch-client';
import { startHub, type Hub } from '../server/hub/start-hub';
import { mapLimit, seedServer } from '../server/seed';
import { setupServer } from '../server/setup';
import { generateInstituteDocs, planDataset, type SeedOptions } from '../shared/seed';
import { orgDbName, orgRole, SECRETARIAT_ROLE } from '../shared/sync/names';

const PORT = Number(process.env['BENCH_PORT'] ?? 4394);
const PASSWORD = 'bench-admin-pw';
const OPTIONS: SeedOptions = {
  seed: 1,
  institutes: Number(process.env['BENCH_SEED_INSTITUTES'] ?? 40),
  cycles: Number(process.env['BENCH_SEED_CYCLES'] ?? 3),
  asOf: '2026-11-30',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function freshHub(port: number): Promise<{ hub: Hub; dir: string; client: CouchClient }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-seed-'));
  const hub = await startHub({
    host: '127.0.0.1',
    port,
    dataDir: dir,
    adminPassword: PASSWORD,
    log: () => undefined,
  });
  return { hub, dir, client: couchClient(`http://admin:${PASSWORD}@127.0.0.1:${port}`) };
}

/** The baseline: the same databases and users, then every document with its own PUT. */
async function onePutPerDocument(client: CouchClient): Promise<{ total: number; docs: number }> {
  const plan = planDataset(OPTIONS);
  const start = performance.now();
  await setupServer(
    client,
    plan.institutes.map((i) => i.slug),
  );
  await mapLimit(plan.users, 8, (u) =>
    saveUser(client, u.name, 'bench-password', [u.secretariat ? SECRETARIAT_ROLE : orgRole(u.org ?? '')]),
  );
  const docsStart = performance.now();
  for (const institute of plan.institutes) {
    for (const doc of generateInstituteDocs(plan, institute)) {
      await client.request('PUT', `/${orgDbName(institute.slug)}/${encodeURIComponent(doc._id)}`, doc);
    }
  }
  const end = performance.now();
  return { total: end - start, docs: end - docsStart };
}

export async function run(): Promise<void> {
  // Generation alone, three times (the first includes loading the templates' rules).
  const times: number[] = [];
  let docs = 0;
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const plan = planDataset(OPTIONS);
    const all = plan.institutes.flatMap((institute) => generateInstituteDocs(plan, institute));
    times.push(performance.now() - start);
    docs = all.length;
    bytes = JSON.stringify(all).length;
  }
  console.log(
    `Dataset: ${OPTIONS.institutes} institutes × ${OPTIONS.cycles} cycles, seed ${OPTIONS.seed}: ${docs} documents, ${(bytes / 1024).toFixed(0)} kB of JSON.`,
  );
  console.log(`generation (in memory)        ${times.map(seconds).join(', ')}`);

  // Changes files, as `workbench seed --out` writes them.
  const out = await mkdtemp(path.join(tmpdir(), 'bench-seed-out-'));
  try {
    const start = performance.now();
    const log = console.log;
    console.log = () => undefined;
    const code = await seedCommand.run([
      '--out',
      out,
      '--institutes',
      String(OPTIONS.institutes),
      '--cycles',
      String(OPTIONS.cycles),
      '--seed',
      String(OPTIONS.seed),
      '--as-of',
      OPTIONS.asOf,
    ]);
    console.log = log;
    const files = await readdir(out);
    const size = (await Promise.all(files.map((f) => stat(path.join(out, f))))).reduce(
      (n, s) => n + s.size,
      0,
    );
    console.log(
      `changes files (--out)         ${seconds(performance.now() - start)}  ${files.length} files, ${(size / 1024).toFixed(0)} kB gzipped (exit ${code})`,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }

  // A hub filled by workbench seed, and the one-PUT-per-document baseline on another fresh hub.
  const ours = await freshHub(PORT);
  try {
    const plan = planDataset(OPTIONS);
    const report = await seedServer(ours.client, plan, { passwordFor: () => 'bench-password' });
    console.log(
      `hub fill (workbench seed)     ${seconds(report.ms.total)}  setup ${seconds(report.ms.setup)}, users ${seconds(report.ms.users)}, documents ${seconds(report.ms.docs)} (${report.written} docs, ${(report.bytes / 1024).toFixed(0)} kB sent)`,
    );
  } finally {
    await ours.hub.close();
    await rm(ours.dir, { recursive: true, force: true });
  }
  const baseline = await freshHub(PORT + 1);
  try {
    const ms = await onePutPerDocument(baseline.client);
    console.log(
      `hub fill (one PUT per doc)    ${seconds(ms.total)}  documents ${seconds(ms.docs)} (baseline: same setup and users, then one request per document)`,
    );
  } finally {
    await baseline.hub.close();
    await rm(baseline.dir, { recursive: true, force: true });
  }
}
