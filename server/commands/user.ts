import { SLUG_PATTERN } from '../../shared/ids';
import { orgRole, SECRETARIAT_ROLE } from '../../shared/sync/names';
import { couchClient, CouchError, parseOptions } from '../couch-client';
import type { Command } from '../command';
import type { CouchClient } from '../couch-client';

/** Adds a user to the server's `_users` database, or updates their password and roles. */
export async function saveUser(
  client: CouchClient,
  name: string,
  password: string,
  roles: readonly string[],
): Promise<'added' | 'updated'> {
  const id = `org.couchdb.user:${name}`;
  const path = `/_users/${encodeURIComponent(id)}`;
  const existing = await client.find<{ _rev: string }>(path);
  await client.request('PUT', path, {
    _id: id,
    ...(existing ? { _rev: existing._rev } : {}),
    name,
    password,
    roles,
    type: 'user',
  });
  return existing ? 'updated' : 'added';
}

const USAGE = 'user add NAME --password PW (--org SLUG | --secretariat) --url URL';

/** Adds a user (or updates their password and role) in the server's `_users` database. */
export const userCommand: Command = {
  name: 'user',
  usage: USAGE,
  summary: 'add a user of one institute, or of the secretariat',
  run: async (args) => {
    const { options, positional, problems } = parseOptions(args, ['secretariat']);
    const [sub, name, ...extra] = positional;
    const password = options.get('password')?.[0];
    const org = options.get('org')?.[0];
    const secretariat = options.has('secretariat');
    const url = options.get('url')?.[0];
    if (sub !== 'add' || !name || extra.length > 0) problems.push('Say "user add NAME".');
    if (!password || password.length < 8) problems.push('Give --password with at least 8 characters.');
    if (Boolean(org) === secretariat) problems.push('Give either --org SLUG or --secretariat.');
    if (org && !SLUG_PATTERN.test(org)) problems.push(`"${org}" is not an institute slug.`);
    if (!url) problems.push('Give --url of the server.');
    if (name && !/^[A-Za-z0-9._@-]{1,64}$/.test(name))
      problems.push(`"${name}" is not a valid user name (letters, digits, . _ @ -).`);
    if (problems.length > 0) {
      for (const p of problems) console.error(p);
      console.error(`Usage: workbench ${USAGE}`);
      return 2;
    }
    const role = secretariat ? SECRETARIAT_ROLE : orgRole(org as string);
    try {
      const client = couchClient(url as string);
      const result = await saveUser(client, name as string, password as string, [role]);
      console.log(
        `${result === 'updated' ? 'Updated' : 'Added'} user ${name} with role ${role} on ${client.base}.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof CouchError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },
};
