/**
 * Prepares any CouchDB-compatible server (the hub or Apache CouchDB 3) for NMI
 * Workbench, idempotently: one database per institute (`org-<slug>`), the shared
 * `dec-library`, their `_security` objects, the `_design/workbench` validation, and each
 * institute's entry in the library's directory (./setup-directory.ts).
 * Each step reads first and writes only what differs, so a second run changes nothing; what
 * setup owns (validation, directory entries) carries a revision named by its content, so
 * running it on a hub and on the server the hub forwards to gives both the same revisions.
 */
import { SLUG_PATTERN } from '../shared/ids';
import { LIBRARY_DB, orgDbName, orgRole, SECRETARIAT_ROLE } from '../shared/sync/names';
import { securityFor, type SecurityObject } from '../shared/sync/security';
import { designDocFor } from '../shared/sync/validate-doc';
import type { GivenDetails } from '../shared/docs/institute/directory';
import { CouchError, type CouchClient } from './couch-client';
import { ensureDirectoryEntry } from './setup-directory';
import { putOwned } from './setup-revisions';

export type StepResult = 'created' | 'updated' | 'unchanged';

export interface SetupStep {
  what: string;
  result: StepResult;
}

function sameSecurity(a: unknown, b: SecurityObject): boolean {
  const norm = (s: unknown) => {
    const o = (s ?? {}) as Record<string, { names?: string[]; roles?: string[] } | undefined>;
    const part = (p: { names?: string[]; roles?: string[] } | undefined) => ({
      names: [...(p?.names ?? [])].sort(),
      roles: [...(p?.roles ?? [])].sort(),
    });
    return JSON.stringify({ admins: part(o['admins']), members: part(o['members']) });
  };
  return norm(a) === norm(b);
}

async function ensureDb(client: CouchClient, name: string): Promise<StepResult> {
  try {
    await client.request('PUT', `/${encodeURIComponent(name)}`);
    return 'created';
  } catch (error) {
    if (error instanceof CouchError && error.status === 412) return 'unchanged';
    throw error;
  }
}

async function ensureSecurity(
  client: CouchClient,
  name: string,
  wanted: SecurityObject,
): Promise<StepResult> {
  const current = await client.find(`/${encodeURIComponent(name)}/_security`);
  if (sameSecurity(current, wanted)) return 'unchanged';
  await client.request('PUT', `/${encodeURIComponent(name)}/_security`, wanted);
  return current && Object.keys(current).length > 0 ? 'updated' : 'created';
}

/** The validation, written as the content's own revision (./setup-revisions.ts). */
function ensureDesign(client: CouchClient, name: string): Promise<StepResult> {
  return putOwned(client, name, designDocFor(name) as unknown as Record<string, unknown> & { _id: string });
}

export function checkSlugs(slugs: readonly string[]): string[] {
  return slugs
    .filter((slug) => !SLUG_PATTERN.test(slug))
    .map(
      (slug) => `"${slug}" is not an institute slug: use lower-case letters, digits and -, e.g. nml-itdi.`,
    );
}

export async function setupServer(
  client: CouchClient,
  slugs: readonly string[],
  details: Readonly<Record<string, GivenDetails>> = {},
): Promise<SetupStep[]> {
  const steps: SetupStep[] = [];
  for (const slug of slugs) {
    const db = orgDbName(slug);
    steps.push({ what: `database ${db}`, result: await ensureDb(client, db) });
    steps.push({
      what: `${db} members (${orgRole(slug)}, ${SECRETARIAT_ROLE})`,
      result: await ensureSecurity(client, db, securityFor(db)),
    });
    steps.push({ what: `${db} validation`, result: await ensureDesign(client, db) });
  }
  steps.push({ what: `database ${LIBRARY_DB}`, result: await ensureDb(client, LIBRARY_DB) });
  // Institutes prepared earlier keep their access to the library.
  const current = await client.find<SecurityObject>(`/${LIBRARY_DB}/_security`);
  const known = (current?.members?.roles ?? [])
    .filter((role) => role.startsWith('org:'))
    .map((role) => role.slice(4));
  steps.push({
    what: `${LIBRARY_DB} members (every institute, ${SECRETARIAT_ROLE})`,
    result: await ensureSecurity(client, LIBRARY_DB, securityFor(LIBRARY_DB, [...known, ...slugs])),
  });
  steps.push({ what: `${LIBRARY_DB} validation`, result: await ensureDesign(client, LIBRARY_DB) });
  // After the library's validation, which must know the institute type before it accepts one.
  for (const slug of slugs) steps.push(await ensureDirectoryEntry(client, slug, details[slug]));
  return steps;
}
