/**
 * The secretariat's computer carrying what no institute's database may carry itself (see
 * shared/sync/relay.ts): after each pass of the rounds, the other side's part of every
 * exchange is copied into each institute's database on this computer (the next pass, asked for
 * at once, takes it up to that institute's server database), and events and published offers
 * are copied into the library (which goes up within seconds). Every document is checked by its
 * schema on the way in, as any other write; a copy that meets a newer revision waits for the
 * next pass.
 */
import type { EventDoc } from '@shared/docs/event/schema';
import type { ExchangeCopyDoc, ExchangeDoc } from '@shared/docs/exchange/schema';
import type { OfferDoc } from '@shared/docs/offer/schema';
import { parseDoc, type AnyDoc } from '@shared/docs/registry';
import { typeRange, type DocType } from '@shared/ids';
import { exchangeCopiesToWrite, publicationsToWrite } from '@shared/sync/relay';
import type { LocalDb } from '../pouch';
import { Repository } from '../repository';
import { isConflict } from '../storage-errors';
import { directoryOrgs } from './secretariat';

async function docsOf<T extends AnyDoc>(db: LocalDb, type: DocType & T['type']): Promise<T[]> {
  const { rows } = await db.allDocs({ ...typeRange(type), include_docs: true });
  const out: T[] = [];
  for (const row of rows) {
    try {
      const doc = parseDoc(row.doc);
      if (doc.type === type) out.push(doc as T);
    } catch {
      // A document this version cannot read is listed under Settings and not relayed.
    }
  }
  return out;
}

export interface Relayed {
  /** Institutes that were given copies (their next sync takes them up). */
  orgs: string[];
  /** Library documents written or removed. */
  published: number;
}

export async function relayForSecretariat(
  db: LocalDb,
  library: LocalDb,
  own: string,
  by: string,
): Promise<Relayed> {
  const at = new Date().toISOString();
  const orgs = new Set([own, ...(await directoryOrgs(library))]);
  const copies = exchangeCopiesToWrite(
    await docsOf<ExchangeDoc>(db, 'exchange'),
    await docsOf<ExchangeCopyDoc>(db, 'exchangecopy'),
    orgs,
    at,
    by,
  );
  const repository = new Repository(db, { org: own, user: by });
  const given = new Set<string>();
  for (const copy of copies) {
    try {
      await repository.put(copy);
      given.add(copy.org);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }

  const sources = [...(await docsOf<EventDoc>(db, 'event')), ...(await docsOf<OfferDoc>(db, 'offer'))];
  const published = [
    ...(await docsOf<EventDoc>(library, 'event')),
    ...(await docsOf<OfferDoc>(library, 'offer')),
  ];
  // Only a source deleted here withdraws its copy; one not pulled yet leaves it alone.
  const missing = published.map((d) => d._id).filter((id) => !sources.some((s) => s._id === id));
  const deleted = new Set<string>();
  if (missing.length > 0) {
    const { rows } = await db.allDocs({ keys: missing });
    for (const row of rows) if ('value' in row && row.value.deleted) deleted.add(row.id);
  }
  const plan = publicationsToWrite(sources, published, deleted);
  const libraryRepository = new Repository(library, { org: own, user: by });
  let written = 0;
  for (const doc of plan.put) {
    try {
      await libraryRepository.put(doc);
      written++;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  for (const { id, rev } of plan.remove) {
    try {
      await libraryRepository.remove(id, rev);
      written++;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  return { orgs: [...given].sort(), published: written };
}
