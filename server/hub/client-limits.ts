/**
 * The bounds a production HTTP server puts on its clients, for a hub that a workshop's
 * twenty laptops share with whatever scripts run on them: headers must arrive within a
 * time, a body at a minimum average rate after a grace period (so a slow line is fine
 * and a trickle of a byte every few seconds is not), idle connections are closed, and no
 * one address may hold more than its share of the laptop's connections. A client too
 * slow is answered 408 and cut off; one over its share gets 503. Node's own
 * `headersTimeout` and `keepAliveTimeout` and CouchDB's (mochiweb's) idle and receive
 * timeouts are the anchors for the numbers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ClientLimits {
  /** Time allowed for a request's headers. */
  headersMs: number;
  /** Time a body may take before it must keep up the minimum rate. */
  bodyGraceMs: number;
  /** Minimum average rate of a body after the grace period, in bytes per second. */
  minBodyBytesPerSecond: number;
  /** A connection with nothing sent either way for this long is closed. */
  idleMs: number;
  /** How long a kept-alive connection waits for its next request. */
  keepAliveMs: number;
  /** Open connections one client address may hold. */
  perAddress: number;
  /** Open connections in all. */
  total: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  headersMs: 20_000,
  bodyGraceMs: 15_000,
  // 1 KB/s is 8 kbit/s: far below the slowest line our users sync over (256 kbit/s).
  minBodyBytesPerSecond: 1024,
  // Longer than any live feed's heartbeat (the app's is 25 s, CouchDB's default 60 s).
  idleMs: 120_000,
  keepAliveMs: 5_000,
  perAddress: 64,
  total: 1024,
};

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function answer(res: ServerResponse, status: number, error: string, reason: string): void {
  if (!res.headersSent) {
    const text = JSON.stringify({ error, reason });
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      Connection: 'close',
    });
    res.end(text);
  }
  res.socket?.destroySoon();
  setTimeout(() => res.socket?.destroy(), 1000).unref();
}

/**
 * Cuts a request whose body arrives more slowly than the limits allow, measured on the
 * socket (reading the request itself would take the body from whoever handles it).
 */
function watchBody(req: IncomingMessage, res: ServerResponse, limits: ClientLimits): void {
  const socket = req.socket;
  const started = Date.now();
  const startBytes = socket.bytesRead;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const check = () => {
    timer = undefined;
    if (req.complete || res.writableEnded || socket.destroyed) return;
    const seconds = (Date.now() - started) / 1000;
    const received = socket.bytesRead - startBytes;
    const needed = (seconds - limits.bodyGraceMs / 1000) * limits.minBodyBytesPerSecond;
    if (received < needed) {
      answer(
        res,
        408,
        'request_timeout',
        `The request's body arrived too slowly (${received} bytes in ${Math.round(seconds)} s); the hub closes connections that send less than ${limits.minBodyBytesPerSecond} bytes a second.`,
      );
      return;
    }
    timer = setTimeout(check, Math.max(250, Math.min(5000, limits.bodyGraceMs / 3)));
    timer.unref();
  };
  timer = setTimeout(check, limits.bodyGraceMs);
  timer.unref();
  req.once('end', done);
  res.once('close', done);
}

/** A Node HTTP server with the limits applied, handing every request it admits to `handler`. */
export function createLimitedServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  limits: ClientLimits,
): Server {
  /** Connections over their address's share: answered 503 at their first request, or closed. */
  const overShare = new WeakSet<Socket>();
  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      // The body is bounded by rate (watchBody), not by a total: a photo on a slow line takes a while.
      requestTimeout: 0,
      keepAliveTimeout: limits.keepAliveMs,
      connectionsCheckingInterval: Math.max(250, Math.min(1000, limits.headersMs / 4)),
    },
    (req, res) => {
      if (overShare.has(req.socket)) {
        answer(
          res,
          503,
          'service_unavailable',
          `This computer holds ${limits.perAddress} connections to the hub already; close some and try again.`,
        );
        return;
      }
      if (hasBody(req)) watchBody(req, res, limits);
      handler(req, res);
    },
  );
  server.maxConnections = limits.total;
  server.timeout = limits.idleMs;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const open = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    if (open > limits.perAddress) {
      overShare.add(socket);
      // One that sends nothing holds no slot for long.
      setTimeout(() => socket.destroy(), 2000).unref();
    }
  });
  return server;
}
