/**
 * `PUT /db/doc` with `Content-Type: multipart/related`, as CouchDB's replicator and
 * other clients send a document with its attachments in binary: the first part is the
 * document as JSON, each later part the data of one attachment marked `follows: true`,
 * matched by the part's file name where it gives one and otherwise in the order the
 * document lists them. The gateway turns such a request into the JSON document CouchDB
 * would store (attachment data inline), so PouchDB sees one shape only. The body has
 * already been read with the route's size bound.
 */
import { gunzipSync } from 'node:zlib';
import { CouchRefusal } from '../../shared/sync/couch-doc';

const bad = (reason: string) => new CouchRefusal(400, 'bad_request', reason);

export function isMultipartRelated(contentType: string | undefined): boolean {
  return /^\s*multipart\/related\s*(;|$)/i.test(contentType ?? '');
}

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw bad('A multipart/related request needs a boundary in its Content-Type.');
  return boundary;
}

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');

function parseParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter as unknown as Uint8Array);
  if (at < 0) throw bad('The multipart/related body does not contain its boundary.');
  for (;;) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts; // closing delimiter
    const lineEnd = body.indexOf(CRLF as unknown as Uint8Array, start);
    if (lineEnd < 0) break;
    start = lineEnd + 2;
    const next = body.indexOf(
      Buffer.concat([CRLF, delimiter] as unknown as Uint8Array[]) as unknown as Uint8Array,
      start,
    );
    if (next < 0) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headerText = headerEnd < 0 ? '' : part.subarray(0, headerEnd).toString('latin1');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: headerEnd < 0 ? part : part.subarray(headerEnd + 4) });
    at = next + 2;
  }
  throw bad('The multipart/related body ends before its closing boundary.');
}

function fileNameOf(part: Part): string | undefined {
  const disposition = part.headers['content-disposition'] ?? '';
  const match = /filename="([^"]*)"/i.exec(disposition);
  return match?.[1];
}

/**
 * The JSON body of a multipart/related document PUT, with every `follows` attachment's
 * data inline as base64. `parseJson` is the gateway's JSON reading (depth bound and all).
 */
export function multipartDocument(
  body: Buffer,
  contentType: string,
  parseJson: (text: string) => unknown,
  limit: number,
): unknown {
  const [first, ...rest] = parseParts(body, boundaryOf(contentType));
  if (!first) throw bad('The multipart/related body holds no document.');
  const doc = parseJson(first.body.toString('utf8'));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw bad('Document must be a JSON object');
  }
  const attachments = (doc as Record<string, unknown>)['_attachments'];
  if (typeof attachments !== 'object' || attachments === null) {
    if (rest.length > 0)
      throw bad('The request sends attachment data, but the document lists no attachment.');
    return doc;
  }
  const following = Object.entries(attachments as Record<string, unknown>).filter(
    ([, att]) =>
      typeof att === 'object' && att !== null && (att as Record<string, unknown>)['follows'] === true,
  );
  if (following.length !== rest.length) {
    throw bad(
      `The document says ${following.length} attachment(s) follow, but the request holds ${rest.length}.`,
    );
  }
  const byName = new Map<string, Part>();
  const unnamed: Part[] = [];
  for (const part of rest) {
    const name = fileNameOf(part);
    if (name !== undefined && !byName.has(name)) byName.set(name, part);
    else unnamed.push(part);
  }
  for (const [name, att] of following) {
    const part = byName.get(name) ?? unnamed.shift();
    if (!part) throw bad(`No part of the request holds the data of attachment ${name}.`);
    const meta = att as Record<string, unknown>;
    let data = part.body;
    if (meta['encoding'] === 'gzip') {
      try {
        data = gunzipSync(data as unknown as Uint8Array, { maxOutputLength: limit });
      } catch {
        throw bad(`The data of attachment ${name} is not valid gzip, or is too large once unpacked.`);
      }
    } else if (meta['encoding'] !== undefined && meta['encoding'] !== 'identity') {
      throw new CouchRefusal(415, 'bad_content_type', `Attachment ${name} uses an unknown encoding.`);
    }
    const inline: Record<string, unknown> = {
      content_type:
        typeof meta['content_type'] === 'string'
          ? meta['content_type']
          : (part.headers['content-type'] ?? 'application/octet-stream'),
      data: data.toString('base64'),
    };
    (attachments as Record<string, unknown>)[name] = inline;
  }
  return doc;
}
