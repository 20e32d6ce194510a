/**
 * Fills a CouchDB-compatible server (the hub or Apache CouchDB 3) with a training
 * dataset from shared/seed: prepares the training institutes' databases with
 * `setupServer` (as `workbench setup` does), adds their users, and writes the documents
 * with `_bulk_docs` in batches, a few institutes at a time. Only the standard CouchDB
 * HTTP API is used.
 *
 * Safety: every training institute's database is `org-training-…`, and each one the seed
 * fills carries a `_local/workbench-seed` marker. A database of that name holding
 * documents without the marker is refused rather than overwritten; a seeded one is reset
 * to the generated data (documents the run does not make are deleted). A server that
 * already holds real institutes' databases is refused unless the caller says so.
 */
import { parseDoc } from '../shared/docs/registry';
import {
  generateInstituteDocs,
  generateLibraryDocs,
  type SeedDoc,
  type SeedPlan,
  type SeedUser,
} from '../shared/seed';
import { isTrainingOrg } from '../shared/seed/institutes';
import {
  LIBRARY_DB,
  ORG_DB_PREFIX,
  orgDbName,
  orgOfDb,
  orgRole,
  SECRETARIAT_ROLE,
} from '../shared/sync/names';
import { saveUser } from './commands/user';
import { CouchError, type CouchClient } from './couch-client';
import { setupServer } from './setup';

export const SEED_MARKER_ID = '_local/workbench-seed';
/** Documents per `_bulk_docs` request. */
export const SEED_BATCH = 200;
/** Institutes written at the same time. */
const PARALLEL = 4;

export class SeedRefused extends Error {}

export interface SeedServerOptions {
  /** The password of each user, by name. */
  passwordFor: (user: SeedUser) => string;
  /** Seed a server that also holds real institutes' databases. */
  besideRealData?: boolean;
  /** One line per step, for people watching. */
  log?: (line: string) => void;
}

export interface SeedReport {
  databases: number;
  users: number;
  written: number;
  deleted: number;
  bytes: number;
  ms: { check: number; setup: number; users: number; docs: number; total: number };
}

interface BulkResult {
  id: string;
  rev?: string;
  error?: string;
  reason?: string;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every document passes the app's schema before it is sent (a broken generator stops here). */
function checked(docs: readonly SeedDoc[]): SeedDoc[] {
  for (const doc of docs) parseDoc(doc);
  return [...docs];
}

async function allDbs(client: CouchClient): Promise<string[]> {
  const result = await client.request<unknown>('GET', '/_all_dbs');
  return Array.isArray(result) ? result.filter((n): n is string => typeof n === 'string') : [];
}

/** Ids and revisions of every document but design documents. */
async function existingDocs(client: CouchClient, db: string): Promise<Map<string, string>> {
  const result = await client.request<{ rows: { id: string; value: { rev: string } }[] }>(
    'GET',
    `/${encodeURIComponent(db)}/_all_docs`,
  );
  return new Map(result.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => [r.id, r.value.rev]));
}

/** Refuses databases that hold documents the seed did not write. */
async function checkTargets(client: CouchClient, plan: SeedPlan, besideRealData: boolean): Promise<void> {
  const dbs = await allDbs(client);
  const real = dbs.filter((db) => db.startsWith(ORG_DB_PREFIX) && !isTrainingOrg(orgOfDb(db) ?? ''));
  if (real.length > 0 && !besideRealData) {
    const named = real.slice(0, 5).join(', ') + (real.length > 5 ? ` and ${real.length - 5} more` : '');
    throw new SeedRefused(
      `${client.base} holds real institutes' databases (${named}). Training data belongs on a server of its own; ` +
        'start a fresh hub for it, or give --beside-real-data to add the training institutes next to them ' +
        '(they stay in their own org-training-… databases, but the secretariat will see them).',
    );
  }
  const present = new Set(dbs);
  const foreign: string[] = [];
  for (const institute of plan.institutes) {
    const db = orgDbName(institute.slug);
    if (!present.has(db)) continue;
    if (await client.find(`/${encodeURIComponent(db)}/${SEED_MARKER_ID}`)) continue;
    if ((await existingDocs(client, db)).size > 0) foreign.push(db);
  }
  if (foreign.length > 0) {
    throw new SeedRefused(
      `${foreign.join(', ')} already ${foreign.length === 1 ? 'holds' : 'hold'} documents that workbench seed did not write, ` +
        'so they are left alone. Seed a fresh server, or fewer institutes.',
    );
  }
}

