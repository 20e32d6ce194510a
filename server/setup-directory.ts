/**
 * The institutes' directory in the library: `workbench setup` keeps one `institute:<slug>`
 * document in `dec-library` for each institute it prepares, so every device can show
 * names instead of slugs. Read first, written only when it differs (shared/docs/institute/
 * directory.ts decides what it should say), so a second run writes nothing.
 */
// The attribute lets plain Node ESM loaders (Playwright's) import it too.
import economiesFile from '../resources/reference/apmp-economies.json' with { type: 'json' };
import { directoryFields, type GivenDetails } from '../shared/docs/institute/directory';
import {
  INSTITUTE_SCHEMA_VERSION,
  instituteDocSchema,
  type InstituteDoc,
} from '../shared/docs/institute/schema';
import { describeIssues } from '../shared/docs/registry';
import { instituteId } from '../shared/ids';
import { listReferenceInstitutes, type ReferenceInstitute } from '../shared/reference/economies';
import { LIBRARY_DB } from '../shared/sync/names';
import type { CouchClient } from './couch-client';
import type { SetupStep } from './setup';
import { putOwned } from './setup-revisions';

/** Who `workbench setup` says wrote the entries it writes. */
export const SETUP_AUTHOR = 'workbench setup';

let reference: ReferenceInstitute[] | undefined;
function referenceBySlug(slug: string): ReferenceInstitute | undefined {
  reference ??= listReferenceInstitutes(economiesFile);
  return reference.find((r) => r.slug === slug);
}

export async function ensureDirectoryEntry(
  client: CouchClient,
  slug: string,
  given: GivenDetails = {},
  now: () => Date = () => new Date(),
): Promise<SetupStep> {
  const id = instituteId(slug);
  const path = `/${LIBRARY_DB}/${encodeURIComponent(id)}`;
  const stored = await client.find(path);
  const parsed = stored ? instituteDocSchema.safeParse(stored) : undefined;
  // An entry this version cannot read is replaced rather than trusted.
  const existing: InstituteDoc | undefined = parsed?.success ? parsed.data : undefined;
  const fields = directoryFields(slug, given, referenceBySlug(slug), existing);
  const what = `directory entry ${id} (${fields.name}${fields.economy ? `, ${fields.economy}` : ''}${
    fields.inferred ? ', inferred' : ''
  })`;
  const at = now().toISOString();
  const doc = {
    _id: id,
    type: 'institute' as const,
    schemaVersion: INSTITUTE_SCHEMA_VERSION,
    org: slug,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    updatedBy: SETUP_AUTHOR,
    ...fields,
  };
  const checked = instituteDocSchema.safeParse(doc);
  if (!checked.success) {
    throw new Error(
      `The directory entry for ${slug} is not valid: ${describeIssues(checked.error).join('; ')}`,
    );
  }
  // Unchanged when the entry already says this under its content's revision, even if another
  // server's setup (or an older one) wrote it; otherwise it becomes that revision.
  return { what, result: await putOwned(client, LIBRARY_DB, checked.data) };
}

const DETAIL_OPTIONS = { name: 'name', acronym: 'acronym', economy: 'economy', country: 'iso2' } as const;

/**
 * Reads `--name SLUG=…`, `--acronym SLUG=…`, `--economy SLUG=…` and `--country SLUG=XX`
 * (each may be repeated, one institute each time) into details per slug.
 */
export function parseDirectoryOptions(
  options: ReadonlyMap<string, readonly string[]>,
  slugs: readonly string[],
): { details: Record<string, GivenDetails>; problems: string[] } {
  const details: Record<string, GivenDetails> = {};
  const problems: string[] = [];
  for (const [option, field] of Object.entries(DETAIL_OPTIONS)) {
    for (const value of options.get(option) ?? []) {
      const at = value.indexOf('=');
      const slug = at > 0 ? value.slice(0, at).trim() : '';
      const text = at > 0 ? value.slice(at + 1).trim() : '';
      if (!slug) {
        problems.push(
          `--${option} ${value}: write it as --${option} SLUG=value, e.g. --${option} "nml-x=…".`,
        );
        continue;
      }
      if (!slugs.includes(slug)) {
        problems.push(`--${option} ${value}: "${slug}" is not one of the --org slugs of this run.`);
        continue;
      }
      if (field === 'iso2' && !/^[A-Za-z]{2}$/.test(text)) {
        problems.push(`--country ${value}: give the two-letter ISO 3166 code, e.g. ${slug}=PH.`);
        continue;
      }
      if ((field === 'name' || field === 'economy') && text.length === 0) {
        problems.push(`--${option} ${value}: the ${option} is empty.`);
        continue;
      }
      if (text.length > (field === 'name' ? 200 : field === 'acronym' ? 40 : 100)) {
        problems.push(`--${option} ${value.slice(0, 60)}…: too long.`);
        continue;
      }
      details[slug] = { ...details[slug], [field]: text };
    }
  }
  return { details, problems };
}
