/**
 * `workbench user add` as a facilitator runs it: the password is read from standard input
 * (or typed unseen at a terminal), never printed, and the user can then sign in. The
 * command runs as the `workbench` bin does, through tsx, against a real hub.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, caller, prepare, startTestHub, type TestHub } from './helpers/hub';

const root = path.resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.CLI_USER_TEST_PORT ?? 4693);
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(hub, ['nml-x'], []);
});
afterAll(async () => {
  await hub.destroy();
});

function workbench(args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/workbench.mjs', ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

describe('workbench user add', () => {
  it('reads the password from standard input and never prints it', async () => {
    const password = 'a long secret 42';
    const result = await workbench(
      ['user', 'add', 'maria', '--org', 'nml-x', '--url', adminUrl(hub)],
      `${password}\n`,
    );
    expect(result.code).toBe(0);
    expect(result.output).toContain('Added user maria with role org:nml-x');
    expect(result.output).not.toContain(password);
    expect((await caller(hub, 'maria', password)('GET', '/org-nml-x')).status).toBe(200);
  });

  it('refuses a password under 8 characters, and one that is missing, changing nothing', async () => {
    const short = await workbench(['user', 'add', 'sam', '--secretariat', '--url', adminUrl(hub)], 'short\n');
    expect(short).toMatchObject({ code: 2 });
    expect(short.output.trim()).toBe('A password needs at least 8 characters; nothing was changed.');
    const none = await workbench(['user', 'add', 'sam', '--secretariat', '--url', adminUrl(hub)], '');
    expect(none.code).toBe(2);
    expect(none.output).toContain('Give the password on standard input (one line)');
    const users = await caller(hub, 'admin', 'hub-admin-pw')('GET', '/_users/org.couchdb.user:sam');
    expect(users.status).toBe(404);
  });
});