/** Writes documents in batches; existing ones are overwritten, `remove` ids deleted. Returns bytes sent. */
async function writeDocs(
  client: CouchClient,
  db: string,
  docs: readonly SeedDoc[],
  existing: ReadonlyMap<string, string>,
  remove: readonly string[],
): Promise<number> {
  const body: Record<string, unknown>[] = [
    ...docs.map((doc) => {
      const rev = existing.get(doc._id);
      return rev ? { ...doc, _rev: rev } : { ...doc };
    }),
    ...remove.map((id) => ({ _id: id, _rev: existing.get(id), _deleted: true })),
  ];
  let bytes = 0;
  for (let i = 0; i < body.length; i += SEED_BATCH) {
    const batch = { docs: body.slice(i, i + SEED_BATCH) };
    bytes += JSON.stringify(batch).length;
    const results = await client.request<unknown>('POST', `/${encodeURIComponent(db)}/_bulk_docs`, batch);
    const refused = (Array.isArray(results) ? (results as BulkResult[]) : []).filter((r) => r.error);
    if (refused.length > 0) {
      throw new CouchError(
        409,
        'refused',
        `${db} refused ${refused.length} document(s): ${refused
          .slice(0, 3)
          .map((r) => `${r.id} (${r.reason ?? r.error})`)
          .join('; ')}`,
      );
    }
  }
  return bytes;
}

async function markSeeded(client: CouchClient, db: string, plan: SeedPlan): Promise<void> {
  const path = `/${encodeURIComponent(db)}/${SEED_MARKER_ID}`;
  const current = await client.find<{ _rev: string }>(path);
  await client.request('PUT', path, {
    ...(current ? { _rev: current._rev } : {}),
    ...plan.options,
    note: 'Training data written by `workbench seed`; running it again resets this database.',
  });
}

export async function seedServer(
  client: CouchClient,
  plan: SeedPlan,
  options: SeedServerOptions,
): Promise<SeedReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const lap = (() => {
    let at = started;
    return () => {
      const now = performance.now();
      const ms = now - at;
      at = now;
      return ms;
    };
  })();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

  await checkTargets(client, plan, options.besideRealData === true);
  const check = lap();

  const slugs = plan.institutes.map((i) => i.slug);
  log(`Preparing ${slugs.length} institute database(s) and the library…`);
  // The directory names the training institutes as the generator does (their slugs are
  // not in the reference list), so every screen and export shows their names.
  await setupServer(
    client,
    slugs,
    Object.fromEntries(
      plan.institutes.map((i) => [
        i.slug,
        { name: i.name, ...(i.acronym ? { acronym: i.acronym } : {}), economy: i.economy, iso2: i.iso2 },
      ]),
    ),
  );
  const setup = lap();
  log(`  done in ${seconds(setup)}`);

  log(`Adding ${plan.users.length} user(s)…`);
  await mapLimit(plan.users, 8, (user) =>
    saveUser(client, user.name, options.passwordFor(user), [
      user.secretariat ? SECRETARIAT_ROLE : orgRole(user.org ?? ''),
    ]),
  );
  const users = lap();
  log(`  done in ${seconds(users)}`);

  log(`Writing the documents of ${plan.institutes.length} institute(s)…`);
  let written = 0;
  let deleted = 0;
  let bytes = 0;
  let finished = 0;
  await mapLimit(plan.institutes, PARALLEL, async (institute) => {
    const db = orgDbName(institute.slug);
    const docs = checked(generateInstituteDocs(plan, institute));
    const existing = await existingDocs(client, db);
    const made = new Set(docs.map((d) => d._id));
    const remove = [...existing.keys()].filter((id) => !made.has(id));
    const sent = await writeDocs(client, db, docs, existing, remove);
    bytes += sent;
    await markSeeded(client, db, plan);
    written += docs.length;
    deleted += remove.length;
    finished += 1;
    if (finished % 10 === 0 && finished < plan.institutes.length)
      log(`  ${finished} of ${plan.institutes.length} institutes`);
  });
  const library = checked(generateLibraryDocs(plan));
  if (library.length > 0) {
    const existing = await existingDocs(client, LIBRARY_DB);
    bytes += await writeDocs(client, LIBRARY_DB, library, existing, []);
    written += library.length;
  }
  const docs = lap();
  log(
    `  ${written} document(s) written${deleted > 0 ? `, ${deleted} left from an earlier seed deleted` : ''} in ${seconds(docs)}`,
  );
  return {
    databases: slugs.length,
    users: plan.users.length,
    written,
    deleted,
    bytes,
    ms: { check, setup, users, docs, total: performance.now() - started },
  };
}
