/**
 * `npm run bench -- sync`: replication over a 256 kbit/s line with 300 ms round trips
 * (the link proxy from the tests stands between the client and a real hub), with the
 * app's replicator and settings (renderer/src/data/sync/replicator.ts, SLOW_LINK) and with
 * PouchDB's default `replicate()` in the same run. Printed per case: requests, bytes on
 * the wire (headers and bodies, both ways), time, the case's physical floor (its
 * documents gzip-compressed ÷ the line's rate, plus the round trips it cannot avoid:
 * one to ask what changed and one to fetch it per database, one per database when
 * nothing changed) and each figure's ratio to the floor; then the issue's goals, met or not.
 *
 * Datasets from the seed generator (shared/seed, as `workbench seed` makes them:
 * responses, CMC plans, case studies with their pictures): the busiest institute, and a
 * secretariat of 40 institutes pulled one after another. Photos are measured twice: the
 * seed's small drawn pictures, and camera-sized photos (incompressible bytes, like a
 * JPEG's). BENCH_SYNC_INSTITUTES changes the 40, BENCH_SYNC_IDLE_S the idle window.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { couchClient } from '../server/couch-client';
import { startHub } from '../server/hub/start-hub';
import { setupServer } from '../server/setup';
import { parseDoc } from '../shared/docs/registry';
import { generateInstituteDocs, planDataset, type SeedInstitute } from '../shared/seed';
import { orgDbName } from '../shared/sync/names';
import { orgSelector } from '../renderer/src/data/sync/waiting';
import { SLOW_LINK } from '../renderer/src/data/sync/controller';
import { CouchRemote } from '../renderer/src/data/sync/couch-remote';
import { pull, push, type Replication } from '../renderer/src/data/sync/replicator';
import type { LocalDb } from '../renderer/src/data/pouch';
import { TestPouch } from '../tests/integration/helpers/devices';
import { startLinkProxy, type LinkProxy } from '../tests/integration/helpers/link-proxy';

const PORT = 4392;
const PASSWORD = 'bench-admin-pw';
const LINE = { bitsPerSecond: 256_000, roundTripMs: 300 };
const INSTITUTES = Number(process.env['BENCH_SYNC_INSTITUTES'] ?? 40);
const IDLE_S = Number(process.env['BENCH_SYNC_IDLE_S'] ?? 65);
const ADMIN = { name: 'admin', password: PASSWORD };
/** Camera-sized photos for the second photo case: two of 150 kB each. */
const CAMERA_PHOTOS = { count: 2, bytes: 150_000 };

type Settings = 'ours' | 'default';
const SETTINGS: Settings[] = ['ours', 'default'];

const PLAN = planDataset({ seed: 1, institutes: INSTITUTES, cycles: 3, asOf: '2026-11-30' });

let clockTick = Date.parse('2026-01-10T08:00:00Z');
const stamp = () => new Date((clockTick += 1000)).toISOString();

type Doc = PouchDB.Core.PutDocument<object> & { _id: string; type?: string; org?: string };

