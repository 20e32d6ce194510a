/**
 * One page of replication each way, in as few requests as the CouchDB protocol allows
 * (docs/architecture.md, "Where each request of a sync goes"):
 *
 * - pull: `_changes` (what changed), then `_bulk_get` of the revisions this database
 *   lacks, with their histories. Documents new here come with their attachments inline
 *   (gzip takes the base64 back to about the bytes' size); documents changed here come
 *   with stubs, and only attachments whose digest is not here already are fetched: all
 *   of a document's, if small, inline in one more `_bulk_get`, otherwise one by one as
 *   raw bytes, a few at a time. Both `_bulk_get`s go at once. Written with
 *   `new_edits: false`, so the revision tree is the server's.
 * - push: `_revs_diff` (what the server lacks), then `_bulk_docs` with `new_edits: false`.
 *   A document with attachments also asks `_revs_diff` about its last ancestors, so
 *   attachments the server holds since an ancestor it has go as stubs, not again.
 */
import type { LocalDb } from '../pouch';
import {
  CouchError,
  type Attachment,
  type CouchRemote,
  type ReplicatedDoc,
  type Seq,
  type WriteResult,
} from './couch-remote';

/** Documents whose attachments are all missing and together at most this size come inline. */
const INLINE_ATTACHMENTS_MAX = 64 * 1024;
/** Attachments fetched at once: with the long poll, within a browser's six connections per host. */
const ATTACHMENT_FETCHES = 4;
/** How far back a push looks for an ancestor the server has. */
const ANCESTORS_ASKED = 10;

