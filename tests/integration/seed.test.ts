/**
 * `workbench seed` against a real hub on 127.0.0.1: databases, users who can sign in as
 * the app does, every generated document on the server, resets, refusals, and changes
 * files that the app's "Load changes from a file" takes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInstituteDocs, generateLibraryDocs, planDataset, type SeedDoc } from '../../shared/seed';
import { orgDbName, orgRole } from '../../shared/sync/names';
import { checkSignIn } from '../../renderer/src/data/sync/controller';
import { loadBundle } from '../../renderer/src/data/sync/file-sync';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { TestPouch } from './helpers/devices';
import { adminUrl, caller, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4681);
const OPTIONS = { seed: 11, institutes: 6, cycles: 3, asOf: '2026-11-30' } as const;
const ARGS = ['--institutes', '6', '--cycles', '3', '--seed', '11', '--as-of', '2026-11-30'];

const cli = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args]);
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });

/** The user table the command prints: name → password. */
function printedUsers(out: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const match of out.matchAll(/^ {2}(training-[a-z0-9-]+)\s+(\S+)\s/gm))
    users.set(match[1] ?? '', match[2] ?? '');
  return users;
}

/**
 * A document as compared here: without its revision, and attachments (case-study pictures)
 * by type and size, since the server answers with stubs where the generator has the data.
 */
const withoutRev = (doc: Record<string, unknown>) => {
  const { _rev, _attachments, ...rest } = doc;
  void _rev;
  if (!_attachments) return rest;
  const stored = _attachments as Record<string, { content_type: string; length?: number; data?: string }>;
  return {
    ...rest,
    _attachments: Object.fromEntries(
      Object.entries(stored).map(([name, a]) => [
        name,
        { content_type: a.content_type, length: a.length ?? Buffer.from(a.data ?? '', 'base64').length },
      ]),
    ),
  };
};

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(PORT);
});
afterAll(async () => {
  await hub.destroy();
});

describe('workbench seed on a hub', () => {
  const plan = planDataset(OPTIONS);
  const expected = new Map(plan.institutes.map((i) => [i.slug, generateInstituteDocs(plan, i)]));
  let passwords = new Map<string, string>();

  it('prepares the databases, adds users who can sign in, and writes every document', async () => {
    const run = await cli(['seed', '--url', adminUrl(hub), ...ARGS]);
    expect(run.out).toContain('Sign in with');
    expect(run.code).toBe(0);
    passwords = printedUsers(run.out);
    expect([...passwords.keys()].sort()).toEqual(plan.users.map((u) => u.name).sort());
    for (const password of passwords.values())
      expect(password).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);

    const admin = caller(hub, 'admin', 'hub-admin-pw');
    const dbs = (await admin('GET', '/_all_dbs')).json as unknown as string[];
    for (const institute of plan.institutes) expect(dbs).toContain(orgDbName(institute.slug));
    expect(dbs).toContain('dec-library');

    for (const institute of plan.institutes) {
      const password = passwords.get(institute.slug) ?? '';
      // The app's own sign-in check accepts the account for its institute…
      await expect(
        checkSignIn({ url: hub.url, name: institute.slug, password }, institute.slug),
      ).resolves.toEqual({ name: institute.slug, roles: [orgRole(institute.slug)] });
      const user = caller(hub, institute.slug, password);
      const all = await user('GET', `/${orgDbName(institute.slug)}/_all_docs?include_docs=true`);
      expect(all.status).toBe(200);
      const docs = (all.json['rows'] as { id: string; doc: Record<string, unknown> }[])
        .filter((r) => !r.id.startsWith('_design/'))
        .map((r) => withoutRev(r.doc));
      const wanted = (expected.get(institute.slug) ?? []) as SeedDoc[];
      expect(docs.sort((a, b) => String(a['_id']).localeCompare(String(b['_id'])))).toEqual(
        [...wanted].sort((a, b) => a._id.localeCompare(b._id)).map(withoutRev),
      );
      // …and no other institute's.
      const other = plan.institutes.find((i) => i.slug !== institute.slug)?.slug ?? '';
      expect((await user('GET', `/${orgDbName(other)}`)).status).toBe(403);
      await expect(checkSignIn({ url: hub.url, name: institute.slug, password }, other)).rejects.toThrow(
        /does not belong to this institute/,
      );
    }
    // The published case studies are in the library, pictures and all, readable by every institute.
    const reader = caller(hub, plan.institutes[0]?.slug ?? '', passwords.get(plan.institutes[0]?.slug ?? ''));
    const stories = await reader(
      'GET',
      `/dec-library/_all_docs?include_docs=true&startkey="casestudy:"&endkey="casestudy:\ufff0"`,
    );
    expect(stories.status).toBe(200);
    const published = generateLibraryDocs(plan).filter((d) => d.type === 'casestudy');
    expect(published.length).toBeGreaterThan(0);
    expect(
      (stories.json['rows'] as { doc: Record<string, unknown> }[]).map((r) => withoutRev(r.doc)),
    ).toEqual([...published].sort((a, b) => a._id.localeCompare(b._id)).map(withoutRev));
    const secretariat = caller(hub, 'training-secretariat', passwords.get('training-secretariat'));
    for (const institute of plan.institutes) {
      expect((await secretariat('GET', `/${orgDbName(institute.slug)}`)).status).toBe(200);
    }
  }, 90_000);

  it('resets a seeded hub when run again: same seed, same data; other options, only their documents', async () => {
    const again = await cli(['seed', '--url', adminUrl(hub), ...ARGS, '--password', 'workshop-2026']);
    expect(again.code).toBe(0);
    const first = plan.institutes[0]?.slug ?? '';
    const user = caller(hub, first, 'workshop-2026');
    const rows = async () =>
      (
        (await user('GET', `/${orgDbName(first)}/_all_docs?include_docs=true`)).json['rows'] as {
          id: string;
          doc: Record<string, unknown>;
        }[]
      )
        .filter((r) => !r.id.startsWith('_design/'))
        .map((r) => withoutRev(r.doc));
    expect((await rows()).length).toBe(expected.get(first)?.length);

    const smaller = await cli([
      'seed',
      '--url',
      adminUrl(hub),
      '--institutes',
      '1',
      '--cycles',
      '1',
      '--seed',
      '5',
      '--as-of',
      '2026-11-30',
      '--password',
      'workshop-2026',
    ]);
    expect(smaller.code).toBe(0);
    const smallPlan = planDataset({ seed: 5, institutes: 1, cycles: 1, asOf: '2026-11-30' });
    const institute = smallPlan.institutes[0];
    expect(institute?.slug).toBe(first);
    const wanted = institute ? generateInstituteDocs(smallPlan, institute) : [];
    expect((await rows()).map((d) => d['_id']).sort()).toEqual(wanted.map((d) => d._id).sort());
    const made = new Set(wanted.map((d) => d._id));
    const gone = (expected.get(first) ?? []).filter((d) => !made.has(d._id)).length;
    expect(gone).toBeGreaterThan(0);
    expect(smaller.out).toContain(`${gone} left from an earlier seed deleted`);
  }, 90_000);

  it('refuses databases whose documents it did not write, and a server with real institutes', async () => {
    const client = couchClient(adminUrl(hub));
    // A training database someone filled by hand, without the seed's marker.
    const foreign = plan.institutes[5]?.slug ?? '';
    await client.request('DELETE', `/${orgDbName(foreign)}`);
    await setupServer(client, [foreign]);
    await client.request('PUT', `/${orgDbName(foreign)}/response:${foreign}:x:2026`, {
      type: 'response',
      schemaVersion: 2,
      org: foreign,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      updatedBy: 'someone',
      templateId: 'x',
      templateVersion: '1',
      cycle: 2026,
      status: 'draft',
      revision: 1,
      history: [],
      answers: {},
    });
    const refused = await cli(['seed', '--url', adminUrl(hub), ...ARGS]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      `${orgDbName(foreign)} already holds documents that workbench seed did not write`,
    );
    expect(
      (await client.request('GET', `/${orgDbName(foreign)}/response:${foreign}:x:2026`))['updatedBy'],
    ).toBe('someone');
    await client.request('DELETE', `/${orgDbName(foreign)}`);

    await setupServer(client, ['ph-nml-itdi']);
    const real = await cli(['seed', '--url', adminUrl(hub), ...ARGS]);
    expect(real.code).toBe(1);
    expect(real.out).toContain("holds real institutes' databases (org-ph-nml-itdi)");
    const beside = await cli(['seed', '--url', adminUrl(hub), ...ARGS, '--beside-real-data']);
    expect(beside.code).toBe(0);
    expect((await client.request('GET', '/org-ph-nml-itdi'))['doc_count']).toBe(1); // its design document only
  }, 90_000);
});

