/**
 * A real hub on 127.0.0.1 in a temporary folder, and HTTP callers that each carry their
 * own credentials: plain fetch with an explicit Authorization header, so no cookie jar
 * is shared between simulated users.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { couchClient, type CouchClient } from '../../../server/couch-client';
import { startHub, type Hub, type HubOptions } from '../../../server/hub/start-hub';
import { setupServer } from '../../../server/setup';

export const ADMIN_PASSWORD = 'hub-admin-pw';

export interface TestHub extends Hub {
  dataDir: string;
  port: number;
  restart(): Promise<TestHub>;
  destroy(): Promise<void>;
}

export async function startTestHub(
  port: number,
  extra: Partial<HubOptions> = {},
  dataDir?: string,
): Promise<TestHub> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'hub-test-')));
  const hub = await startHub({
    host: '127.0.0.1',
    port,
    dataDir: dir,
    adminPassword: ADMIN_PASSWORD,
    log: process.env['HUB_TEST_LOG'] ? (line: string) => console.log(line) : () => undefined,
    ...extra,
  });
  const handle: TestHub = {
    ...hub,
    dataDir: dir,
    port,
    restart: async () => {
      await hub.close();
      return startTestHub(port, extra, dir);
    },
    destroy: async () => {
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

export function adminUrl(hub: { port: number }): string {
  return `http://admin:${ADMIN_PASSWORD}@127.0.0.1:${hub.port}`;
}

export async function prepare(
  hub: TestHub,
  orgs: string[],
  users: { name: string; role: string }[],
): Promise<void> {
  const client = couchClient(adminUrl(hub));
  await setupServer(client, orgs);
  await addUsers(client, users);
}

/** Test users, each with the password `<name>-password` and one role. */
export async function addUsers(
  client: CouchClient,
  users: readonly { name: string; role: string }[],
): Promise<void> {
  for (const user of users) {
    await client.request('PUT', `/_users/org.couchdb.user:${user.name}`, {
      name: user.name,
      password: `${user.name}-password`,
      roles: [user.role],
      type: 'user',
    });
  }
}

export interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

export type Caller = (
  method: string,
  urlPath: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** A caller for one user (or anonymous when name is null), with nothing shared between callers. */
export function caller(hub: { url: string }, name: string | null, password = `${name}-password`): Caller {
  const auth = name === null ? undefined : `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
  return async (method, urlPath, body, headers = {}) => {
    const response = await fetch(`${hub.url}${urlPath}`, {
      method,
      headers: {
        ...(auth ? { authorization: auth } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON
    }
    return { status: response.status, text, json };
  };
}

export function responseDoc(
  org: string,
  cycle: number,
  answer = 'x',
  templateId = 'dec_capacity_needs',
): Record<string, unknown> {
  const now = '2026-11-24T09:00:00.000Z';
  return {
    _id: `response:${org}:${templateId}:${cycle}`,
    type: 'response',
    schemaVersion: 2,
    org,
    createdAt: now,
    updatedAt: now,
    updatedBy: 'tester',
    templateId: 'dec_capacity_needs',
    templateVersion: '2026.1',
    cycle,
    status: 'draft',
    revision: 1,
    history: [],
    answers: { parent_body: { value: answer, at: now, by: 'tester' } },
  };
}
