/**
 * The command-line tools against a server whose front fails now and then, as a cluster
 * does while one node fails over: transient failures (502/503, a connection reset) are
 * retried with a growing wait; a failure that lasts is reported as itself, and reading the
 * institute directory never quietly turns into "every org-* database".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchClient } from '../../server/couch-client';
import { serverInstitutes } from '../../server/returns';
import { ADMIN_PASSWORD, prepare, startTestHub, type TestHub } from './helpers/hub';

const PORT = 4664;
let hub: TestHub;

/** How the front answers a request to the library: pass it on, or fail it this way. */
type Failure = 'pass' | '503' | '502' | '500' | 'reset';

interface FlakyFront {
  url: string;
  /** Failures to serve, in order, to requests for `dec-library`; then requests pass. */
  plan: Failure[];
  /** Failure for every request for `dec-library` once the plan is used up. */
  always: Failure;
  libraryRequests: number;
  close(): Promise<void>;
}

async function flakyFront(target: string): Promise<FlakyFront> {
  const front: Omit<FlakyFront, 'url' | 'close'> = { plan: [], always: 'pass', libraryRequests: 0 };
  const server = http.createServer((req, res) => {
    const library = (req.url ?? '').startsWith('/dec-library');
    if (library) front.libraryRequests++;
    const failure = library ? (front.plan.shift() ?? front.always) : 'pass';
    if (failure === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure !== 'pass') {
      res.writeHead(Number(failure), { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unavailable', reason: `node failing over (${failure})` }));
      return;
    }
    const upstream = http.request(
      `${target}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(front, {
    url: `http://admin:${ADMIN_PASSWORD}@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

let front: FlakyFront;
beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(hub, ['ph-nml-itdi', 'nml-b'], []);
  front = await flakyFront(hub.url);
});
afterAll(async () => {
  await front?.close();
  await hub?.destroy();
});

const quick = { retries: 4, firstDelayMs: 20 };

describe('a server that fails now and then', () => {
  it('retries 503, 502 and a reset connection, and reads the directory', async () => {
    front.plan = ['503', 'reset', '502'];
    front.libraryRequests = 0;
    const institutes = await serverInstitutes(couchClient(front.url, {}, quick));
    expect(institutes.map((i) => i.org).sort()).toEqual(['nml-b', 'ph-nml-itdi']);
    expect(front.libraryRequests).toBe(4);
  });

  it('says what failed when the directory cannot be read, instead of using every org-* database', async () => {
    front.plan = [];
    front.always = '500';
    try {
      await expect(serverInstitutes(couchClient(front.url, {}, quick))).rejects.toThrow(
        /The institute directory \(dec-library on http:\/\/127\.0\.0\.1:\d+\) could not be read: node failing over \(500\)\. Try again, or name the institutes with --org SLUG\./,
      );
      front.always = '503';
      front.libraryRequests = 0;
      await expect(serverInstitutes(couchClient(front.url, {}, quick))).rejects.toThrow(
        /could not be read: node failing over \(503\)/,
      );
      // Four retries after the first try, then the failure as it is.
      expect(front.libraryRequests).toBe(5);
    } finally {
      front.always = 'pass';
    }
  });
});