describe('workbench seed --out', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seed-out-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one changes file per institute that the app loads, the same bytes for the same seed', async () => {
    const run = await cli(['seed', '--out', dir, ...ARGS]);
    expect(run.code).toBe(0);
    const plan = planDataset(OPTIONS);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(plan.institutes.map((i) => `${i.slug}.wbsync`).sort());
    const before = await readFile(path.join(dir, files[0] ?? ''));
    await cli(['seed', '--out', dir, ...ARGS]);
    expect(await readFile(path.join(dir, files[0] ?? ''))).toEqual(before);

    for (const institute of plan.institutes.slice(0, 3)) {
      const bytes = new Uint8Array(await readFile(path.join(dir, `${institute.slug}.wbsync`)));
      const db = new TestPouch(`bundle-${institute.slug}`);
      const loaded = await loadBundle(db, institute.slug, 'participant-laptop', bytes);
      const wanted = generateInstituteDocs(plan, institute);
      expect(loaded.docs).toBe(wanted.length);
      const all = await db.allDocs({ include_docs: true });
      expect(all.rows.map((r) => withoutRev(r.doc as unknown as Record<string, unknown>))).toEqual(
        [...wanted].sort((a, b) => a._id.localeCompare(b._id)).map(withoutRev),
      );
      // Loading it again adds nothing; another institute's workspace refuses it.
      await loadBundle(db, institute.slug, 'participant-laptop', bytes);
      expect((await db.info()).doc_count).toBe(wanted.length);
      await expect(loadBundle(db, 'ph-nml-itdi', 'participant-laptop', bytes)).rejects.toThrow(
        `holds the changes of institute "${institute.slug}"`,
      );
      await db.destroy();
    }
  }, 90_000);

  it('writes one named file for one institute, and refuses a file name for several', async () => {
    const file = path.join(dir, 'practice.wbsync');
    expect((await cli(['seed', '--out', file, '--institutes', '1', '--seed', '3'])).code).toBe(0);
    expect((await readFile(file))[0]).toBe(0x1f);
    const many = await cli(['seed', '--out', path.join(dir, 'many.wbsync'), '--institutes', '2']);
    expect(many.code).toBe(1);
    expect(many.out).toContain('A .wbsync file holds one institute');
  }, 60_000);
});