/** One institute's seed documents, under another institute's name if asked (the push targets). */
function instituteDocs(institute: SeedInstitute, org = institute.slug): Doc[] {
  return generateInstituteDocs(PLAN, institute).map((doc) => {
    parseDoc(doc);
    return {
      ...doc,
      _id: doc._id.replace(`${doc.type}:${institute.slug}:`, `${doc.type}:${org}:`),
      org,
    } as Doc;
  });
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

/** What the documents cost at least on the wire: JSON gzip-compressed, attachments as bytes (or gzipped, if smaller). */
function compressedBytes(docs: object[]): { json: number; photos: number; stored: number } {
  let photos = 0;
  let stored = 0;
  const bare = docs.map((doc) => {
    const { _attachments: attachments, ...rest } = doc as {
      _attachments?: Record<string, { data?: string }>;
    };
    for (const att of Object.values(attachments ?? {})) {
      if (typeof att.data !== 'string') continue;
      const raw = Buffer.from(att.data, 'base64');
      stored += raw.length;
      photos += Math.min(raw.length, gzipSync(new Uint8Array(raw)).length);
    }
    return rest;
  });
  return { json: gzipSync(JSON.stringify(bare)).length, photos, stored };
}

interface Figure {
  requests: number;
  bytes: number;
  ms: number;
}

interface Case {
  label: string;
  /** Seconds: compressed bytes ÷ rate + the round trips that cannot be avoided. */
  floor: number;
  figures: Partial<Record<Settings, Figure>>;
}

const floorOf = (bytes: number, roundTrips: number) =>
  (bytes * 8) / LINE.bitsPerSecond + (roundTrips * LINE.roundTripMs) / 1000;

async function measure(proxy: LinkProxy, work: () => Promise<unknown>): Promise<Figure> {
  proxy.reset();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  return { requests: proxy.counts.requests, bytes: proxy.counts.bytesUp + proxy.counts.bytesDown, ms };
}

/** PouchDB's HTTP adapter with its own defaults (node-fetch in Node), as a plain app would use it. */
function pouchRemote(base: string, db: string): LocalDb {
  return new TestPouch(`${base}/${db}`, {
    skip_setup: true,
    auth: { username: ADMIN.name, password: ADMIN.password },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

const couch = (base: string, db: string) => new CouchRemote({ url: base, ...ADMIN }, db);

/** One one-shot replication with the given settings. */
function replicate(
  settings: Settings,
  direction: 'pull' | 'push',
  local: LocalDb,
  base: string,
  db: string,
  selector?: PouchDB.Find.Selector,
) {
  if (settings === 'ours') {
    const run = (direction === 'pull' ? pull : push)(local, couch(base, db), {
      batchSize: SLOW_LINK.batchSize,
      ...(selector ? { selector } : {}),
    });
    return run.done;
  }
  const options = selector ? { selector } : {};
  return direction === 'pull'
    ? local.replicate.from(pouchRemote(base, db), options)
    : local.replicate.to(pouchRemote(base, db), options);
}

function describe(figure: Figure | undefined, floor: number): string {
  if (!figure) return '—';
  return `${String(figure.requests).padStart(4)} req ${`${(figure.bytes / 1024).toFixed(1)} kB`.padStart(9)} ${`${(figure.ms / 1000).toFixed(1)} s`.padStart(7)} ×${(figure.ms / 1000 / floor).toFixed(2)}`;
}

function randomPhoto(bytes: number, seed: number): string {
  const out = Buffer.alloc(bytes);
  let state = seed >>> 0;
  for (let i = 0; i < bytes; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out.toString('base64');
}

interface PhotoCase {
  label: string;
  settings: Settings;
  /** Photo bytes as stored. */
  stored: number;
  /** Bytes on the wire for the stories with photos, less the same stories without. */
  wire: number;
  figure: Figure;
}

/** A seed story, under `org`, with camera-sized photos (incompressible, like a JPEG's bytes). */
function cameraStory(org: string): Doc {
  const story = PLAN.institutes
    .flatMap((institute) => instituteDocs(institute, org))
    .find((doc) => doc.type === 'casestudy');
  if (!story) throw new Error('the seed made no story');
  const attachments = Object.fromEntries(
    Array.from({ length: CAMERA_PHOTOS.count }, (_, i) => [
      `photo-camera-${i}.jpg`,
      { content_type: 'image/jpeg', data: randomPhoto(CAMERA_PHOTOS.bytes, i + 1) },
    ]),
  );
  return { ...story, _attachments: attachments } as Doc;
}

/**
 * Stories pushed from one computer and pulled by another, with their photos and (into
 * another database) without: the difference is what the photos cost on the wire.
 */
async function photos(
  proxy: LinkProxy,
  settings: Settings,
  kind: string,
  stories: (org: string) => Doc[],
): Promise<Omit<PhotoCase, 'label' | 'settings'>> {
  const trip = async (org: string, strip: boolean) => {
    const docs = stories(org).map((doc) => {
      if (!strip) return doc;
      const { _attachments: _dropped, ...rest } = doc as Doc & { _attachments?: unknown };
      return rest as Doc;
    });
    const sender = new TestPouch(`photo-sender-${org}`);
    const receiver = new TestPouch(`photo-receiver-${org}`);
    await sender.bulkDocs(docs);
    const figure = await measure(proxy, async () => {
      await replicate(settings, 'push', sender, proxy.url, orgDbName(org));
      await replicate(settings, 'pull', receiver, proxy.url, orgDbName(org));
    });
    await Promise.all([sender.destroy(), receiver.destroy()]);
    return { figure, stored: compressedBytes(docs).stored };
  };
  const withPhotos = await trip(`${kind}-photos-${settings}`, false);
  const without = await trip(`${kind}-bare-${settings}`, true);
  return {
    stored: withPhotos.stored * 2,
    wire: withPhotos.figure.bytes - without.figure.bytes,
    figure: withPhotos.figure,
  };
}

/** Live sync both ways as the app runs it (ours) or PouchDB's `sync()` with its defaults. */
function liveSync(settings: Settings, local: LocalDb, base: string, db: string): () => void {
  if (settings === 'default') {
    const live = local.sync(pouchRemote(base, db), { live: true, retry: true });
    return () => live.cancel();
  }
  const options = {
    batchSize: SLOW_LINK.batchSize,
    live: { heartbeat: SLOW_LINK.heartbeat, timeout: SLOW_LINK.timeout, retryMs: SLOW_LINK.retryMs },
  };
  const running: Replication[] = [
    pull(local, couch(base, db), options),
    push(local, couch(base, db), options),
  ];
  return () => running.forEach((r) => r.cancel());
}

function report(cases: Case[], photoCases: PhotoCase[]): void {
  console.log('');
  console.log(
    `${'case'.padEnd(40)} | ${'floor'.padStart(7)} | ${'ours: req, bytes, time, ×floor'.padEnd(36)} | PouchDB defaults`,
  );
  for (const c of cases) {
    console.log(
      `${c.label.padEnd(40)} | ${`${c.floor.toFixed(1)} s`.padStart(7)} | ${describe(c.figures.ours, c.floor).padEnd(36)} | ${describe(c.figures.default, c.floor)}`,
    );
  }
  for (const label of new Set(photoCases.map((p) => p.label))) {
    const show = (settings: Settings) => {
      const p = photoCases.find((x) => x.label === label && x.settings === settings);
      return p
        ? `${(p.wire / 1024).toFixed(1)} kB on the wire for ${(p.stored / 1024).toFixed(1)} kB stored: ×${(p.wire / p.stored).toFixed(3)}`
        : '—';
    };
    console.log(
      `${label.padEnd(40)} | ${'photos'.padStart(7)} | ${show('ours').padEnd(36)} | ${show('default')}`,
    );
  }

  const ours = (prefix: string) => cases.find((c) => c.label.startsWith(prefix));
  const goals: [string, boolean | undefined, string][] = [];
  for (const prefix of ['incremental pull, 1 doc', 'incremental push, 1 doc']) {
    const f = ours(prefix)?.figures.ours;
    goals.push([
      `${prefix}: ≤ 3 requests and ≤ 4 kB`,
      f && f.requests <= 3 && f.bytes <= 4096,
      f ? `${f.requests} req, ${(f.bytes / 1024).toFixed(1)} kB` : '—',
    ]);
  }
  for (const prefix of ['institute initial pull', 'initial push']) {
    const c = ours(prefix);
    const f = c?.figures.ours;
    goals.push([
      `${prefix}: ≤ 1.3 × floor`,
      f && c ? f.ms / 1000 <= 1.3 * c.floor : undefined,
      f && c ? `×${(f.ms / 1000 / c.floor).toFixed(2)}` : '—',
    ]);
  }
  const idle = ours('secretariat idle round')?.figures.ours;
  goals.push([
    `secretariat idle round over ${INSTITUTES} institutes: ≤ 15 s and ≤ 60 kB`,
    idle && idle.ms <= 15_000 && idle.bytes <= 60 * 1024,
    idle ? `${(idle.ms / 1000).toFixed(1)} s, ${(idle.bytes / 1024).toFixed(1)} kB` : '—',
  ]);
  for (const p of photoCases.filter((x) => x.settings === 'ours')) {
    goals.push([
      `${p.label}: ≤ 1.05 × stored`,
      p.wire <= 1.05 * p.stored,
      `×${(p.wire / p.stored).toFixed(3)}`,
    ]);
  }
  const live = ours('idle live sync')?.figures.ours;
  const perMinute = live ? live.bytes / (live.ms / 60_000) : undefined;
  goals.push([
    'idle live sync: ≤ 2 kB a minute',
    perMinute === undefined ? undefined : perMinute <= 2048,
    perMinute === undefined ? '—' : `${(perMinute / 1024).toFixed(2)} kB/min`,
  ]);
  console.log('');
  console.log('Goals (256 kbit/s, 300 ms):');
  for (const [goal, met, figure] of goals) {
    console.log(`  ${met === undefined ? '?' : met ? 'met    ' : 'NOT MET'} ${goal.padEnd(62)} ${figure}`);
  }
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
  const cases: Case[] = [];
  const photoCases: PhotoCase[] = [];
  const add = (label: string, floor: number, settings: Settings, figure: Figure) => {
    let found = cases.find((c) => c.label === label);
    if (!found) cases.push((found = { label, floor, figures: {} }));
    found.figures[settings] = figure;
    console.log(`  ${label}: ${describe(figure, floor)}`);
  };
  try {
    const busiest = busiestInstitute();
    const institutes = [busiest, ...PLAN.institutes.filter((i) => i !== busiest)];
    const orgs = institutes.map((i) => i.slug);
    const pushTargets = SETTINGS.flatMap((s) =>
      ['push', 'seed-photos', 'seed-bare', 'camera-photos', 'camera-bare'].map((t) => `${t}-${s}`),
    );
    await setupServer(couchClient(`http://admin:${PASSWORD}@127.0.0.1:${PORT}`), [...orgs, ...pushTargets]);
    console.log(`Seeding ${INSTITUTES} institutes on the hub (no throttling)…`);
    let all = { docs: 0, json: 0, photos: 0 };
    for (const institute of institutes) {
      const docs = instituteDocs(institute);
      await pouchRemote(direct, orgDbName(institute.slug)).bulkDocs(docs);
      const size = compressedBytes(docs);
      all = { docs: all.docs + docs.length, json: all.json + size.json, photos: all.photos + size.photos };
    }
    const oneDocs = instituteDocs(busiest);
    const one = compressedBytes(oneDocs);
    console.log(
      `One institute (${busiest.slug}, the busiest): ${oneDocs.length} documents, ${(JSON.stringify(oneDocs).length / 1024).toFixed(0)} kB of JSON (${(one.json / 1024).toFixed(1)} kB gzipped), photos ${(one.stored / 1024).toFixed(1)} kB.`,
    );
    console.log(
      `All ${INSTITUTES} institutes: ${all.docs} documents, ${((all.json + all.photos) / 1024).toFixed(0)} kB compressed. Line: 256 kbit/s each way, 300 ms round trip.`,
    );

    const first = orgDbName(busiest.slug);
    const changedId = oneDocs.find((d) => d.type === 'response')?._id ?? '';
    const changedSize = async () => compressedBytes([await pouchRemote(direct, first).get(changedId)]).json;

    for (const settings of SETTINGS) {
      console.log(`Measuring with ${settings === 'ours' ? "the app's replicator" : "PouchDB's defaults"}…`);
      const device = new TestPouch(`device-${settings}`);
      add(
        'institute initial pull',
        floorOf(one.json + one.photos, 2),
        settings,
        await measure(proxy, () => replicate(settings, 'pull', device, proxy.url, first)),
      );
      const server = pouchRemote(direct, first);
      const changed = await server.get(changedId);
      await server.put({ ...changed, updatedAt: stamp() });
      add(
        'incremental pull, 1 doc',
        floorOf(await changedSize(), 2),
        settings,
        await measure(proxy, () => replicate(settings, 'pull', device, proxy.url, first)),
      );

      const pusher = new TestPouch(`pusher-${settings}`);
      const target = orgDbName(`push-${settings}`);
      const pushed = instituteDocs(busiest, `push-${settings}`);
      await pusher.bulkDocs(pushed);
      add(
        'initial push',
        floorOf(one.json + one.photos, 2),
        settings,
        await measure(proxy, () => replicate(settings, 'push', pusher, proxy.url, target)),
      );
      const mineId = changedId.replace(busiest.slug, `push-${settings}`);
      const mine = await pusher.get(mineId);
      await pusher.put({ ...mine, updatedAt: stamp() });
      add(
        'incremental push, 1 doc',
        floorOf(compressedBytes([await pusher.get(mineId)]).json, 2),
        settings,
        await measure(proxy, () => replicate(settings, 'push', pusher, proxy.url, target)),
      );

      // Photos: stories with photos pushed and pulled, against the same stories without.
      const seedStories = (org: string) => instituteDocs(busiest, org).filter((d) => d.type === 'casestudy');
      console.log('  photos…');
      photoCases.push({
        label: 'photos: seed pictures, up and down',
        settings,
        ...(await photos(proxy, settings, 'seed', seedStories)),
      });
      photoCases.push({
        label: `photos: ${CAMERA_PHOTOS.count} camera photos, up and down`,
        settings,
        ...(await photos(proxy, settings, 'camera', (org) => [cameraStory(org)])),
      });

      // Secretariat: every institute's database, one after another; then a round with nothing new.
      const secretariat = new TestPouch(`secretariat-${settings}`);
      add(
        `secretariat pull, ${INSTITUTES} institutes`,
        floorOf(all.json + all.photos, 2 * INSTITUTES),
        settings,
        await measure(proxy, async () => {
          // As the app's rounds do: each database gives only its institute's documents.
          for (const org of orgs) {
            await replicate(settings, 'pull', secretariat, proxy.url, orgDbName(org), orgSelector(org));
          }
        }),
      );
      add(
        `secretariat idle round, ${INSTITUTES} institutes`,
        floorOf(0, INSTITUTES),
        settings,
        await measure(proxy, async () => {
          // As the app's rounds do: each database gives only its institute's documents.
          for (const org of orgs) {
            await replicate(settings, 'pull', secretariat, proxy.url, orgDbName(org), orgSelector(org));
          }
        }),
      );

      if (IDLE_S > 0) {
        const stop = liveSync(settings, device, proxy.url, first);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const idle = await measure(proxy, () => new Promise((r) => setTimeout(r, IDLE_S * 1000)));
        stop();
        add(`idle live sync, ${IDLE_S} s`, floorOf(0, 0), settings, idle);
      }
      await Promise.all([device.destroy(), pusher.destroy(), secretariat.destroy()]);
    }
    report(cases, photoCases);
  } finally {
    await proxy.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}
