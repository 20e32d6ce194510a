/**
 * "Save changes to a file" / "Load changes from a file": the bundle format is in
 * shared/sync/bundle.ts. Files are gzip-compressed JSON (CompressionStream, in every
 * Chromium and in Node). Peer acknowledgements are kept in `_local/file-sync`, which
 * never replicates.
 */
import { WorkbenchError } from '@shared/errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bundleSchema,
  bundleStart,
  type ChangeBundle,
  type FilePeers,
} from '@shared/sync/bundle';
import type { LocalDb } from '../pouch';

const PEERS_ID = '_local/file-sync';
/** A bundle larger than this unpacked is refused rather than read into memory. */
const MAX_UNPACKED = 512 * 1024 * 1024;

async function readPeers(db: LocalDb): Promise<FilePeers & { _rev?: string }> {
  try {
    return (await db.get(PEERS_ID)) as unknown as FilePeers & { _rev?: string };
  } catch {
    return { ackedByPeer: {}, receivedFrom: {} };
  }
}

async function writePeers(db: LocalDb, peers: FilePeers & { _rev?: string }): Promise<void> {
  await db.put({ ...peers, _id: PEERS_ID } as PouchDB.Core.PutDocument<object>);
}

/** Text to gzip bytes: for changes files, and for large request bodies (see controller.ts). */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function pipe(bytes: Uint8Array, stream: DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes.slice().buffer]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new WorkbenchError(
        'invalid-input',
        'This file unpacks to far more than a changes file can hold; it is not one.',
      );
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export interface SavedBundle {
  bytes: Uint8Array;
  docs: number;
}

/** Every revision (with its history and attachments) changed since the oldest peer acknowledgement. */
export async function saveBundle(
  db: LocalDb,
  org: string,
  deviceId: string,
  now = new Date(),
): Promise<SavedBundle> {
  const peers = await readPeers(db);
  const changes = await db.changes({ since: bundleStart(peers), style: 'all_docs' });
  const wanted = changes.results
    .filter((c) => !c.id.startsWith('_design/'))
    .flatMap((c) => c.changes.map((r) => ({ id: c.id, rev: r.rev })));
  const fetched =
    wanted.length > 0 ? await db.bulkGet({ docs: wanted, revs: true, attachments: true }) : { results: [] };
  const docs = fetched.results.flatMap((r) =>
    r.docs.flatMap((d) => ('ok' in d ? [d.ok as unknown as ChangeBundle['docs'][number]] : [])),
  );
  const bundle: ChangeBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    org,
    from: deviceId,
    createdAt: now.toISOString(),
    lastSeq: changes.last_seq,
    acks: peers.receivedFrom,
    docs,
  };
  const bytes = await gzip(JSON.stringify(bundle));
  return { bytes, docs: docs.length };
}

export interface LoadedBundle {
  from: string;
  docs: number;
}

/** Unpacks and checks a changes file without applying it. */
export async function readBundle(bytes: Uint8Array): Promise<ChangeBundle> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new WorkbenchError(
      'invalid-input',
      'This is not a changes file saved by NMI Workbench (it is not compressed as one).',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder().decode(await pipe(bytes, new DecompressionStream('gzip'), MAX_UNPACKED)),
    );
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError(
      'invalid-input',
      'The changes file is damaged: it could not be unpacked and read.',
    );
  }
  const result = bundleSchema.safeParse(parsed);
  if (!result.success) {
    throw new WorkbenchError(
      'invalid-input',
      'This file is not a changes file of this version of NMI Workbench.',
    );
  }
  return result.data;
}

export async function loadBundle(
  db: LocalDb,
  org: string,
  deviceId: string,
  bytes: Uint8Array,
): Promise<LoadedBundle> {
  const bundle = await readBundle(bytes);
  if (bundle.org !== org) {
    throw new WorkbenchError(
      'invalid-input',
      `This file holds the changes of institute "${bundle.org}", not of this one ("${org}").`,
    );
  }
  if (bundle.from === deviceId) {
    throw new WorkbenchError(
      'invalid-input',
      'This file was saved on this computer; load it on the other one.',
    );
  }
  if (bundle.docs.length > 0)
    await db.bulkDocs(bundle.docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
  const peers = await readPeers(db);
  peers.receivedFrom[bundle.from] = bundle.lastSeq;
  const acked = bundle.acks[deviceId];
  if (typeof acked === 'number')
    peers.ackedByPeer[bundle.from] = Math.max(acked, peers.ackedByPeer[bundle.from] ?? 0);
  else peers.ackedByPeer[bundle.from] ??= 0;
  await writePeers(db, peers);
  return { from: bundle.from, docs: bundle.docs.length };
}
