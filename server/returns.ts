/**
 * What `workbench export` and `workbench import` read from a server: which institutes it
 * serves, their responses for a questionnaire and cycle, the questionnaire itself, and the
 * support received that their ledgers hold (which the returns carry).
 * Standard CouchDB requests only, so it works against the hub and Apache CouchDB 3 alike.
 */
import type { FunderDoc } from '../shared/docs/funder/schema';
import { parseDoc, type AnyDoc } from '../shared/docs/registry';
import type { SupportDoc } from '../shared/docs/support/schema';
import type { TableExport } from '../shared/excel/table-sheet';
import type { AnsweredBy } from '../shared/forms/answered-elsewhere';
import { supportOfCycle, supportReceivedTable } from '../shared/funding/assessment-support';
import type { ResponseDoc } from '../shared/docs/response/schema';
import type { InstituteInfo } from '../shared/excel/return-export';
import type { Template } from '../shared/forms/model';
import { findShippedTemplate } from '../shared/forms/shipped';
import { responseId, templateDocId } from '../shared/ids';
import { listReferenceInstitutes } from '../shared/reference/economies';
import { LIBRARY_DB, orgDbName, orgOfDb } from '../shared/sync/names';
import economies from '../resources/reference/apmp-economies.json' with { type: 'json' };
import { CouchError, type CouchClient } from './couch-client';

const reference = new Map(listReferenceInstitutes(economies).map((i) => [i.slug, i]));

function db(name: string): string {
  return `/${encodeURIComponent(name)}`;
}

function doc(id: string): string {
  return `/${encodeURIComponent(id)}`;
}

/**
 * The institutes a server serves: its directory in the library (`institute:<slug>`
 * documents that `workbench setup` writes), else every `org-*` database for an admin.
 */
export async function serverInstitutes(client: CouchClient): Promise<InstituteInfo[]> {
  const range = `startkey=${encodeURIComponent('"institute:"')}&endkey=${encodeURIComponent('"institute:\ufff0"')}`;
  // Only a library that is not there (404) means "no directory": any other failure is said as
  // it is, never taken for an empty directory (an admin's export then quietly used every
  // org-* database, and a secretariat was told there was no directory).
  let listed: { rows: { doc?: Record<string, unknown> }[] } | undefined;
  try {
    listed = await client.find(`${db(LIBRARY_DB)}/_all_docs?include_docs=true&${range}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CouchError(
      error instanceof CouchError ? error.status : 0,
      'directory_unreadable',
      `The institute directory (${LIBRARY_DB} on ${client.base}) could not be read: ${reason.replace(/\.?$/, '.')} Try again, or name the institutes with --org SLUG.`,
    );
  }
  const fromDirectory = (listed?.rows ?? [])
    .map((row) => row.doc)
    .filter((d): d is Record<string, unknown> => d !== undefined && typeof d['org'] === 'string')
    .map((d) => instituteInfo(String(d['org']), d));
  if (fromDirectory.length > 0) return fromDirectory;
  try {
    const names = await client.request<string[]>('GET', '/_all_dbs');
    return names.flatMap((name) => {
      const org = orgOfDb(name);
      return org ? [instituteInfo(org)] : [];
    });
  } catch (error) {
    if (error instanceof CouchError && (error.status === 401 || error.status === 403)) {
      throw new CouchError(
        error.status,
        'no_directory',
        'The server has no institute directory and this account may not list its databases. Name the institutes with --org SLUG, or run `workbench setup` on the server.',
      );
    }
    throw error;
  }
}

/** An institute's name and economy: from its directory entry, else the reference list, else its slug. */
export function instituteInfo(org: string, entry?: Record<string, unknown>): InstituteInfo {
  const text = (key: string) => (typeof entry?.[key] === 'string' ? (entry[key] as string) : undefined);
  const known = reference.get(org);
  const name = text('name') ?? known?.name ?? org;
  const acronym = text('acronym') ?? known?.acronym;
  const economy = text('economy') ?? known?.economy;
  const inferred = entry ? entry['inferred'] === true : (known?.inferred ?? false);
  return {
    org,
    name,
    ...(acronym ? { acronym } : {}),
    ...(economy ? { economy } : {}),
    ...(inferred ? { inferred } : {}),
  };
}

/** An institute's response for a questionnaire and cycle on the server, checked against its schema. */
export async function serverResponse(
  client: CouchClient,
  org: string,
  templateId: string,
  cycle: number,
): Promise<ResponseDoc | undefined> {
  const raw = await client.find(`${db(orgDbName(org))}${doc(responseId(org, templateId, cycle))}`);
  if (!raw) return undefined;
  const parsed = parseDoc(raw);
  return parsed.type === 'response' ? parsed : undefined;
}

/**
 * A questionnaire by id and version: shipped with the app, or a template document in
 * the library or in one of the given institutes' databases.
 */
export async function serverTemplate(
  client: CouchClient,
  templateId: string,
  version: string,
  orgs: readonly string[],
): Promise<Template | undefined> {
  const shipped = findShippedTemplate(templateId, version);
  if (shipped) return shipped;
  for (const name of [LIBRARY_DB, ...orgs.map(orgDbName)]) {
    const raw = await client
      .find(`${db(name)}${doc(templateDocId(templateId, version))}`)
      .catch(() => undefined);
    if (!raw) continue;
    const parsed = parseDoc(raw);
    if (parsed.type === 'template') return parsed.template;
  }
  return undefined;
}

/** Every document of one type in a database, checked against its schema (unreadable ones left out). */
async function docsOfType(client: CouchClient, name: string, prefix: string): Promise<AnyDoc[]> {
  const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const listed = await client.find<{ rows: { doc?: unknown }[] }>(
    `${db(name)}/_all_docs?include_docs=true&${range}`,
  );
  return (listed?.rows ?? []).flatMap((row) => {
    try {
      return row.doc ? [parseDoc(row.doc)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Support received from the institutes' ledgers on the server, for the returns: the table of an
 * institute and cycle (shared/funding/assessment-support.ts), with funders named from the
 * library's funding map and providers from the directory.
 */
export async function serverSupportReceived(
  client: CouchClient,
  orgs: readonly string[],
  institutes: readonly InstituteInfo[],
): Promise<(org: string, cycle: number) => Partial<Record<AnsweredBy, TableExport>>> {
  const funders: FunderDoc[] = [];
  // Without the funding map, funders are named as the entries wrote them.
  for (const d of await docsOfType(client, LIBRARY_DB, 'funder:').catch(() => []))
    if (d.type === 'funder') funders.push(d);
  const entries: SupportDoc[] = [];
  for (const org of orgs)
    for (const d of await docsOfType(client, orgDbName(org), `support:${org}:`))
      if (d.type === 'support') entries.push(d);
  const name = (org: string) => institutes.find((i) => i.org === org)?.name ?? instituteInfo(org).name;
  return (org, cycle) => ({
    'support-ledger': supportReceivedTable(
      supportOfCycle(entries, org, cycle),
      funders,
      name,
      'Support received',
    ),
  });
}

/** Writes a response (a new document or the next revision); the server's validation applies. */
export async function saveServerResponse(client: CouchClient, response: ResponseDoc): Promise<string> {
  const parsed = parseDoc(response);
  const answer = await client.request<{ rev: string }>(
    'PUT',
    `${db(orgDbName(response.org))}${doc(response._id)}`,
    parsed,
  );
  return answer.rev;
}
