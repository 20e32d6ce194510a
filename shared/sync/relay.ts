/**
 * What the secretariat's computer carries between institutes, which no institute's database
 * may carry itself (each institute reads and writes only its own database and reads the
 * library; docs/architecture.md, "Events and DEN2DEN"):
 *
 * - each side's part of a DEN2DEN exchange (`exchange:<X>:<xid>`) is copied into the other
 *   side's database as `exchangecopy:<Y>:<xid>` — a document of Y's, which the rounds then
 *   push to `org-Y` like any other of Y's documents; a provider's part is copied only when the
 *   request it answers names that provider;
 * - an event, and an offer while it is published, is copied under its own id into the library,
 *   and the library's copy is removed when the offer is withdrawn or either is deleted.
 *
 * Pure functions from what this computer holds to what it should write; data/relay.ts applies
 * them after each pass of the rounds. Nothing is written when the copy already says the same.
 */
import type { EventDoc } from '../docs/event/schema';
import {
  EXCHANGE_SCHEMA_VERSION,
  exchangePartSchema,
  type ExchangeCopyDoc,
  type ExchangeDoc,
  type ExchangePart,
} from '../docs/exchange/schema';
import type { OfferDoc } from '../docs/offer/schema';
import { exchangeCopyId } from '../ids';
import { sameValue } from './merge';

/** The part of an exchange document that the other side sees. */
export function partOf(doc: ExchangeDoc): ExchangePart {
  return exchangePartSchema.parse(doc);
}

/** The institute that should hold a copy of this part. */
export function counterpartOf(part: ExchangePart): string {
  return part.role === 'requester' ? part.provider : part.requester;
}

/**
 * The copies to write (new or changed) so that each institute in `orgs` holds the other side's
 * part of its exchanges, as of the parts on this computer.
 */
export function exchangeCopiesToWrite(
  parts: readonly ExchangeDoc[],
  copies: readonly ExchangeCopyDoc[],
  orgs: ReadonlySet<string>,
  at: string,
  by: string,
): ExchangeCopyDoc[] {
  const requests = new Map<string, ExchangeDoc>();
  for (const p of parts) if (p.role === 'requester') requests.set(p.xid, p);
  const held = new Map(copies.map((c) => [c._id, c]));
  const out: ExchangeCopyDoc[] = [];
  for (const doc of parts) {
    const part = partOf(doc);
    const to = counterpartOf(part);
    if (!orgs.has(to)) continue;
    if (part.role === 'provider') {
      const request = requests.get(part.xid);
      if (!request || request.requester !== part.requester || request.provider !== doc.org) continue;
    }
    const id = exchangeCopyId(to, part.xid);
    const existing = held.get(id);
    if (existing && existing.from === doc.org && sameValue(existing.part, part)) continue;
    out.push({
      _id: id,
      ...(existing?._rev ? { _rev: existing._rev } : {}),
      type: 'exchangecopy',
      schemaVersion: EXCHANGE_SCHEMA_VERSION,
      org: to,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      updatedBy: by,
      xid: part.xid,
      from: doc.org,
      part,
      partUpdatedAt: doc.updatedAt,
      partUpdatedBy: doc.updatedBy,
    });
  }
  return out;
}

type Published = EventDoc | OfferDoc;

function wanted(doc: Published): boolean {
  return doc.type === 'event' || doc.status === 'published';
}

function content(doc: Published): Record<string, unknown> {
  const { _rev: _ignored, ...rest } = doc as Published & { _attachments?: unknown };
  delete (rest as { _attachments?: unknown })._attachments;
  return rest;
}

/**
 * The library's copies to write and to remove for the events and offers on this computer.
 * `deleted` holds the ids deleted here (tombstones): a library copy whose source is merely
 * absent (an institute not pulled yet) is left alone.
 */
export function publicationsToWrite(
  sources: readonly Published[],
  library: readonly Published[],
  deleted: ReadonlySet<string>,
): { put: Published[]; remove: { id: string; rev: string }[] } {
  const inLibrary = new Map(library.map((d) => [d._id, d]));
  const put: Published[] = [];
  const remove: { id: string; rev: string }[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    seen.add(source._id);
    const copy = inLibrary.get(source._id);
    if (!wanted(source)) {
      if (copy?._rev) remove.push({ id: copy._id, rev: copy._rev });
      continue;
    }
    if (copy && sameValue(content(copy), content(source))) continue;
    put.push({ ...(content(source) as unknown as Published), ...(copy?._rev ? { _rev: copy._rev } : {}) });
  }
  for (const copy of library)
    if (!seen.has(copy._id) && deleted.has(copy._id) && copy._rev)
      remove.push({ id: copy._id, rev: copy._rev });
  return { put, remove };
}
