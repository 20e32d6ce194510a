/**
 * Revisions named by their content, for the documents `workbench setup` owns (each
 * database's `_design/workbench`, the library's directory entries). Setup is run on a hub
 * and on the central server it forwards to; written with ordinary PUTs, the same document
 * got a different revision on each, and forwarding turned every one into a conflict.
 *
 * Here the document is written as revision `1-<md5 of its content>` (with `new_edits:
 * false`, CouchDB's replication write, which both servers accept from an admin), and every
 * other leaf the document has is deleted with a tombstone whose revision is also named by
 * what it deletes. The same content therefore has the same revision on every server, the
 * same old leaves the same tombstones, and forwarding finds nothing to disagree about.
 * Bookkeeping (`createdAt`, `updatedAt`) is left out of the name: it says when each server's
 * setup wrote the entry, not what the entry says.
 */
import { createHash } from 'node:crypto';
import type { StepResult } from './setup';
import { CouchError, type CouchClient } from './couch-client';

/** JSON with keys sorted, so the same content always hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const BOOKKEEPING = new Set(['createdAt', 'updatedAt']);

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** The content's revision: generation 1, hash of everything but revisions and bookkeeping. */
export function contentRevision(body: Readonly<Record<string, unknown>>): string {
  const content = Object.fromEntries(
    Object.entries(body).filter(([key]) => (key === '_id' || !key.startsWith('_')) && !BOOKKEEPING.has(key)),
  );
  return `1-${md5(stableJson(content))}`;
}

interface Revisions {
  start: number;
  ids: string[];
}

function docPath(db: string, id: string): string {
  return `/${encodeURIComponent(db)}/${id.startsWith('_design/') ? `_design/${encodeURIComponent(id.slice(8))}` : encodeURIComponent(id)}`;
}

/**
 * Makes `body` the document's only live revision, named by its content. `unchanged` when it
 * already is; other leaves (an older setup's revisions, the other server's) are deleted.
 */
export async function putOwned(
  client: CouchClient,
  db: string,
  body: Readonly<Record<string, unknown>> & { _id: string },
): Promise<StepResult> {
  const path = docPath(db, body._id);
  const wanted = contentRevision(body);
  const current = await client.find<{ _rev: string; _conflicts?: string[] }>(`${path}?conflicts=true`);
  const leaves = current ? [current._rev, ...(current._conflicts ?? [])] : [];
  const others = leaves.filter((rev) => rev !== wanted);
  if (current && others.length === 0) return 'unchanged';

  const docs: Record<string, unknown>[] = [];
  if (!leaves.includes(wanted)) {
    const { _rev: _ignored, ...content } = body as Record<string, unknown>;
    docs.push({ ...content, _rev: wanted, _revisions: { start: 1, ids: [wanted.slice(2)] } });
  }
  for (const rev of others) {
    const leaf = await client.request<{ _revisions: Revisions }>('GET', `${path}?rev=${rev}&revs=true`);
    const hash = md5(`deleted ${rev}`);
    const start = leaf._revisions.start + 1;
    docs.push({
      _id: body._id,
      _rev: `${start}-${hash}`,
      _deleted: true,
      _revisions: { start, ids: [hash, ...leaf._revisions.ids] },
    });
  }
  const results = await client.request<unknown>('POST', `/${encodeURIComponent(db)}/_bulk_docs`, {
    docs,
    new_edits: false,
  });
  const failed = (Array.isArray(results) ? results : []).filter(
    (r) => typeof r === 'object' && r !== null && 'error' in r,
  ) as { error: string; reason?: string }[];
  if (failed.length > 0) {
    const first = failed[0];
    throw new CouchError(
      500,
      first?.error ?? 'error',
      `${body._id} in ${db}: ${first?.reason ?? 'not written'}`,
    );
  }
  return current ? 'updated' : 'created';
}
