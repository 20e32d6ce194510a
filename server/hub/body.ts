/**
 * Reads a request body with a bound on its size, before express-pouchdb sees it, and
 * undoes `Content-Encoding: gzip` (bounded too, so a small bomb cannot expand into
 * gigabytes). Over the bound, the rest of the body is read and dropped so that the
 * client sees the 413 answer instead of a reset connection — up to a hard cap, after
 * which the connection is closed.
 */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    reason: string,
    /** True when the connection must be closed (the rest of the body was not read). */
    readonly closeConnection = false,
  ) {
    super(reason);
  }
}

function tooLarge(limit: number, close = false): BodyError {
  return new BodyError(
    413,
    'too_large',
    `The request body is larger than ${Math.round(limit / 1024)} KB, the most this hub accepts here.`,
    close,
  );
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const hardCap = limit * 2 + 16 * 1024 * 1024;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > hardCap) return Promise.reject(tooLarge(limit, true));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > hardCap) {
        req.pause();
        reject(tooLarge(limit, true));
        return;
      }
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () =>
      over ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks as unknown as Uint8Array[])),
    );
    req.on('error', (err) =>
      reject(new BodyError(400, 'bad_request', `The request body could not be read: ${err.message}`)),
    );
  });
}

/** Decodes the body per Content-Encoding; identity or gzip only. */
export async function decodeBody(body: Buffer, encoding: string | undefined, limit: number): Promise<Buffer> {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  if (name === 'identity' || name === '') return body;
  if (name !== 'gzip') {
    throw new BodyError(415, 'bad_content_type', `Content-Encoding ${name} is not supported; use gzip.`);
  }
  return new Promise<Buffer>((resolve, reject) => {
    gunzip(body as unknown as Uint8Array, { maxOutputLength: limit }, (err, out) => {
      if (!err) resolve(out);
      else if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        reject(tooLarge(limit));
      else reject(new BodyError(400, 'bad_request', 'The gzip-compressed request body is not valid gzip.'));
    });
  });
}
