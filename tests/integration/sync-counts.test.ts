/**
 * The Sync screen's numbers against a real hub: documents sent and received are counted
 * once each, however many batches carry them, and "changes waiting to go up" falls only when
 * the server has acknowledged them, never on a failed attempt or a "Sync now" that could
 * not reach it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_LINK, SyncController, type SyncOptions } from '../../renderer/src/data/sync/controller';
import { InstituteRounds } from '../../renderer/src/data/sync/secretariat';
import { device, TestPouch, type Device } from './helpers/devices';
import { prepare, startTestHub, type TestHub } from './helpers/hub';

const PORT = 4663;
const NOTHING_LISTENS = 'http://127.0.0.1:4669';
/** Five changes a batch, so that twenty-three documents take five batches. */
const SMALL_BATCHES: SyncOptions = { ...SLOW_LINK, batchSize: 5, retryMs: 100 };
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a', 'b'],
    [
      { name: 'ana', role: 'org:a' },
      { name: 'ben', role: 'org:a' },
      { name: 'sam', role: 'secretariat' },
    ],
  );
});
afterAll(async () => {
  await hub?.destroy();
});

function controllerFor(d: Device, name: string, url = hub.url): SyncController {
  return new SyncController({
    db: d.db,
    library: d.library,
    org: 'a',
    Pouch: TestPouch,
    credentials: { url, name, password: `${name}-password` },
    options: SMALL_BATCHES,
    onStatus: () => undefined,
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('documents sent and received', () => {
  it('counts each document once, not the running total of every batch', async () => {
    const one = device('counts-one', 'a', 'ana', 'ana-password');
    for (let cycle = 2000; cycle < 2023; cycle++) {
      await one.repository.createResponse('dec_capacity_needs', '2026.1', cycle, { q1: `v${cycle}` });
    }
    const up = controllerFor(one, 'ana');
    up.start();
    await until('sent', () => up.current().phase === 'idle' && up.current().waitingUp === 0);
    up.stop();
    expect(up.current().docsUp).toBe(23);
    expect(up.current().history[0]).toMatchObject({ outcome: 'ok', up: 23 });

    const two = device('counts-two', 'a', 'ben', 'ben-password');
    const down = controllerFor(two, 'ben');
    down.start();
    await until('received', () => down.current().phase === 'idle' && down.current().docsDown >= 23);
    down.stop();
    expect(down.current().docsDown).toBe(23);
    expect(down.current().history[0]).toMatchObject({ outcome: 'ok', down: 23 });
  }, 60_000);

  it('on the secretariat’s rounds too', async () => {
    const seed = device('rounds-seed', 'b', 'sam', 'sam-password');
    for (let cycle = 2000; cycle < 2012; cycle++) {
      await seed.repository.createResponse('dec_capacity_needs', '2026.1', cycle, { q1: `b${cycle}` });
    }
    const push = new SyncController({
      db: seed.db,
      library: seed.library,
      org: 'b',
      Pouch: TestPouch,
      credentials: { url: hub.url, name: 'sam', password: 'sam-password' },
      options: SMALL_BATCHES,
      onStatus: () => undefined,
    });
    push.start();
    await until('b is up', () => push.current().phase === 'idle' && push.current().waitingUp === 0);
    push.stop();

    const secretariat = device('rounds', 'a', 'sam', 'sam-password');
    const rounds = new InstituteRounds({
      db: secretariat.db,
      library: secretariat.library,
      own: 'a',
      Pouch: TestPouch,
      credentials: { url: hub.url, name: 'sam', password: 'sam-password' },
      options: SMALL_BATCHES,
      onStatus: () => undefined,
    });
    rounds.start();
    await rounds.settled();
    rounds.stop();
    expect(rounds.current().results['b']).toMatchObject({ ok: true, down: 12 });
  }, 60_000);
});

describe('changes waiting to go up', () => {
  it('stay counted while the server cannot be reached, after "Sync now" too, and fall once the server has them', async () => {
    const d = device('waiting', 'a', 'ana', 'ana-password');
    for (const cycle of [2030, 2031, 2032]) {
      await d.repository.createResponse('dec_capacity_needs', '2026.1', cycle, { q1: 'offline' });
    }
    const away = controllerFor(d, 'ana', NOTHING_LISTENS);
    away.start();
    await until('offline', () => away.current().phase === 'offline');
    expect(away.current().waitingUp).toBe(3);
    await d.repository.createResponse('dec_capacity_needs', '2026.1', 2033, { q1: 'offline' });
    away.syncNow();
    await until('offline again', () => away.current().phase === 'offline');
    await until('the new one counted', () => away.current().waitingUp === 4, 5_000);
    // Give the failing retries time to do their worst: the count never falls.
    const seen: number[] = [];
    const end = Date.now() + 1_500;
    while (Date.now() < end) {
      seen.push(away.current().waitingUp);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    away.stop();
    expect(Math.min(...seen)).toBe(4);
    expect(away.current().docsUp).toBe(0);

    const back = controllerFor(d, 'ana');
    expect(await back.countWaiting()).toBe(4);
    back.start();
    await until('sent', () => back.current().phase === 'idle');
    back.stop();
    expect(back.current().waitingUp).toBe(0);
    expect(back.current().docsUp).toBe(4);
  }, 60_000);
});
