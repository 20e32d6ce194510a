import { SLUG_PATTERN } from '../../shared/ids';
import { orgRole, SECRETARIAT_ROLE } from '../../shared/sync/names';
import {
  badUsage,
  consoleOutput,
  flag,
  parseCommand,
  sentence,
  text,
  type Command,
  type CommandSpec,
} from '../command';
import { couchClient, CouchError } from '../couch-client';
import { readPassword } from '../read-password';
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

const USER: CommandSpec = {
  name: 'user',
  usage: 'user add NAME (--org SLUG | --secretariat) --url URL [--password PW]',
  summary: 'add a user of one institute, or of the secretariat (or change their password and role)',
  positionals: '"add NAME"',
  options: {
    org: { type: 'string', value: 'SLUG', help: 'the institute the user works for' },
    secretariat: { type: 'boolean', help: 'a secretariat user (reads and writes every institute)' },
    url: {
      type: 'string',
      value: 'URL',
      help: 'the server, with an admin account (or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD)',
    },
    password: {
      type: 'string',
      value: 'PW',
      help: 'the password, at least 8 characters; better left out: it is then asked for without showing it (or read from standard input), and never stands in npm’s output or the shell’s history',
    },
  },
};

/** Adds a user (or updates their password and role) in the server's `_users` database. */
export const userCommand: Command = {
  ...USER,
  run: async (args, out = consoleOutput) => {
    const parsed = parseCommand(USER, args, out);
    if (typeof parsed === 'number') return parsed;
    const problems: string[] = [];
    const [sub, name, ...extra] = parsed.positionals;
    const given = text(parsed, 'password');
    const org = text(parsed, 'org');
    const secretariat = flag(parsed, 'secretariat');
    const url = text(parsed, 'url');
    if (sub !== 'add' || !name || extra.length > 0) problems.push('Say "user add NAME".');
    if (given !== undefined && given.length < 8) problems.push('A password needs at least 8 characters.');
    if (Boolean(org) === secretariat) problems.push('Give either --org SLUG or --secretariat.');
    if (org && !SLUG_PATTERN.test(org)) problems.push(`"${org}" is not an institute slug.`);
    if (!url) problems.push('Give --url of the server.');
    if (name && !/^[A-Za-z0-9._@-]{1,64}$/.test(name))
      problems.push(`"${name}" is not a valid user name (letters, digits, . _ @ -).`);
    if (problems.length > 0) return badUsage(USER, out, problems);
    let password = given;
    if (password === undefined) {
      const read = await readPassword(name as string);
      if (!read.ok) {
        out.error(read.problem);
        return 2;
      }
      if (read.password.length < 8) {
        out.error('A password needs at least 8 characters; nothing was changed.');
        return 2;
      }
      password = read.password;
    }
    const role = secretariat ? SECRETARIAT_ROLE : orgRole(org as string);
    try {
      const client = couchClient(url as string);
      const result = await saveUser(client, name as string, password, [role]);
      out.log(
        `${result === 'updated' ? 'Updated' : 'Added'} user ${name} with role ${role} on ${client.base}. Give them their password in person; it is not shown here.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof CouchError) {
        out.error(sentence(error.message));
        return 1;
      }
      throw error;
    }
  },
};
