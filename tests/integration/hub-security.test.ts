/**
 * The hub answers every write as Apache CouchDB 3.5 answers it and writes nothing
 * CouchDB would not write: a member's `_local` documents stay local, the path's id is the
 * document's id, every write (attachments included) meets validate_doc_update, bodies
 * that used to wedge a database are refused, and after each class of request every
 * database still answers everyone. A seeded fuzz run sends a few thousand twisted
 * requests and checks the same.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_DB } from '../../shared/sync/names';
import { refusal } from '../../server/hub/validation';
import { caller, prepare, startTestHub, type Caller, type TestHub } from './helpers/hub';
import { HostileRequests, validResponse } from './helpers/hostile';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4731);
const FUZZ_REQUESTS = Number(process.env.HUB_FUZZ_REQUESTS ?? 2000);
let hub: TestHub;
let ua: Caller;
let admin: Caller;
const KEPT = validResponse('alpha', 'kept');
const securityBefore: Record<string, unknown> = {};
let libraryBefore: string[] = [];
/** The slowest plain read after a batch of hostile requests, for the report. */
let slowestReadMs = 0;

const DBS = ['org-alpha', 'org-beta', LIBRARY_DB];

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['alpha', 'beta'],
    [
      { name: 'ua', role: 'org:alpha' },
      { name: 'ub', role: 'org:beta' },
      { name: 'us', role: 'secretariat' },
    ],
  );
  ua = caller(hub, 'ua');
  admin = caller(hub, 'admin', 'hub-admin-pw');
  expect((await ua('PUT', `/org-alpha/${encodeURIComponent(KEPT._id as string)}`, KEPT)).status).toBe(201);
  for (const db of DBS) securityBefore[db] = (await admin('GET', `/${db}/_security`)).json;
  libraryBefore = await ids(LIBRARY_DB);
});
afterAll(async () => {
  console.log(`hub-security: slowest plain read after a batch of hostile requests: ${slowestReadMs} ms`);
  await hub.destroy();
});

async function ids(db: string): Promise<string[]> {
  const all = await admin('GET', `/${db}/_all_docs`);
  return ((all.json['rows'] as { id: string }[]) ?? []).map((row) => row.id).sort();
}