export interface PageResult {
  /** Documents (revisions) written to the other side. */
  docs: ReplicatedDoc[];
  /** Refused by the server's validation, with its reason. */
  denied: WriteResult[];
  lastSeq: Seq;
  /** Rows the page held: fewer than the batch size means caught up. */
  rows: number;
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

const attachmentsOf = (doc: ReplicatedDoc) => Object.entries(doc._attachments ?? {});

/** Fills in the attachments of pulled documents that this database does not hold yet. */
async function fetchAttachments(
  local: LocalDb,
  remote: CouchRemote,
  docs: ReplicatedDoc[],
  signal: AbortSignal,
): Promise<ReplicatedDoc[]> {
  const withAttachments = docs.filter((doc) => attachmentsOf(doc).length > 0);
  if (withAttachments.length === 0) return docs;
  const held = new Map<string, Set<string>>();
  const here = await local.allDocs({ keys: withAttachments.map((d) => d._id), include_docs: true });
  for (const row of here.rows) {
    const doc = 'doc' in row ? (row.doc as ReplicatedDoc | null | undefined) : undefined;
    if (!doc) continue;
    held.set(doc._id, new Set(attachmentsOf(doc).map(([, att]) => att.digest ?? '')));
  }
  const inline: { id: string; rev: string }[] = [];
  const singles: { doc: ReplicatedDoc; name: string }[] = [];
  for (const doc of withAttachments) {
    const digests = held.get(doc._id) ?? new Set<string>();
    const missing = attachmentsOf(doc).filter(([, att]) => !att.digest || !digests.has(att.digest));
    const size = missing.reduce((sum, [, att]) => sum + (att.length ?? 0), 0);
    if (missing.length === 0) continue;
    if (missing.length === attachmentsOf(doc).length && size <= INLINE_ATTACHMENTS_MAX) {
      inline.push({ id: doc._id, rev: doc._rev });
    } else {
      for (const [name] of missing) singles.push({ doc, name });
    }
  }
  const replaced = new Map<string, ReplicatedDoc>();
  const inlineFetch = async () => {
    if (inline.length === 0) return;
    for (const doc of (await remote.bulkGet(inline, true, signal)).docs) replaced.set(doc._id, doc);
  };
  await Promise.all([
    inlineFetch(),
    inPool(singles, ATTACHMENT_FETCHES, async ({ doc, name }) => {
      const att = doc._attachments?.[name];
      if (!att) return;
      att.data = await remote.attachment(doc._id, name, doc._rev, signal);
      delete att.stub;
      delete att.length;
    }),
  ]);
  return docs.map((doc) => replaced.get(doc._id) ?? doc);
}

/** Brings one page of the server's changes since `since` into `local`. */
export async function pullPage(
  local: LocalDb,
  remote: CouchRemote,
  since: Seq,
  batchSize: number,
  signal: AbortSignal,
  wait?: { timeout: number; heartbeat: number },
  selector?: PouchDB.Find.Selector,
): Promise<PageResult> {
  const page = await remote.changes(since, batchSize, {
    signal,
    ...(wait ? { wait } : {}),
    ...(selector ? { selector } : {}),
  });
  const asked: Record<string, string[]> = {};
  for (const row of page.results) asked[row.id] = row.changes.map((c) => c.rev);
  const diff = page.results.length > 0 ? await local.revsDiff(asked) : {};
  const wanted = Object.entries(diff).flatMap(([id, d]) => (d.missing ?? []).map((rev) => ({ id, rev })));
  let docs: ReplicatedDoc[] = [];
  if (wanted.length > 0) {
    // Documents new here come with their attachments inline at once (nothing of theirs can
    // be here); changed ones come with stubs, and only attachments not held are fetched.
    const here = await local.allDocs({ keys: [...new Set(wanted.map((w) => w.id))] });
    const known = new Set(here.rows.filter((row) => !('error' in row)).map((row) => row.key));
    const fresh = wanted.filter((w) => !known.has(w.id));
    const changed = wanted.filter((w) => known.has(w.id));
    const [whole, stubbed] = await Promise.all([
      fresh.length > 0 ? remote.bulkGet(fresh, true, signal) : { docs: [] },
      changed.length > 0 ? remote.bulkGet(changed, false, signal) : { docs: [] },
    ]);
    docs = [...whole.docs, ...(await fetchAttachments(local, remote, stubbed.docs, signal))];
    try {
      await local.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    } catch (error) {
      // An attachment held here was compacted away meanwhile: take every one from the server.
      if ((error as { status?: number }).status !== 412) throw error;
      docs = (await remote.bulkGet(wanted, true, signal)).docs;
      await local.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    }
  }
  return { docs, denied: [], lastSeq: page.last_seq, rows: page.results.length };
}

const generation = (rev: string) => Number.parseInt(rev, 10) || 0;

/** A local revision with its history and its attachments' data, as `_bulk_docs` takes it. */
async function readForPush(local: LocalDb, id: string, rev: string): Promise<ReplicatedDoc> {
  return (await local.get(id, { rev, revs: true, attachments: true })) as unknown as ReplicatedDoc;
}

/** Attachments the server holds since an ancestor revision it has go as stubs. */
function stubsSince(doc: ReplicatedDoc, heldGeneration: number): ReplicatedDoc {
  if (heldGeneration === 0 || !doc._attachments) return doc;
  const attachments: Record<string, Attachment> = {};
  for (const [name, att] of attachmentsOf(doc)) {
    attachments[name] =
      att.revpos !== undefined && att.revpos <= heldGeneration && att.digest
        ? { stub: true, digest: att.digest, content_type: att.content_type, revpos: att.revpos }
        : att;
  }
  return { ...doc, _attachments: attachments };
}

/** Sends one page of this database's changes since `since` (local sequence) to the server. */
export async function pushPage(
  local: LocalDb,
  remote: CouchRemote,
  since: Seq,
  batchSize: number,
  signal: AbortSignal,
  selector?: PouchDB.Find.Selector,
): Promise<PageResult> {
  const page = await local.changes({
    since,
    limit: batchSize,
    style: 'all_docs',
    include_docs: true,
    ...(selector ? { selector } : {}),
  });
  const rows = page.results.filter((row) => !row.id.startsWith('_local/'));
  const result: PageResult = { docs: [], denied: [], lastSeq: page.last_seq, rows: page.results.length };
  if (rows.length === 0) return result;

  // For documents with attachments, their recent ancestors too: the newest one the server
  // has tells which attachments it holds already.
  const asked: Record<string, string[]> = {};
  const ancestors = new Map<string, string[]>();
  for (const row of rows) {
    asked[row.id] = row.changes.map((c) => c.rev);
    const doc = row.doc as ReplicatedDoc | undefined;
    if (!doc || attachmentsOf(doc).length === 0) continue;
    const withHistory = (await local.get(row.id, { rev: doc._rev, revs: true })) as unknown as ReplicatedDoc;
    const history = withHistory._revisions;
    if (!history) continue;
    const older = history.ids
      .slice(1, 1 + ANCESTORS_ASKED)
      .map((hash, i) => `${history.start - 1 - i}-${hash}`);
    ancestors.set(row.id, older);
    asked[row.id] = [...(asked[row.id] ?? []), ...older];
  }
  const diff = await remote.revsDiff(asked, signal);

  const outgoing: { doc: ReplicatedDoc }[] = [];
  for (const [id, { missing, possible_ancestors: possible = [] }] of Object.entries(diff)) {
    const older = ancestors.get(id) ?? [];
    const held = [...older.filter((rev) => !missing.includes(rev)), ...possible];
    const heldGeneration = Math.max(0, ...held.map(generation));
    for (const rev of missing.filter((r) => !older.includes(r))) {
      const doc = await readForPush(local, id, rev);
      // Only the winning revision's own history was asked about; others go whole.
      outgoing.push({ doc: stubsSince(doc, older.length > 0 ? heldGeneration : 0) });
    }
  }
  if (outgoing.length === 0) return result;

  let answers = await remote.bulkDocs(
    outgoing.map((o) => o.doc),
    signal,
  );
  // The server no longer holds an attachment sent as a stub (compacted): send those whole.
  const stubless = answers.filter((a) => a.error === 'missing_stub').map((a) => a.id);
  if (stubless.length > 0) {
    const again = await Promise.all(
      outgoing
        .filter((o) => stubless.includes(o.doc._id))
        .map((o) => readForPush(local, o.doc._id, o.doc._rev)),
    );
    answers = [
      ...answers.filter((a) => a.error !== 'missing_stub'),
      ...(await remote.bulkDocs(again, signal)),
    ];
  }
  const refused = answers.filter((a) => a.error === 'forbidden' || a.error === 'unauthorized');
  const failed = answers.filter((a) => a.error && !refused.includes(a));
  if (failed[0]) throw new CouchError(500, failed[0].error ?? 'write_failed', failed[0].reason ?? '');
  const refusedIds = new Set(refused.map((a) => `${a.id ?? ''}@${a.rev ?? ''}`));
  result.docs = outgoing
    .map((o) => o.doc)
    .filter((doc) => !refusedIds.has(`${doc._id}@${doc._rev}`) && !refusedIds.has(`${doc._id}@`));
  result.denied = refused;
  return result;
}
