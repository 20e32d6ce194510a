/**
 * Projects events, DEN2DEN offers and exchanges, and participants' responses to events (issue
 * 22) into the read model (Dexie version 11), with two followers of their own: the institute's
 * database (`checkpoint:events`; on the secretariat's computer every institute's) and the
 * library's published copies of events and offers (`checkpoint:events-library`). Events and
 * offers are keyed `<source>|<id>`, like case studies, because a published copy has the same
 * id as its original; screens take the institute's own copy first (`preferOwn`).
 */
import type { EventDoc } from '@shared/docs/event/schema';
import type { ExchangePart } from '@shared/docs/exchange/schema';
import type { OfferDoc } from '@shared/docs/offer/schema';
import { isOwnedId, parseDoc, type AnyDoc } from '@shared/docs/registry';
import { answerValues } from '@shared/docs/response/edit';
import type { AnswerValue } from '@shared/docs/response/schema';
import { typeOfId } from '@shared/ids';
import { partOf } from '@shared/sync/relay';
import { ChangesFollower, type ChangeRow, type FollowerTarget } from './changes-follower';
import type { LocalDb } from './pouch';
import type { ReadModelDb } from './read-model';

export type Source = 'org' | 'library';
export type EventRow = EventDoc & { key: string; id: string; source: Source };
export type OfferRow = OfferDoc & { key: string; id: string; source: Source };

/** A participant's response to one of an event's questionnaires. */
export interface FeedbackRow {
  id: string;
  org: string;
  event: string;
  participant: string;
  templateId: string;
  templateVersion: string;
  cycle: number;
  status: 'draft' | 'submitted';
  answers: Record<string, AnswerValue>;
  updatedAt: string;
}

/** One side's part of an exchange: its own (`exchange:`) or the copy of the other side's (`exchangecopy:`). */
export interface ExchangeRow {
  id: string;
  xid: string;
  /** The institute whose database holds the document. */
  org: string;
  part: ExchangePart;
  /** The institute that wrote the part. */
  by: string;
  updatedAt: string;
  updatedBy: string;
  copy: boolean;
}

export const EVENTS_CHECKPOINT_KEY = 'checkpoint:events';
export const EVENTS_LIBRARY_CHECKPOINT_KEY = 'checkpoint:events-library';

const TYPES = new Set(['event', 'offer', 'response', 'exchange', 'exchangecopy']);

function keyed<T extends { _id: string }>(
  doc: T,
  source: Source,
): T & { key: string; id: string; source: Source } {
  return { ...doc, key: `${source}|${doc._id}`, id: doc._id, source };
}

async function put(rm: ReadModelDb, doc: AnyDoc, source: Source): Promise<boolean> {
  if (doc.type === 'event') await rm.events.put(keyed(doc, source));
  else if (doc.type === 'offer') await rm.offers.put(keyed(doc, source));
  else if (source === 'library') return false;
  else if (doc.type === 'response' && doc.event && doc.participant)
    await rm.feedback.put({
      id: doc._id,
      org: doc.org,
      event: doc.event,
      participant: doc.participant,
      templateId: doc.templateId,
      templateVersion: doc.templateVersion,
      cycle: doc.cycle,
      status: doc.status,
      answers: answerValues(doc),
      updatedAt: doc.updatedAt,
    });
  else if (doc.type === 'exchange')
    await rm.exchanges.put({
      id: doc._id,
      xid: doc.xid,
      org: doc.org,
      part: partOf(doc),
      by: doc.org,
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
      copy: false,
    });
  else if (doc.type === 'exchangecopy')
    await rm.exchanges.put({
      id: doc._id,
      xid: doc.xid,
      org: doc.org,
      part: doc.part,
      by: doc.from,
      updatedAt: doc.partUpdatedAt,
      updatedBy: doc.partUpdatedBy,
      copy: true,
    });
  else return false;
  return true;
}

function target(source: Source): FollowerTarget {
  return {
    tables: (rm) => [rm.events, rm.offers, rm.feedback, rm.exchanges],
    apply: async (rm, changes: readonly ChangeRow[]) => {
      for (const change of changes) {
        const type = typeOfId(change.id);
        if (!isOwnedId(change.id) || !type || !TYPES.has(type)) continue;
        let doc: AnyDoc | undefined;
        try {
          doc = !change.deleted && change.doc ? parseDoc(change.doc) : undefined;
        } catch {
          doc = undefined; // listed under Settings by the main and library projectors
        }
        if (doc && (await put(rm, doc, source))) continue;
        await rm.events.delete(`${source}|${change.id}`);
        await rm.offers.delete(`${source}|${change.id}`);
        if (source === 'org') {
          await rm.feedback.delete(change.id);
          await rm.exchanges.delete(change.id);
        }
      }
    },
  };
}

/** The institute's events, offers, participants' responses and exchange parts. */
export class EventsProjector extends ChangesFollower {
  constructor(db: LocalDb, readModel: ReadModelDb) {
    super(db, readModel, EVENTS_CHECKPOINT_KEY, target('org'));
  }
}

/** The library's published copies of events and offers. */
export class EventsLibraryProjector extends ChangesFollower {
  constructor(library: LocalDb, readModel: ReadModelDb) {
    super(library, readModel, EVENTS_LIBRARY_CHECKPOINT_KEY, target('library'));
  }
}

/** One row per id, the institute's own copy before the library's. */
export function preferOwn<T extends { id: string; source: Source }>(rows: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const held = byId.get(row.id);
    if (!held || (held.source === 'library' && row.source === 'org')) byId.set(row.id, row);
  }
  return [...byId.values()];
}
