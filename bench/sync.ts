/**
 * `npm run bench -- sync`: replication over a 256 kbit/s line with 300 ms round trips
 * (the link proxy from the tests stands between PouchDB and a real hub), with the app's
 * settings (SLOW_LINK, see renderer/src/data/sync/controller.ts) and with PouchDB's
 * default `replicate()` in the same run. Printed per case: requests, bytes on the wire
 * (headers and bodies, both ways), and time.
 *
 * Datasets from the seed generator (shared/seed, as `workbench seed` makes them): an
 * institute (its responses over 3 cycles, plus 50 CMC-plan-sized and 20 case-study-sized
 * documents — responses of stand-in forms with those sizes for each type that has no
 * seed generator yet, so the figures stay comparable with earlier runs) and a
 * secretariat (40 such institutes, pulled one after another). The institute measured
 * alone is the dataset's busiest. BENCH_SYNC_INSTITUTES changes the 40, BENCH_SYNC_IDLE_S
 * the idle window.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { couchClient } from '../server/couch-client';
import { startHub } from '../server/hub/start-hub';
import { setupServer } from '../server/setup';
import { parseDoc } from '../shared/docs/registry';
import { generateInstituteDocs, planDataset, seedGenerators, type SeedInstitute } from '../shared/seed';
import { orgDbName } from '../shared/sync/names';
import { remoteDb, SLOW_LINK } from '../renderer/src/data/sync/controller';
import { Repository } from '../renderer/src/data/repository';
import type { LocalDb } from '../renderer/src/data/pouch';
import { TestPouch } from '../tests/integration/helpers/devices';
import { startLinkProxy, type LinkProxy } from '../tests/integration/helpers/link-proxy';

const PORT = 4392;
const PASSWORD = 'bench-admin-pw';
const LINE = { bitsPerSecond: 256_000, roundTripMs: 300 };
const INSTITUTES = Number(process.env['BENCH_SYNC_INSTITUTES'] ?? 40);
const IDLE_S = Number(process.env['BENCH_SYNC_IDLE_S'] ?? 65);

const OURS = {
  batch_size: SLOW_LINK.batchSize,
  batches_limit: SLOW_LINK.batchesLimit,
  heartbeat: SLOW_LINK.heartbeat,
  timeout: SLOW_LINK.timeout,
};
type Settings = 'ours' | 'default';
const optionsFor = (settings: Settings) => (settings === 'ours' ? OURS : {});

let clockTick = Date.parse('2026-01-10T08:00:00Z');
const clock = () => new Date((clockTick += 1000));

const PLAN = planDataset({ seed: 1, institutes: INSTITUTES, cycles: 3, asOf: '2026-11-30' });
const GENERATED = new Set<string>(seedGenerators.map((g) => g.type));
const STAND_INS = [
  { type: 'cmcplan', form: 'cmc_plan', count: 50, answers: 30, width: 40 },
  { type: 'casestudy', form: 'case_study', count: 20, answers: 8, width: 600 },
].filter((s) => !GENERATED.has(s.type));

/** One institute's seed documents (as `org`), plus stand-ins for types without a generator yet. */
async function seedInstitute(db: LocalDb, institute: SeedInstitute, org = institute.slug): Promise<void> {
  // The same documents under another institute's name (the push targets), so ours and
  // PouchDB's defaults push exactly the same data.
  const docs = generateInstituteDocs(PLAN, institute).map((doc) => ({
    ...doc,
    _id: doc._id.replace(`${doc.type}:${institute.slug}:`, `${doc.type}:${org}:`),
    org,
  }));
  for (const doc of docs) parseDoc(doc);
  await db.bulkDocs(docs);
  const repository = new Repository(db, { org, user: 'bench' }, clock);
  const answers = (n: number, width: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `q${String(i).padStart(3, '0')}`,
        i % 3 === 0 ? i * 7 : `answer ${i} `.repeat(Math.max(1, Math.round(width / 10))).trim(),
      ]),
    );
  for (const standIn of STAND_INS) {
    for (let i = 0; i < standIn.count; i++) {
      await repository.createResponse(
        `${standIn.form}_${i}`,
        '1',
        2026,
        answers(standIn.answers, standIn.width),
      );
    }
  }
}

/** The institute with the most seed data: the conservative case for one institute's sync. */
function busiestInstitute(): SeedInstitute {
  let best: { institute: SeedInstitute; size: number } | undefined;
  for (const institute of PLAN.institutes) {
    const size = JSON.stringify(generateInstituteDocs(PLAN, institute)).length;
    if (!best || size > best.size) best = { institute, size };
  }
  if (!best) throw new Error('no institutes');
  return best.institute;
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
  const ms = performance.now() - start;
  return { requests: proxy.counts.requests, bytes: proxy.counts.bytesUp + proxy.counts.bytesDown, ms };
}

