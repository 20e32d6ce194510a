/**
 * "Changes waiting to go up" on a computer that holds more than one institute's documents
 * (the secretariat's). Each institute has its own marker in `_local` (never replicated):
 * the local sequence up to which its documents have gone up. The institute whose
 * workspace this is keeps the marker that a single-institute computer uses
 * (`_local/sync-marker`); every other institute has `_local/sync-marker:<org>`.
 * Documents pulled from the server are written locally too, so counting by institute is
 * what keeps one institute's downloads from counting as another's uploads.
 */
import { notInstitutes, instituteSelector, orgNamedById } from '@shared/sync/ownership';
import type { LocalDb } from '../pouch';

const OWN_MARKER = '_local/sync-marker';
const PAGE = 500;

/** The marker of an institute's documents (the workspace's own institute: the plain one). */
export function markerId(org?: string): string {
  return org === undefined ? OWN_MARKER : `${OWN_MARKER}:${org}`;
}

export async function readMarker(db: LocalDb, id: string): Promise<number | string | undefined> {
  try {
    return ((await db.get(id)) as unknown as { seq: number | string }).seq;
  } catch {
    return undefined; // never synced
  }
}

/** Writes a marker, re-reading it when another write got there first. */
export async function writeMarker(db: LocalDb, id: string, seq: number | string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let rev: string | undefined;
    try {
      rev = (await db.get(id))._rev;
    } catch {
      rev = undefined;
    }
    try {
      await db.put({ _id: id, ...(rev ? { _rev: rev } : {}), seq } as PouchDB.Core.PutDocument<object>);
      return;
    } catch {
      // written meanwhile: read it again
    }
  }
}

/** The institute a document (or its tombstone) belongs to. */
export function orgOfDoc(id: string, doc: unknown): string | undefined {
  const org = (doc as { org?: unknown } | undefined)?.org;
  if (typeof org === 'string') return org;
  // A deleted document keeps only its id: `response:<org>:…`, `cmcplan:<org>:…`, `casestudy:<org>:…`.
  return orgNamedById(id);
}

/**
 * Selects, in a replication to or from an institute's database, only that institute's
 * documents and the tombstones of its documents (shared/sync/ownership.ts). A selector,
 * not a function: the replication's checkpoint id includes it, and JSON stays the same
 * across app builds where a function's source text would not.
 */
export function orgSelector(org: string): PouchDB.Find.Selector {
  return instituteSelector(org) as PouchDB.Find.Selector;
}

function seqNumber(seq: number | string | undefined): number {
  if (seq === undefined) return 0;
  const n = typeof seq === 'number' ? seq : Number.parseInt(seq, 10);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Documents of each institute changed here since its marker. `own` is the workspace's
 * institute; `others` the rest this computer syncs. One pass over the changes feed from
 * the oldest marker, in pages.
 */
export async function waitingByInstitute(
  db: LocalDb,
  own: string,
  others: readonly string[],
): Promise<{ total: number; byOrg: Record<string, number> }> {
  const markers = new Map<string, number>();
  markers.set(own, seqNumber(await readMarker(db, markerId())));
  for (const org of others) {
    if (org !== own) markers.set(org, seqNumber(await readMarker(db, markerId(org))));
  }
  const byOrg: Record<string, number> = Object.fromEntries([...markers.keys()].map((org) => [org, 0]));
  let since = Math.min(...markers.values());
  for (;;) {
    const page = await db.changes({ since, limit: PAGE, include_docs: true });
    for (const change of page.results) {
      if (change.id.startsWith('_design/')) continue;
      const org = orgOfDoc(change.id, change.doc);
      const marker = org === undefined ? undefined : markers.get(org);
      if (org === undefined || marker === undefined || seqNumber(change.seq) <= marker) continue;
      byOrg[org] = (byOrg[org] ?? 0) + 1;
    }
    if (page.results.length < PAGE) break;
    since = seqNumber(page.last_seq);
  }
  const total = Object.values(byOrg).reduce((sum, n) => sum + n, 0);
  return { total, byOrg };
}

/** Library documents changed here since the last push of the library (secretariat only). */
export async function libraryWaiting(library: LocalDb): Promise<number> {
  const since = (await readMarker(library, markerId())) ?? 0;
  const changes = await library.changes({ since, limit: 10_000 });
  return changes.results.filter((c) => !c.id.startsWith('_design/')).length;
}

/**
 * How many documents (of one institute, when `org` is given) changed here since a marker,
 * and the sequence read up to. `marked` is false when the marker was never written.
 */
export async function changedSince(
  db: LocalDb,
  marker: string,
  org?: string,
): Promise<{ marked: boolean; count: number; lastSeq: number | string; heldBack: string[] }> {
  const seq = await readMarker(db, marker);
  let since: number | string = seq ?? 0;
  let count = 0;
  const heldBack: string[] = [];
  for (;;) {
    const page = await db.changes({ since, limit: PAGE, include_docs: org !== undefined });
    for (const change of page.results) {
      if (change.id.startsWith('_design/')) continue;
      if (org === undefined) count++;
      else if (orgOfDoc(change.id, change.doc) === org) {
        // Claims to be the institute's but is not (its id names another, or it is of a
        // kind institutes do not hold): the push's selector leaves it here; say so.
        const why = notInstitutes(change.id, change.doc, org);
        if (why === undefined) count++;
        else heldBack.push(`${change.id} (${why})`);
      }
    }
    since = page.last_seq;
    if (page.results.length < PAGE) break;
  }
  return { marked: seq !== undefined, count, lastSeq: since, heldBack };
}

/**
 * The documents kept back from an institute's database, remembered across passes (a
 * pass only reads what changed since the last, so one found once would otherwise be
 * forgotten after it): those found now, and those found before that are still here and
 * still not the institute's. Each as `id (why)`, for the Sync screen.
 */
export async function rememberHeldBack(
  db: LocalDb,
  org: string,
  found: readonly string[],
): Promise<string[]> {
  const id = `_local/held-back:${org}`;
  let stored: { _rev?: string; ids?: string[] } = {};
  try {
    stored = (await db.get(id)) as unknown as typeof stored;
  } catch {
    // none yet
  }
  const idOf = (entry: string) => entry.slice(0, entry.indexOf(' ('));
  const current = new Map(found.map((entry) => [idOf(entry), entry]));
  for (const earlier of stored.ids ?? []) {
    if (current.has(earlier)) continue;
    try {
      const why = notInstitutes(earlier, await db.get(earlier), org);
      if (why !== undefined) current.set(earlier, `${earlier} (${why})`);
    } catch {
      // deleted here since: nothing held back any more
    }
  }
  const ids = [...current.keys()].sort();
  if (JSON.stringify(ids) !== JSON.stringify(stored.ids ?? [])) {
    await db
      .put({
        _id: id,
        ...(stored._rev ? { _rev: stored._rev } : {}),
        ids,
      } as PouchDB.Core.PutDocument<object>)
      .catch(() => undefined); // written again next pass
  }
  return ids.map((key) => current.get(key) ?? key);
}
