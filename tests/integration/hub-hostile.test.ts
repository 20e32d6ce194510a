/**
 * A run of malformed and unauthorised requests leaves the hub running and every
 * document intact; `workbench setup` twice changes nothing the second time; the
 * `workbench` command starts a hub, prepares it and adds users.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import {
  adminUrl,
  caller,
  prepare,
  responseDoc,
  startTestHub,
  type Caller,
  type TestHub,
} from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4631);
let hub: TestHub;
let alice: Caller;
let admin: Caller;
const DOC = responseDoc('a', 2026, 'kept safe');

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(hub, ['a', 'b'], [{ name: 'alice', role: 'org:a' }]);
  alice = caller(hub, 'alice');
  admin = caller(hub, 'admin', 'hub-admin-pw');
  expect((await alice('PUT', `/org-a/${encodeURIComponent(DOC._id as string)}`, DOC)).status).toBe(201);
});
afterAll(async () => {
  await hub.destroy();
});

/** A raw request, for what fetch will not send (odd methods, lying lengths, raw paths). */
function raw(
  method: string,
  rawPath: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: PORT, method, path: rawPath, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(-1));
    if (body) req.write(body);
    req.end();
  });
}

describe('a hub under hostile requests', () => {
  it('answers every malformed or unauthorised request with an error, and keeps running and intact', async () => {
    const auth = { authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const huge = Buffer.alloc(60 * 1024 * 1024, 0x61);
    const bomb = Buffer.from(gzipSync(new Uint8Array(200 * 1024 * 1024).fill(0x20)));
    const attempts: [string, string, Buffer | undefined, Record<string, string>][] = [
      ['PUT', '/newdb', undefined, auth],
      ['PUT', '/newdb', undefined, {}],
      ['DELETE', '/org-a', undefined, auth],
      ['DELETE', '/org-b', undefined, {}],
      ['POST', '/org-a/_bulk_docs', Buffer.from('{"docs": [ {'), json],
      ['POST', '/org-a/_bulk_docs', Buffer.from('"just a string"'), json],
      ['POST', '/org-a/_bulk_docs', Buffer.from('{"docs": 7}'), json],
      ['POST', '/org-a/_bulk_get', Buffer.from('{"docs": null}'), json],
      ['POST', '/org-a/_revs_diff', Buffer.from('[]'), json],
      ['POST', '/org-a/_bulk_docs', huge, json],
      ['POST', '/org-a/_bulk_docs', bomb, { ...json, 'content-encoding': 'gzip' }],
      ['POST', '/org-a/_bulk_docs', Buffer.from('not gzip'), { ...json, 'content-encoding': 'gzip' }],
      ['POST', '/org-a/_bulk_docs', Buffer.from('{}'), { ...json, 'content-encoding': 'br' }],
      ['PUT', '/org-a/x/att', Buffer.from('abc'), { ...auth, 'transfer-encoding': 'chunked' }],
      ['GET', '/org-a/%E0%A4%A', undefined, auth],
      ['GET', '/../../etc/passwd', undefined, auth],
      ['GET', '/org-a/..%2F..%2Fetc%2Fpasswd', undefined, auth],
      ['GET', '//org-a//_all_docs', undefined, auth],
      ['PATCH', '/org-a/doc', Buffer.from('{}'), json],
      ['PROPFIND', '/', undefined, auth],
      ['TRACE', '/org-a', undefined, auth],
      ['GET', '/_config', undefined, auth],
      ['GET', '/_users/_all_docs', undefined, auth],
      [
        'PUT',
        '/_users/org.couchdb.user:mallory',
        Buffer.from('{"name":"mallory","password":"x","roles":["_admin"],"type":"user"}'),
        json,
      ],
      ['POST', '/_replicate', Buffer.from('{"source":"org-b","target":"org-a"}'), json],
      ['GET', '/org-a/_changes?feed=continuous&since=0&timeout=1', undefined, {}],
      [
        'POST',
        '/_session',
        Buffer.from('name=alice&password='),
        { 'content-type': 'application/x-www-form-urlencoded' },
      ],
      ['POST', '/_session', Buffer.from('{"name": {"$gt": ""}}'), { 'content-type': 'application/json' }],
      ['GET', '/org-a', undefined, { authorization: 'Basic !!!not-base64' }],
      ['GET', '/org-a', undefined, { cookie: 'AuthSession=%E0%A4%A; other=1' }],
      ['GET', `/org-a/${'x'.repeat(20000)}`, undefined, auth],
    ];
    for (const [method, rawPath, body, headers] of attempts) {
      const status = await raw(method, rawPath, body, headers);
      expect(status === -1 || status >= 400, `${method} ${rawPath.slice(0, 60)} → ${status}`).toBe(true);
    }
    // Still up, and nothing changed.
    expect((await caller(hub, null)('GET', '/')).status).toBe(200);
    expect((await alice('GET', `/org-a/${encodeURIComponent(DOC._id as string)}`)).json['answers']).toEqual(
      DOC.answers,
    );
    expect(((await admin('GET', '/_all_dbs')).json as unknown as string[]).sort()).toEqual([
      '_users',
      'dec-library',
      'org-a',
      'org-b',
    ]);
    expect((await admin('GET', '/org-a/_all_docs')).json['total_rows']).toBe(2);
    expect((await admin('GET', '/_users/org.couchdb.user:mallory')).status).toBe(404);
  }, 120_000);
});

describe('workbench setup', () => {
  it('is idempotent: the second run finds everything in place and changes nothing', async () => {
    const client = couchClient(adminUrl(hub));
    const before = await admin('GET', '/org-a/_design/workbench');
    const second = await setupServer(client, ['a', 'b']);
    expect(second.every((step) => step.result === 'unchanged')).toBe(true);
    expect((await admin('GET', '/org-a/_design/workbench')).json['_rev']).toBe(before.json['_rev']);
    // Adding an institute later keeps the earlier ones' access to the library.
    await setupServer(client, ['c']);
    const library = await admin('GET', '/dec-library/_security');
    expect((library.json['members'] as { roles: string[] }).roles.sort()).toEqual([
      'org:a',
      'org:b',
      'org:c',
      'secretariat',
    ]);
  });
});

describe('the workbench command', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterAll(async () => {
    child?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
        env: { ...process.env, ...env },
      });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
      proc.on('exit', (code) => resolve({ code: code ?? 1, out }));
    });

  it('starts a hub that prints its generated password once, then prepares it and adds a user', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hub-cli-'));
    const port = PORT + 1;
    const env = { ...process.env };
    delete env['WORKBENCH_ADMIN_PASSWORD'];
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'hub',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--data',
        dataDir,
      ],
      { env },
    );
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`hub did not start: ${text}`)), 30_000);
      child?.stdout?.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(password).toBeTruthy();
    expect(output).toContain(`running at http://127.0.0.1:${port}`);
    expect((await stat(path.join(dataDir, 'admin-password'))).mode & 0o777).toBe(0o600);

    const url = `http://admin:${password}@127.0.0.1:${port}`;
    const first = await cli(['setup', '--url', url, '--org', 'nml-itdi']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('created   database org-nml-itdi');
    const second = await cli(['setup', '--url', url, '--org', 'nml-itdi']);
    expect(second.out).toContain('was already set up; nothing changed.');
    const user = await cli([
      'user',
      'add',
      'maria',
      '--password',
      'maria-password',
      '--org',
      'nml-itdi',
      '--url',
      url,
    ]);
    expect(user).toMatchObject({ code: 0 });
    expect(user.out).toContain('Added user maria with role org:nml-itdi');
    const maria = caller({ url: `http://127.0.0.1:${port}` }, 'maria', 'maria-password');
    expect((await maria('GET', '/org-nml-itdi')).status).toBe(200);
    const wrong = await cli(['setup', '--url', `http://admin:wrong@127.0.0.1:${port}`, '--org', 'x']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('The server refused');
    expect((await cli(['setup', '--org', 'Not A Slug'])).code).toBe(2);
  }, 90_000);
});