/** The server database as the app reaches it (ours), or as a plain PouchDB would (default). */
function remote(base: string, db: string, settings: Settings = 'default'): LocalDb {
  if (settings === 'ours') return remoteDb(TestPouch, { url: base, name: 'admin', password: PASSWORD }, db);
  return new TestPouch(`${base}/${db}`, {
    skip_setup: true,
    auth: { username: 'admin', password: PASSWORD },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

function row(label: string, ours: Figure, baseline: Figure): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;
  const ratio = (a: number, b: number) => (b === 0 ? '—' : `×${(a / b).toFixed(2)}`);
  return [
    label.padEnd(34),
    `ours ${String(ours.requests).padStart(5)} req ${kb(ours.bytes).padStart(8)} ${(ours.ms / 1000).toFixed(1).padStart(6)} s`,
    `default ${String(baseline.requests).padStart(5)} req ${kb(baseline.bytes).padStart(8)} ${(baseline.ms / 1000).toFixed(1).padStart(6)} s`,
    `ratio req ${ratio(ours.requests, baseline.requests)} bytes ${ratio(ours.bytes, baseline.bytes)} time ${ratio(ours.ms, baseline.ms)}`,
  ].join(' | ');
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-sync-'));
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
    const busiest = busiestInstitute();
    // The measured institute first, so the secretariat's pull starts with the same one.
    const institutes = [busiest, ...PLAN.institutes.filter((i) => i !== busiest)];
    const orgs = institutes.map((i) => i.slug);
    const pushTargets = ['push-ours', 'push-default'];
    await setupServer(couchClient(`http://admin:${PASSWORD}@127.0.0.1:${PORT}`), [...orgs, ...pushTargets]);
    console.log(`Seeding ${INSTITUTES} institutes on the hub (no throttling)…`);
    let one = { docs: 0, responses: 0, bytes: 0 };
    let total = { docs: 0, bytes: 0 };
    for (const institute of institutes) {
      const local = new TestPouch(`seed-${institute.slug}`);
      await seedInstitute(local, institute);
      await local.replicate.to(remote(direct, orgDbName(institute.slug)));
      const all = await local.allDocs({ include_docs: true });
      const bytes = JSON.stringify(all.rows.map((r) => r.doc)).length;
      total = { docs: total.docs + all.rows.length, bytes: total.bytes + bytes };
      if (institute === busiest) {
        const responses = generateInstituteDocs(PLAN, institute).length;
        one = { docs: all.rows.length, responses, bytes };
      }
      await local.destroy();
    }
    const standIns = STAND_INS.map((s) => `${s.count} ${s.type}-sized stand-ins`).join(', ');
    console.log(
      `One institute (${busiest.slug}, the busiest): ${one.docs} documents — ${one.responses} from the seed generator${standIns ? `, ${standIns}` : ''} — ${(one.bytes / 1024).toFixed(0)} kB of JSON.`,
    );
    console.log(
      `All ${INSTITUTES} institutes: ${total.docs} documents, ${(total.bytes / 1024).toFixed(0)} kB of JSON. Line: 256 kbit/s each way, 300 ms round trip.`,
    );

    const first = orgDbName(busiest.slug);
    const firstDocId = generateInstituteDocs(PLAN, busiest)[0]?._id ?? '';
    const results: Record<string, Record<Settings, Figure>> = {};
    const record = (label: string, settings: Settings, figure: Figure) => {
      results[label] = { ...(results[label] as Record<Settings, Figure>), [settings]: figure };
    };

    for (const settings of ['ours', 'default'] as const) {
      console.log(`Measuring with ${settings === 'ours' ? 'our settings' : "PouchDB's defaults"}…`);
      // Institute: initial pull, then one document changed on the server.
      const device = new TestPouch(`device-${settings}`);
      record(
        'institute: initial pull',
        settings,
        await measure(proxy, () =>
          device.replicate.from(remote(proxy.url, first, settings), optionsFor(settings)),
        ),
      );
      const server = remote(direct, first);
      const changed = await server.get(firstDocId);
      await server.put({ ...changed, updatedAt: clock().toISOString() });
      record(
        'institute: incremental pull (1 doc)',
        settings,
        await measure(proxy, () =>
          device.replicate.from(remote(proxy.url, first, settings), optionsFor(settings)),
        ),
      );

      // Institute: initial push from a device holding the data, then one document changed there.
      const pusher = new TestPouch(`pusher-${settings}`);
      await seedInstitute(pusher, busiest, `push-${settings}`);
      const target = orgDbName(`push-${settings}`);
      record(
        'institute: initial push',
        settings,
        await measure(proxy, () =>
          pusher.replicate.to(remote(proxy.url, target, settings), optionsFor(settings)),
        ),
      );
      const mine = new Repository(pusher, { org: `push-${settings}`, user: 'bench' }, clock);
      const pushedId = firstDocId.replace(busiest.slug, `push-${settings}`);
      const pushed = await mine.get(pushedId);
      if (!pushed) throw new Error(`${pushedId} was not seeded`);
      await mine.put({ ...pushed, updatedAt: clock().toISOString() });
      record(
        'institute: incremental push (1 doc)',
        settings,
        await measure(proxy, () =>
          pusher.replicate.to(remote(proxy.url, target, settings), optionsFor(settings)),
        ),
      );

      // Secretariat: every institute's database, one after another.
      const secretariat = orgs.map((org) => new TestPouch(`secretariat-${settings}-${org}`));
      record(
        `secretariat: initial pull (${INSTITUTES} inst.)`,
        settings,
        await measure(proxy, async () => {
          for (const [i, org] of orgs.entries()) {
            await secretariat[i]?.replicate.from(
              remote(proxy.url, orgDbName(org), settings),
              optionsFor(settings),
            );
          }
        }),
      );

      // An idle live sync: how often it asks the server when nothing changes.
      if (IDLE_S > 0) {
        const live = device.sync(remote(proxy.url, first, settings), {
          live: true,
          retry: true,
          ...optionsFor(settings),
        });
        await new Promise<void>((resolve) => live.once('paused', () => resolve()));
        record(
          `idle live sync (${IDLE_S} s, requests)`,
          settings,
          await measure(proxy, () => new Promise((r) => setTimeout(r, IDLE_S * 1000))),
        );
        live.cancel();
      }
      await Promise.all([device.destroy(), pusher.destroy(), ...secretariat.map((db) => db.destroy())]);
    }

    console.log('');
    for (const [label, figures] of Object.entries(results))
      console.log(row(label, figures.ours, figures.default));
  } finally {
    await proxy.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
