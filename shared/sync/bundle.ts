/**
 * Sync by file: a bundle of every revision the other side has not acknowledged, for when
 * there is no network at all. Revisions travel with their history (`_revisions`), so
 * applying a bundle with `new_edits: false` gives the receiver exactly the sender's
 * revision tree: a later network sync neither duplicates nor sees false conflicts.
 * Acknowledgements travel back in the other side's bundles (`acks`).
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'nmi-workbench-changes';
export const BUNDLE_VERSION = 1;

const revisedDoc = z
  .object({
    _id: z.string().min(1),
    _rev: z.string().regex(/^\d+-[0-9a-f]+$/),
    _revisions: z.object({ start: z.number().int().positive(), ids: z.array(z.string()).min(1) }),
  })
  .loose();

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  org: z.string().min(1),
  /** The sending device. */
  from: z.string().min(1),
  createdAt: z.string(),
  /** The sender's local sequence the bundle reaches. */
  lastSeq: z.union([z.number(), z.string()]),
  /** For each device this one has received bundles from: the sequence received. */
  acks: z.record(z.string(), z.union([z.number(), z.string()])),
  docs: z.array(revisedDoc),
  /**
   * Set in files that `workbench seed --out` writes for the app's training mode: the
   * training institute the file holds, so the app can name it.
   */
  institute: z
    .object({ name: z.string().min(1), acronym: z.string(), economy: z.string().min(1) })
    .optional(),
});
export type ChangeBundle = z.infer<typeof bundleSchema>;

/** What one device knows about its file-sync partners, kept in a `_local` document. */
export interface FilePeers {
  /** Sequence of ours each peer has acknowledged receiving. */
  ackedByPeer: Record<string, number>;
  /** Sequence of each peer's we have received. */
  receivedFrom: Record<string, number | string>;
}

/** Where the next bundle starts: the oldest point any known peer acknowledged (all of it when none). */
export function bundleStart(peers: FilePeers): number {
  const acked = Object.values(peers.ackedByPeer);
  return acked.length === 0 ? 0 : Math.min(...acked);
}
