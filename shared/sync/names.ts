/**
 * Names shared by the app, the hub and `workbench setup`: one remote database per
 * institute (`org-<slug>`), the shared library (`dec-library`), and the roles that
 * CouchDB `_security` objects grant (DESIGN.md, "Sync").
 */
import { SLUG_PATTERN } from '../ids';

export const ORG_DB_PREFIX = 'org-';
export const LIBRARY_DB = 'dec-library';
export const SECRETARIAT_ROLE = 'secretariat';
/** CouchDB's role for server administrators. */
export const ADMIN_ROLE = '_admin';

export function orgDbName(slug: string): string {
  return `${ORG_DB_PREFIX}${slug}`;
}

export function orgRole(slug: string): string {
  return `org:${slug}`;
}

/** The institute slug of an `org-<slug>` database name, or undefined for any other name. */
export function orgOfDb(dbName: string): string | undefined {
  if (!dbName.startsWith(ORG_DB_PREFIX)) return undefined;
  const slug = dbName.slice(ORG_DB_PREFIX.length);
  return SLUG_PATTERN.test(slug) ? slug : undefined;
}

/** The databases the app syncs: every institute database and the library. */
export function isSyncDb(dbName: string): boolean {
  return dbName === LIBRARY_DB || orgOfDb(dbName) !== undefined;
}

/**
 * Origins the hub answers CORS for: the Electron app (`app://workbench`) and the web
 * build, which `npm run web` serves on a loopback address with any port.
 */
export function isAllowedOrigin(origin: string): boolean {
  if (origin === 'app://workbench') return true;
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/.test(origin);
}
