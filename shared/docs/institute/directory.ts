/**
 * What an institute's directory entry should say, decided the same way every time
 * `workbench setup` runs, so that running it again changes nothing:
 *
 * 1. values given to setup (`--name SLUG=…`, `--acronym`, `--economy`, `--country`) win;
 * 2. an entry whose values were given once keeps them until others are given;
 * 3. otherwise a slug found in the reference list takes the reference's values and its
 *    inferred flag;
 * 4. otherwise an existing entry is kept;
 * 5. otherwise the slug stands in for the name, with no economy yet.
 */
import type { ReferenceInstitute } from '../../reference/economies';
import type { InstituteDoc, InstituteSource } from './schema';

export interface GivenDetails {
  name?: string;
  acronym?: string;
  economy?: string;
  /** ISO 3166-1 alpha-2, any case. */
  iso2?: string;
}

export interface DirectoryFields {
  name: string;
  acronym: string;
  economy: string;
  iso2?: string;
  inferred: boolean;
  source: InstituteSource;
}

function fieldsOf(doc: InstituteDoc): DirectoryFields {
  return {
    name: doc.name,
    acronym: doc.acronym,
    economy: doc.economy,
    ...(doc.iso2 ? { iso2: doc.iso2 } : {}),
    inferred: doc.inferred,
    source: doc.source,
  };
}

export function directoryFields(
  slug: string,
  given: GivenDetails,
  reference: ReferenceInstitute | undefined,
  existing: InstituteDoc | undefined,
): DirectoryFields {
  const base: DirectoryFields =
    existing?.source === 'given'
      ? fieldsOf(existing)
      : reference
        ? {
            name: reference.name,
            acronym: reference.acronym,
            economy: reference.economy,
            iso2: reference.iso2.toUpperCase(),
            inferred: reference.inferred,
            source: 'reference',
          }
        : existing
          ? fieldsOf(existing)
          : { name: slug, acronym: '', economy: '', inferred: false, source: 'slug' };
  const name = given.name?.trim();
  const acronym = given.acronym?.trim();
  const economy = given.economy?.trim();
  const iso2 = given.iso2?.trim().toUpperCase();
  if (!name && acronym === undefined && !economy && !iso2) return base;
  const result: DirectoryFields = {
    ...base,
    ...(name ? { name } : {}),
    ...(acronym !== undefined ? { acronym } : {}),
    ...(economy ? { economy } : {}),
    ...(iso2 ? { iso2 } : {}),
    // What is still from the reference keeps its flag; name and economy both given clear it.
    inferred: base.inferred && !(name && economy),
    source: 'given',
  };
  // An economy given without a country code must not keep the code of another economy.
  if (economy && !iso2 && economy !== base.economy) delete result.iso2;
  return result;
}