/** A raw request (no fetch rewriting), with an upper bound on how long it may hang. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
  auth = 'ua',
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const authHeader = auth
      ? { authorization: `Basic ${Buffer.from(`${auth}:${auth}-password`).toString('base64')}` }
      : {};
    const req = request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        headers: { ...authHeader, ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(Buffer.concat(chunks as unknown as Uint8Array[]).toString()) as Record<
              string,
              unknown
            >;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.setTimeout(15_000, () => {
      req.destroy();
      resolve({ status: -1, json: { error: 'no answer within 15 s' } });
    });
    req.on('error', () => resolve({ status: -2, json: {} }));
    if (body) req.write(body);
    req.end();
  });
}

const put = (path: string, body: unknown, auth = 'ua') =>
  send('PUT', path, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(body)), auth);

/** Every database answers the administrator and a member, and the kept document is intact. */
async function expectResponsive(): Promise<void> {
  const started = Date.now();
  for (const db of DBS) {
    const answer = await fetch(`${hub.url}/${db}/_all_docs?limit=1`, {
      headers: { authorization: `Basic ${Buffer.from('admin:hub-admin-pw').toString('base64')}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(answer.status, `${db} answers the administrator`).toBe(200);
  }
  const kept = await send('GET', `/org-alpha/${encodeURIComponent(KEPT._id as string)}`, {});
  expect(kept.status, 'a member still reads org-alpha').toBe(200);
  expect(kept.json['answers']).toEqual(KEPT['answers']);
  slowestReadMs = Math.max(slowestReadMs, Date.now() - started);
}

/** Nothing CouchDB would not have written: every stored document passes validation. */
async function expectOnlyValidDocuments(): Promise<void> {
  for (const db of DBS) {
    const all = await admin('GET', `/${db}/_all_docs?include_docs=true`);
    for (const row of all.json['rows'] as { id: string; doc: Record<string, unknown> }[]) {
      if (row.id.startsWith('_design/')) continue;
      const reason = refusal(
        db,
        row.doc,
        { name: 'ua', roles: [db === LIBRARY_DB ? 'secretariat' : 'org:alpha'] },
        securityBefore[db],
      );
      expect(reason, `${db}/${row.id} is a document validation would have refused`).toBeUndefined();
    }
    expect((await admin('GET', `/${db}/_security`)).json, `${db}'s _security is unchanged`).toEqual(
      securityBefore[db],
    );
  }
  expect(await ids(LIBRARY_DB)).toEqual(libraryBefore);
}

describe("the hub at CouchDB 3.5's standard", () => {
  it("keeps a member's _local documents local: never a real document, never _security, never replicated", async () => {
    const relayed = { _id: 'response:beta:relayed:2026', org: 'beta', type: 'response' };
    const answers = [
      await put('/dec-library/_local/dir1', { _id: 'template:x', type: 'template', org: 'alpha' }),
      await put('/org-alpha/_local/dir4', relayed),
    ];
    for (const answer of answers) expect(answer.status).toBe(201);
    expect(answers.map((a) => a.json['id'])).toEqual(['_local/dir1', '_local/dir4']);
    // The body's id is checked as CouchDB checks it, then ignored.
    const security = await put('/dec-library/_local/dir2', {
      _id: '_security',
      members: { names: [], roles: [] },
    });
    expect(security).toEqual({
      status: 400,
      json: { error: 'illegal_docid', reason: 'Only reserved document ids may start with underscore.' },
    });
    expect((await ua('GET', '/dec-library/_local/dir1')).json).toMatchObject({
      _id: '_local/dir1',
      type: 'template',
    });
    expect(await ids(LIBRARY_DB)).toEqual(libraryBefore);
    expect(await ids('org-alpha')).not.toContain('response:beta:relayed:2026');
    const changes = await admin('GET', '/org-alpha/_changes');
    expect(JSON.stringify(changes.json)).not.toContain('_local/dir4');
    await expectOnlyValidDocuments();
    await expectResponsive();
  });

  it("stores a PUT under the path's id, whatever id the body gives", async () => {
    const body = { ...validResponse('alpha', 'other'), answers: { a: 1 } };
    const answer = await put(`/org-alpha/${encodeURIComponent('response:alpha:path:2026')}`, body);
    expect(answer.status).toBe(201);
    expect(answer.json['id']).toBe('response:alpha:path:2026');
    expect(await ids('org-alpha')).not.toContain('response:alpha:other:2026');
    // A rev in the body and another in the query: CouchDB's 400.
    const twoRevs = await put(`/org-alpha/${encodeURIComponent('response:alpha:path:2026')}?rev=1-abc`, {
      ...body,
      _rev: answer.json['rev'],
    });
    expect(twoRevs).toEqual({
      status: 400,
      json: {
        error: 'bad_request',
        reason: 'Document rev from request body and query string have different values',
      },
    });
    await expectResponsive();
  });

  it('validates every write as CouchDB does, attachment writes included', async () => {
    const untyped = await send(
      'PUT',
      '/org-alpha/newdoc/att.txt',
      { 'content-type': 'text/plain' },
      Buffer.from('hi'),
    );
    expect(untyped.status).toBe(403);
    expect(untyped.json['error']).toBe('forbidden');
    const wrongOrg = await put(
      `/org-alpha/${encodeURIComponent('response:beta:b:2026')}`,
      validResponse('beta', 'b'),
    );
    expect(wrongOrg.status).toBe(403);
    const missing = await put(`/org-alpha/${encodeURIComponent('response:alpha:m:2026')}`, {
      ...validResponse('alpha', 'm'),
      cycle: undefined,
      templateId: null,
    });
    expect(missing.status).toBe(403);
    // An attachment on a valid document of the member's own institute is fine.
    const rev = (await ua('GET', `/org-alpha/${encodeURIComponent(KEPT._id as string)}`)).json[
      '_rev'
    ] as string;
    const att = await send(
      'PUT',
      `/org-alpha/${encodeURIComponent(KEPT._id as string)}/note.txt?rev=${rev}`,
      { 'content-type': 'text/plain' },
      Buffer.from('a note'),
    );
    expect(att.status).toBe(201);
    // Removing it again needs the institute's role too.
    const ub = await send(
      'DELETE',
      `/org-alpha/${encodeURIComponent(KEPT._id as string)}/note.txt?rev=${att.json['rev'] as string}`,
      {},
      undefined,
      'ub',
    );
    expect(ub.status).toBe(403);
    const gone = await send(
      'DELETE',
      `/org-alpha/${encodeURIComponent(KEPT._id as string)}/note.txt?rev=${att.json['rev'] as string}`,
      {},
    );
    expect(gone.status).toBe(200);
    await expectOnlyValidDocuments();
    await expectResponsive();
  });

  it('refuses the bodies that used to wedge a database, and every database answers everyone after', async () => {
    const withAttachment = (att: unknown): Record<string, unknown> => ({
      ...validResponse('alpha', `w${Math.random().toString(36).slice(2, 8)}`),
      _attachments: { 'a.txt': att },
    });
    const bulk = await send(
      'POST',
      '/org-alpha/_bulk_docs',
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ docs: [withAttachment({ data: { a: 1 }, content_type: 'text/plain' })] })),
    );
    expect(bulk).toEqual({
      status: 400,
      json: { error: 'bad_request', reason: 'Invalid attachment data for a.txt' },
    });
    await expectResponsive();
    for (const att of [{ follows: true, length: 5 }, { stub: true }]) {
      const doc = withAttachment(att);
      const answer = await put(`/org-alpha/${encodeURIComponent(doc._id as string)}`, doc);
      expect(answer.status, JSON.stringify(att)).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      await expectResponsive();
    }
    // The same through the _local route of the library.
    const local = await put('/dec-library/_local/w', withAttachment({ data: { a: 1 } }));
    expect(local.status).toBe(400);
    await expectResponsive();
    await expectOnlyValidDocuments();
  });

  it('answers 400 where CouchDB answers 400: deep nesting, data that is not base64, _revisions of the wrong kind', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const id = encodeURIComponent('response:alpha:deep:2026');
    const json = { 'content-type': 'application/json' };
    expect((await send('PUT', `/org-alpha/${id}`, json, Buffer.from(deep))).status).toBe(400);
    expect(
      (await send('POST', '/org-alpha/_bulk_docs', json, Buffer.from(`{"docs":[${deep}]}`))).status,
    ).toBe(400);
    const notBase64 = await put(`/org-alpha/${id}`, {
      ...validResponse('alpha', 'deep'),
      _attachments: { 'a.txt': { data: '!!not base64**', content_type: 'text/plain' } },
    });
    expect(notBase64).toEqual({
      status: 400,
      json: { error: 'bad_request', reason: 'Invalid attachment data for a.txt' },
    });
    const start = await put(`/org-alpha/${id}`, {
      ...validResponse('alpha', 'deep'),
      _revisions: { start: 'x', ids: [] },
    });
    expect(start).toEqual({
      status: 400,
      json: { error: 'doc_validation', reason: "_revisions.start isn't an integer." },
    });
    const ids0 = await put(`/org-alpha/${id}`, {
      ...validResponse('alpha', 'deep'),
      _revisions: { start: 1, ids: null },
    });
    expect(ids0).toEqual({
      status: 400,
      json: { error: 'doc_validation', reason: "_revisions.ids isn't a array." },
    });
    const special = await put(`/org-alpha/${id}`, { ...validResponse('alpha', 'deep'), _security: {} });
    expect(special).toEqual({
      status: 400,
      json: { error: 'doc_validation', reason: 'Bad special document member: _security' },
    });
    await expectResponsive();
    await expectOnlyValidDocuments();
  });

  it('answers multipart/related PUTs: stores a good one with its attachment, refuses a broken one', async () => {
    const doc: Record<string, unknown> = {
      ...validResponse('alpha', 'multi'),
      _attachments: { 'note.txt': { follows: true, content_type: 'text/plain', length: 5 } },
    };
    const body = Buffer.from(
      '--XyZ\r\nContent-Type: application/json\r\n\r\n' +
        JSON.stringify(doc) +
        '\r\n--XyZ\r\nContent-Disposition: attachment; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ--',
    );
    const id = encodeURIComponent(doc._id as string);
    const stored = await send(
      'PUT',
      `/org-alpha/${id}`,
      { 'content-type': 'multipart/related; boundary="XyZ"' },
      body,
    );
    expect(stored.status).toBe(201);
    const back = await fetch(`${hub.url}/org-alpha/${id}/note.txt`, {
      headers: { authorization: `Basic ${Buffer.from('ua:ua-password').toString('base64')}` },
    });
    expect(await back.text()).toBe('hello');
    const truncated = await send(
      'PUT',
      `/org-alpha/${encodeURIComponent('response:alpha:multi2:2026')}`,
      { 'content-type': 'multipart/related; boundary="XyZ"' },
      body.subarray(0, body.length - 20),
    );
    expect(truncated.status).toBe(400);
    await expectResponsive();
  });

  it('refuses query parameters of the wrong kind and ignores unknown ones', async () => {
    const id = encodeURIComponent(KEPT._id as string);
    expect((await send('GET', `/org-alpha/${id}?rev={}`, {})).json).toEqual({
      error: 'bad_request',
      reason: 'Invalid rev format',
    });
    expect((await send('GET', `/org-alpha/_changes?limit=x`, {})).status).toBe(400);
    expect((await send('GET', `/org-alpha/${id}?ctx=1&foo=bar`, {})).status).toBe(200);
    await expectResponsive();
  });

  it(`stays up, answering and valid, through ${FUZZ_REQUESTS} seeded hostile requests`, async () => {
    const requests = new HostileRequests('hub-security-fuzz-1', DBS, 'alpha');
    const byStatus = new Map<number, number>();
    const serverErrors: string[] = [];
    for (let i = 0; i < FUZZ_REQUESTS; i++) {
      const r = requests.next();
      const auth = i % 10 === 9 ? 'us' : 'ua';
      const answer = await send(r.method, r.path, r.headers, r.body, auth);
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500 || answer.status < 0) {
        serverErrors.push(
          `${r.label} ${r.method} ${r.path} → ${answer.status} ${JSON.stringify(answer.json)} ${r.body?.toString().slice(0, 200) ?? ''}`,
        );
      }
      if (i % 100 === 99) await expectResponsive();
    }
    console.log(
      `hub-security fuzz: ${FUZZ_REQUESTS} requests by status: ${[...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
    expect(serverErrors.slice(0, 10)).toEqual([]);
    await expectResponsive();
    await expectOnlyValidDocuments();
  }, 600_000);
});
