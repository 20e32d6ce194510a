/**
 * Who an institute slug is, for screens: the library's directory first; where it has no
 * entry yet (or only the bare slug), this computer's own profile for its own institute,
 * then the shipped reference list, then the slug itself. Inferred reference data stays
 * flagged as such wherever it shows.
 */
import type { ReferenceInstitute } from '@shared/reference/economies';
import type { Profile } from '../../data/device-settings';
import type { InstituteRow } from '../../data/read-model';

export interface InstituteInfo {
  org: string;
  name: string;
  acronym: string;
  /** Empty when nobody has said yet. */
  economy: string;
  iso2?: string;
  inferred: boolean;
  /** Where this computer found it. */
  from: 'directory' | 'profile' | 'reference' | 'slug';
}

export interface InstituteDirectory {
  /** The directory's institutes, and this computer's own one even before the library has it; by name. */
  list: InstituteInfo[];
  /** Always an answer, at worst the slug. */
  get(org: string): InstituteInfo;
}

export function directoryView(
  rows: readonly InstituteRow[],
  profile: Pick<Profile, 'org' | 'instituteName' | 'acronym' | 'economy' | 'inferred'>,
  reference: readonly ReferenceInstitute[],
): InstituteDirectory {
  const byOrg = new Map(rows.map((row) => [row.org, row]));
  const referenceByOrg = new Map(reference.map((r) => [r.slug, r]));
  const fromRow = (row: InstituteRow): InstituteInfo => ({
    org: row.org,
    name: row.name,
    acronym: row.acronym,
    economy: row.economy,
    ...(row.iso2 ? { iso2: row.iso2 } : {}),
    inferred: row.inferred,
    from: 'directory',
  });
  const cache = new Map<string, InstituteInfo>();
  const get = (org: string): InstituteInfo => {
    const cached = cache.get(org);
    if (cached) return cached;
    const row = byOrg.get(org);
    const ref = referenceByOrg.get(org);
    let info: InstituteInfo;
    if (row && row.source !== 'slug') info = fromRow(row);
    else if (org === profile.org)
      info = {
        org,
        name: profile.instituteName,
        acronym: profile.acronym,
        economy: profile.economy,
        inferred: profile.inferred,
        from: 'profile',
      };
    else if (ref)
      info = {
        org,
        name: ref.name,
        acronym: ref.acronym,
        economy: ref.economy,
        iso2: ref.iso2,
        inferred: ref.inferred,
        from: 'reference',
      };
    else if (row) info = fromRow(row);
    else info = { org, name: org, acronym: '', economy: '', inferred: false, from: 'slug' };
    cache.set(org, info);
    return info;
  };
  const orgs = new Set([...byOrg.keys(), profile.org]);
  const list = [...orgs].map(get).sort((a, b) => a.name.localeCompare(b.name) || a.org.localeCompare(b.org));
  return { list, get };
}

/** "National Metrology Laboratory (NML)", or the name alone. */
export function instituteLabel(info: Pick<InstituteInfo, 'name' | 'acronym'>): string {
  return info.acronym && info.acronym !== info.name ? `${info.name} (${info.acronym})` : info.name;
}
