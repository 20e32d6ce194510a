/**
 * CouchDB `_security` objects for the workbench databases, and the membership test
 * that both CouchDB and the hub's gateway apply to them.
 */
import { ADMIN_ROLE, LIBRARY_DB, SECRETARIAT_ROLE, orgOfDb, orgRole } from './names';

export interface SecuritySection {
  names: string[];
  roles: string[];
}

export interface SecurityObject {
  admins: SecuritySection;
  members: SecuritySection;
}

export interface UserCtx {
  name: string | null;
  roles: readonly string[];
}

export const ANONYMOUS: UserCtx = { name: null, roles: [] };

/**
 * The security object of a workbench database. An institute's database admits its own
 * role and the secretariat; the library admits every institute's role (`orgSlugs`) and
 * the secretariat. Database admins stay empty: only server admins administer.
 */
export function securityFor(dbName: string, orgSlugs: readonly string[] = []): SecurityObject {
  const org = orgOfDb(dbName);
  let roles: string[];
  if (org !== undefined) roles = [orgRole(org), SECRETARIAT_ROLE];
  else if (dbName === LIBRARY_DB) roles = [...[...new Set(orgSlugs)].sort().map(orgRole), SECRETARIAT_ROLE];
  else throw new Error(`${dbName} is not a workbench database`);
  return { admins: { names: [], roles: [] }, members: { names: [], roles } };
}

export function isServerAdmin(user: UserCtx): boolean {
  return user.roles.includes(ADMIN_ROLE);
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * True when the user may use a database with this (possibly partial, possibly absent)
 * security object. Unlike CouchDB, a database without members is closed rather than
 * public: the hub denies by default.
 */
export function isMember(user: UserCtx, security: unknown): boolean {
  if (isServerAdmin(user)) return true;
  if (user.name === null || typeof security !== 'object' || security === null) return false;
  const sections = ['members', 'admins'].map((key) => (security as Record<string, unknown>)[key]);
  return sections.some((section) => {
    if (typeof section !== 'object' || section === null) return false;
    const { names, roles } = section as Record<string, unknown>;
    return listOf(names).includes(user.name ?? '') || listOf(roles).some((r) => user.roles.includes(r));
  });
}
