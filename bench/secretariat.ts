/**
 * `npm run bench -- secretariat`: the secretariat's rounds (renderer/src/data/sync/
 * secretariat.ts) through every institute over a 256 kbit/s line with 300 ms round trips
 * (the link proxy from the tests in front of a real hub), against a baseline measured in
 * the same run: plain one-shot pulls of the same databases one after another with the
 * same batch settings (what a pass must at least cost; a pass also pushes and merges).
 * Printed per case: requests, bytes on the wire both ways, time; and, with
 * NODE_OPTIONS=--expose-gc, what the heap kept after the first pass.
 *
 * Each institute holds 3 responses of ~400 answers and 20 smaller ones (~110 kB of JSON).
 * BENCH_SECRETARIAT_INSTITUTES changes the number of institutes (default 40).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { couchClient } from '../server/couch-client';
import { startHub } from '../server/hub/start-hub';
import { setupServer } from '../server/setup';
import { orgDbName } from '../shared/sync/names';
import { remoteDb, SLOW_LINK } from '../renderer/src/data/sync/controller';
import { InstituteRounds } from '../renderer/src/data/sync/secretariat';
import { Repository } from '../renderer/src/data/repository';
import type { LocalDb } from '../renderer/src/data/pouch';
import { TestPouch } from '../tests/integration/helpers/devices';
import { startLinkProxy, type LinkProxy } from '../tests/integration/helpers/link-proxy';

const PORT = 4393;
const PASSWORD = 'bench-admin-pw';
const LINE = { bitsPerSecond: 256_000, roundTripMs: 300 };
const INSTITUTES = Number(process.env['BENCH_SECRETARIAT_INSTITUTES'] ?? 40);
const SAM = { name: 'sam', password: 'sam-password' };

let clockTick = Date.parse('2026-01-10T08:00:00Z');
const clock = () => new Date((clockTick += 1000));

async function seed(db: LocalDb, org: string): Promise<void> {
  const repository = new Repository(db, { org, user: 'bench' }, clock);
  const answers = (n: number, width: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `q${String(i).padStart(3, '0')}`,
        `answer ${i} `.repeat(width).trim(),
      ]),
    );
  for (const cycle of [2024, 2025, 2026])
    await repository.createResponse('dec_capacity_needs', '2026.1', cycle, answers(400, 2));
  for (let i = 0; i < 20; i++) await repository.createResponse(`small_${i}`, '1', 2026, answers(30, 4));
}

interface Figure {
  requests: number;
  bytes: number;
  ms: number;
}

async function measure(proxy: LinkProxy, work: () => Promise<unknown>): Promise<Figure> {
  proxy.reset();
  const start = performance.now();
  await work();
  return {
    requests: proxy.counts.requests,
    bytes: proxy.counts.bytesUp + proxy.counts.bytesDown,
    ms: performance.now() - start,
  };
}

function line(label: string, ours: Figure, baseline?: Figure): string {
  const show = (f: Figure) =>
    `${String(f.requests).padStart(5)} req ${`${(f.bytes / 1024).toFixed(0)} kB`.padStart(8)} ${(f.ms / 1000).toFixed(1).padStart(6)} s`;
  const ratio = (a: number, b: number) => (b === 0 ? '—' : `×${(a / b).toFixed(2)}`);
  return [
    label.padEnd(40),
    `rounds ${show(ours)}`,
    ...(baseline
      ? [
          `pulls only ${show(baseline)}`,
          `ratio req ${ratio(ours.requests, baseline.requests)} bytes ${ratio(ours.bytes, baseline.bytes)} time ${ratio(ours.ms, baseline.ms)}`,
        ]
      : []),
  ].join(' | ');
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-secretariat-'));
  const hub = await startHub({
    host: '127.0.0.1',
    port: PORT,
    dataDir: dir,
    adminPassword: PASSWORD,
    log: () => undefined,
  });
  const direct = `http://127.0.0.1:${PORT}`;
  const proxy = await startLinkProxy(direct, 0, LINE);
  try {
    const orgs = Array.from({ length: INSTITUTES }, (_, i) => `inst${String(i).padStart(2, '0')}`);
    const admin = couchClient(`http://admin:${PASSWORD}@127.0.0.1:${PORT}`);
    await setupServer(admin, ['sec', ...orgs]);
    await admin.request('PUT', `/_users/org.couchdb.user:${SAM.name}`, {
      name: SAM.name,
      password: SAM.password,
      roles: ['secretariat'],
      type: 'user',
    });
    console.log(`Seeding ${INSTITUTES} institutes on the hub (no throttling)…`);
    for (const org of orgs) {
      const local = new TestPouch(`seed-${org}`);
      await seed(local, org);
      await local.replicate.to(
        remoteDb(TestPouch, { url: direct, name: 'admin', password: PASSWORD }, orgDbName(org)),
      );
      await local.destroy();
    }

    const db = new TestPouch('secretariat');
    const library = new TestPouch('secretariat-library');
    const rounds = new InstituteRounds({
      db,
      library,
      own: 'sec',
      Pouch: TestPouch,
      credentials: { url: proxy.url, ...SAM },
      options: SLOW_LINK,
      everyMs: 24 * 3600_000,
      onStatus: () => undefined,
    });
    const pass = async () => {
      rounds.syncNow();
      await rounds.settled();
    };
    const baselineDb = new TestPouch('baseline');
    const pullsOnly = async () => {
      await baselineDb.replicate.from(remoteDb(TestPouch, { url: proxy.url, ...SAM }, 'dec-library'), {
        batch_size: SLOW_LINK.batchSize,
      });
      for (const org of orgs) {
        await baselineDb.replicate.from(remoteDb(TestPouch, { url: proxy.url, ...SAM }, orgDbName(org)), {
          batch_size: SLOW_LINK.batchSize,
        });
      }
    };

    console.log(
      `Line: 256 kbit/s each way, 300 ms round trip. ${INSTITUTES} institutes and the library per pass.`,
    );
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const first = await measure(proxy, async () => {
      rounds.start();
      await rounds.settled();
    });
    gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const firstBaseline = await measure(proxy, pullsOnly);

    const idle = await measure(proxy, pass);
    const idleBaseline = await measure(proxy, pullsOnly);

    // One response changed on the server in every institute, and one written here for one.
    const server = (org: string) =>
      remoteDb(TestPouch, { url: direct, name: 'admin', password: PASSWORD }, orgDbName(org));
    for (const org of orgs) {
      const id = `response:${org}:dec_capacity_needs:2026`;
      const doc = await server(org).get(id);
      await server(org).put({ ...doc, updatedAt: clock().toISOString() });
    }
    await new Repository(db, { org: orgs[0] ?? 'inst00', user: 'sam' }, clock).saveAnswers(
      `response:${orgs[0] ?? 'inst00'}:dec_capacity_needs:2026`,
      { q001: 'corrected by the secretariat' },
    );
    const changed = await measure(proxy, pass);
    const changedBaseline = await measure(proxy, pullsOnly);
    rounds.stop();

    console.log('');
    console.log(line(`first pass (${INSTITUTES} inst.)`, first, firstBaseline));
    console.log(line('idle pass (nothing changed)', idle, idleBaseline));
    console.log(line('pass, 1 doc changed per institute', changed, changedBaseline));
    console.log(
      `idle pass per institute: ${(idle.requests / (INSTITUTES + 1)).toFixed(1)} requests, ${(idle.ms / (INSTITUTES + 1) / 1000).toFixed(1)} s`,
    );
    console.log(
      gc
        ? `heap after the first pass: ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB more than before it (after GC)`
        : 'heap: run with NODE_OPTIONS=--expose-gc for the figure',
    );
    await Promise.all([db.destroy(), library.destroy(), baselineDb.destroy()]);
  } finally {
    await proxy.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
