/**
 * The hub's own live change feeds (server/hub/live-changes.ts): answers as CouchDB gives
 * them, and nothing left running once a feed is answered, times out or its client goes —
 * express-pouchdb's feeds left a heartbeat timer for every long poll a device renewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, prepare, responseDoc, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4711);
let hub: TestHub;
const auth = `Basic ${Buffer.from('ana:ana-password').toString('base64')}`;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(hub, ['a-org'], [{ name: 'ana', role: 'org:a-org' }]);
});
afterAll(async () => {
  await hub.destroy();
});

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

async function lastSeq(): Promise<number> {
  const answer = await caller(hub, 'ana')('GET', '/org-a-org/_changes?limit=0&descending=true');
  return Number(answer.json['last_seq']);
}

describe('live change feeds on the hub', () => {
  it('a long poll answers at the first change, as CouchDB does', async () => {
    const since = await lastSeq();
    const poll = fetch(
      `${hub.url}/org-a-org/_changes?feed=longpoll&since=${since}&heartbeat=500&timeout=20000`,
      {
        headers: { authorization: auth },
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const put = await caller(hub, 'ana')(
      'PUT',
      '/org-a-org/response:a-org:dec_capacity_needs:2026',
      responseDoc('a-org', 2026),
    );
    expect(put.status).toBe(201);
    const body = (await (await poll).json()) as { results: { id: string }[]; last_seq: number };
    expect(body.results.map((r) => r.id)).toEqual(['response:a-org:dec_capacity_needs:2026']);
    expect(body.last_seq).toBeGreaterThan(since);
  });

  it('answers what is there at once, honours doc_ids, and answers empty at its timeout', async () => {
    const now = await fetch(`${hub.url}/org-a-org/_changes?feed=longpoll&since=0&style=all_docs`, {
      headers: { authorization: auth },
    });
    expect(((await now.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    const filtered = await fetch(`${hub.url}/org-a-org/_changes?feed=longpoll&since=0&filter=_doc_ids`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ doc_ids: ['nothing-here'] }),
    });
    expect(filtered.status).toBe(200);
    const started = Date.now();
    const idle = await fetch(
      `${hub.url}/org-a-org/_changes?feed=longpoll&since=${await lastSeq()}&timeout=800`,
      {
        headers: { authorization: auth },
      },
    );
    expect(await idle.json()).toEqual({ results: [], last_seq: await lastSeq() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('a continuous feed writes one change per line and its last sequence at the timeout', async () => {
    const since = await lastSeq();
    // The feed is open once its headers are in; its timeout (quiet time before it ends) is
    // long enough for the write that follows on a busy machine.
    const feed = await fetch(`${hub.url}/org-a-org/_changes?feed=continuous&since=${since}&timeout=5000`, {
      headers: { authorization: auth },
    });
    await caller(hub, 'ana')(
      'PUT',
      '/org-a-org/response:a-org:dec_capacity_needs:2027',
      responseDoc('a-org', 2027),
    );
    const lines = (await feed.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]?.['id']).toBe('response:a-org:dec_capacity_needs:2027');
    expect(lines.at(-1)).toEqual({ last_seq: lines[0]?.['seq'] });
  });

  it('leaves no timer behind when clients go away in the middle of a feed', async () => {
    const before = timers();
    for (let i = 0; i < 5; i++) {
      const abort = new AbortController();
      const poll = fetch(
        `${hub.url}/org-a-org/_changes?feed=longpoll&since=now&heartbeat=200&timeout=60000`,
        {
          headers: { authorization: auth },
          signal: abort.signal,
        },
      ).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
      abort.abort();
      await poll;
    }
    // The hub lets go of its timers once it notices the clients left: wait for that (on a
    // busy machine it takes longer), failing only if it never happens.
    for (let i = 0; i < 200 && timers() > before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
