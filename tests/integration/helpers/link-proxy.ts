/**
 * An HTTP proxy standing for the line between a laptop and its server, for sync tests and
 * the sync bench. It forwards every request to the target, counts requests and bytes
 * (headers and bodies, both ways), and can
 *   - shape the line: a rate in bits per second per direction and a round-trip delay;
 *   - cut it: drop connections at random points in the middle of answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export interface LinkOptions {
  /** Bits per second in each direction; unlimited when absent. */
  bitsPerSecond?: number;
  /** Round-trip time added to every request, in milliseconds. */
  roundTripMs?: number;
  /** Cut an answer after this many bytes, drawn anew for each cut; no cuts when absent. */
  cutAfterBytes?: () => number | undefined;
}

export interface LinkCounts {
  requests: number;
  bytesUp: number;
  bytesDown: number;
  cuts: number;
}

export interface LinkProxy {
  url: string;
  counts: LinkCounts;
  /** `METHOD /path` of every request since the start or the last reset (no query). */
  requests: string[];
  /** The most requests that were open at the same time. */
  maxOpen(): number;
  reset(): void;
  /** Changes how the line behaves from the next request on. */
  configure(options: LinkOptions): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One direction of the line: chunks leave no faster than the rate allows. */
class Direction {
  private freeAt = 0;
  constructor(private readonly link: { options: LinkOptions }) {}

  delayFor(bytes: number): number {
    const rate = this.link.options.bitsPerSecond;
    if (!rate) return 0;
    const now = Date.now();
    const start = Math.max(now, this.freeAt);
    this.freeAt = start + (bytes * 8 * 1000) / rate;
    return this.freeAt - now;
  }
}

class Shaper extends Transform {
  constructor(
    private readonly direction: Direction,
    private readonly onBytes: (n: number) => void,
    private readonly cutAt?: { bytes: number; cut: () => void },
  ) {
    super();
  }
  private seen = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.onBytes(chunk.length);
    this.seen += chunk.length;
    if (this.cutAt && this.seen > this.cutAt.bytes) {
      this.push(chunk.subarray(0, Math.max(0, chunk.length - (this.seen - this.cutAt.bytes))));
      this.cutAt.cut();
      done();
      return;
    }
    const wait = this.direction.delayFor(chunk.length);
    if (wait <= 0) done(null, chunk);
    else setTimeout(() => done(null, chunk), wait);
  }
}

function headerBytes(raw: string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) n += (raw[i]?.length ?? 0) + (raw[i + 1]?.length ?? 0) + 4;
  return n + 30; // the request or status line
}

export async function startLinkProxy(
  target: string,
  port = 0,
  initial: LinkOptions = {},
): Promise<LinkProxy> {
  const link = { options: initial };
  const up = new Direction(link);
  const down = new Direction(link);
  const counts: LinkCounts = { requests: 0, bytesUp: 0, bytesDown: 0, cuts: 0 };
  const targetUrl = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const requests: string[] = [];
  let open = 0;
  let maxOpen = 0;

  const server = http.createServer((req, res) => {
    counts.requests++;
    requests.push(`${req.method} ${(req.url ?? '').split('?', 1)[0]}`);
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => open--);
    counts.bytesUp += headerBytes(req.rawHeaders) + (req.url?.length ?? 0);
    const half = (link.options.roundTripMs ?? 0) / 2;
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
        agent,
      },
      (answer) => {
        void sleep(half).then(() => {
          counts.bytesDown += headerBytes(answer.rawHeaders);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const cutBytes = link.options.cutAfterBytes?.();
          const cut =
            cutBytes === undefined
              ? undefined
              : {
                  bytes: cutBytes,
                  cut: () => {
                    counts.cuts++;
                    answer.destroy();
                    res.socket?.destroy();
                  },
                };
          answer.pipe(new Shaper(down, (n) => (counts.bytesDown += n), cut)).pipe(res);
        });
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.socket?.destroy();
    });
    res.on('close', () => upstream.destroy());
    void sleep(half).then(() => req.pipe(new Shaper(up, (n) => (counts.bytesUp += n))).pipe(upstream));
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    requests,
    maxOpen: () => maxOpen,
    reset: () => {
      Object.assign(counts, { requests: 0, bytesUp: 0, bytesDown: 0, cuts: 0 });
      requests.length = 0;
      maxOpen = open;
    },
    configure: (options) => {
      link.options = options;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
