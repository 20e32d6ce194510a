/**
 * No user may see or change another institute's data, on any endpoint; the library is
 * written by the secretariat only; documents the server would not accept are refused
 * with a reason a client can show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, prepare, responseDoc, startTestHub, type Caller, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4621);
let hub: TestHub;
let admin: Caller;
let alice: Caller; // institute a
let bob: Caller; // institute b
let sec: Caller; // secretariat
let anon: Caller;
const A_DOC = responseDoc('a', 2026, 'secret of institute a');

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    ['a', 'b'],
    [
      { name: 'alice', role: 'org:a' },
      { name: 'bob', role: 'org:b' },
      { name: 'sam', role: 'secretariat' },
    ],
  );
  admin = caller(hub, 'admin', 'hub-admin-pw');
  alice = caller(hub, 'alice');
  bob = caller(hub, 'bob');
  sec = caller(hub, 'sam');
  anon = caller(hub, null);
  expect((await alice('PUT', `/org-a/${encodeURIComponent(A_DOC._id as string)}`, A_DOC)).status).toBe(201);
  const withAttachment = await admin('GET', `/org-a/${encodeURIComponent(A_DOC._id as string)}`);
  const put = await fetch(
    `${hub.url}/org-a/${encodeURIComponent(A_DOC._id as string)}/note.txt?rev=${String(withAttachment.json['_rev'])}`,
    {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}`,
        'content-type': 'text/plain',
      },
      body: 'attachment of institute a',
    },
  );
  expect(put.status).toBe(201);
  expect((await alice('PUT', '/org-a/_local/checkpoint-1', { last_seq: 1 })).status).toBe(201);
});

afterAll(async () => {
  await hub.destroy();
});

const id = encodeURIComponent(A_DOC._id as string);

/** Every way into institute a's database that replication and the app use, and some they do not. */
const readsOfA: [string, string, unknown?][] = [
  ['GET', '/org-a'],
  ['GET', `/org-a/${id}`],
  ['GET', `/org-a/${id}/note.txt`],
  ['GET', '/org-a/_all_docs?include_docs=true'],
  ['POST', '/org-a/_all_docs', { keys: [A_DOC._id] }],
  ['GET', '/org-a/_changes?include_docs=true&since=0'],
  ['POST', '/org-a/_changes', { doc_ids: [A_DOC._id] }],
  ['POST', '/org-a/_bulk_get', { docs: [{ id: A_DOC._id }] }],
  ['POST', '/org-a/_find', { selector: {} }],
  ['POST', '/org-a/_revs_diff', { [A_DOC._id as string]: ['1-abc'] }],
  ['GET', '/org-a/_local/checkpoint-1'],
  ['GET', '/org-a/_design/workbench'],
  ['GET', '/org-a/_security'],
  ['GET', '/org-a/_design/workbench/_view/x'],
  ['GET', '/_all_dbs'],
];

const writesToA: [string, string, unknown?][] = [
  ['PUT', '/org-a/response:a:dec_capacity_needs:2020', responseDoc('a', 2020)],
  ['POST', '/org-a/_bulk_docs', { docs: [responseDoc('a', 2021)] }],
  ['POST', '/org-a/_bulk_docs', { docs: [responseDoc('a', 2022)], new_edits: false }],
  ['DELETE', `/org-a/${id}?rev=1-x`],
  ['PUT', '/org-a/_local/checkpoint-2', { x: 1 }],
  ['PUT', '/org-a/_security', { members: { roles: ['org:b'] } }],
  ['PUT', '/org-a/_design/evil', { validate_doc_update: 'function(){}' }],
  ['DELETE', '/org-a'],
  ['PUT', '/org-c'],
];

describe('per-institute isolation on the hub', () => {
  it('gives a user of another institute and anonymous callers nothing of institute a', async () => {
    for (const [who, call, expected] of [
      ['bob', bob, 403],
      ['anonymous', anon, 401],
    ] as const) {
      for (const [method, path, body] of readsOfA) {
        const answer = await call(method, path, body);
        expect(answer.status, `${who} ${method} ${path}: ${answer.text}`).toBe(expected);
        expect(answer.text, `${who} ${method} ${path}`).not.toContain('secret of institute a');
        expect(answer.text).not.toContain('attachment of institute a');
        // The reason names only what was asked for, never another database.
        expect(answer.text).not.toMatch(/org-b|dec-library|_users/);
        expect(typeof answer.json['reason']).toBe('string');
      }
    }
  });

  it('lets a user of another institute write nothing into institute a, and keeps every document intact', async () => {
    for (const [method, path, body] of writesToA) {
      const answer = await bob(method, path, body);
      expect([401, 403], `bob ${method} ${path}: ${answer.text}`).toContain(answer.status);
      const anonymous = await anon(method, path, body);
      expect(anonymous.status, `anonymous ${method} ${path}`).toBe(401);
    }
    const all = await admin('GET', '/org-a/_all_docs');
    expect((all.json['rows'] as { id: string }[]).map((r) => r.id)).toEqual(['_design/workbench', A_DOC._id]);
    expect((await admin('GET', `/org-a/${id}`)).json['answers']).toEqual(A_DOC.answers);
    expect(((await admin('GET', '/_all_dbs')).json as unknown as string[]).sort()).toEqual([
      '_users',
      'dec-library',
      'org-a',
      'org-b',
    ]);
  });

  it('lets a user of the institute read and replicate its own database', async () => {
    expect((await alice('GET', `/org-a/${id}`)).json['answers']).toEqual(A_DOC.answers);
    expect((await alice('GET', `/org-a/${id}/note.txt`)).text).toBe('attachment of institute a');
    const bulk = await alice('POST', '/org-a/_bulk_get', { docs: [{ id: A_DOC._id }] });
    expect(bulk.text).toContain('secret of institute a');
    expect((await alice('GET', '/org-a/_changes?since=0')).status).toBe(200);
    expect((await alice('POST', '/org-a/_revs_diff', { [A_DOC._id as string]: ['9-zzz'] })).status).toBe(200);
    // …but never b's, nor the server's list of databases, nor admin routes.
    expect((await alice('GET', '/org-b/_all_docs')).status).toBe(403);
    expect((await alice('GET', '/_all_dbs')).status).toBe(403);
    expect((await alice('GET', '/org-a/_security')).status).toBe(403);
    expect((await alice('PUT', '/org-a/_design/mine', { views: {} })).status).toBe(403);
  });

  it('keeps checkpoints whose ids start with an underscore, but never lets a member touch _local/_security', async () => {
    // PouchDB's replication ids are base64 with '+' turned into '_': about one in 64 starts with it.
    expect((await alice('PUT', '/org-a/_local/_bDqrdyx.AoUY..eH0sc8g%3D%3D', { last_seq: 3 })).status).toBe(
      201,
    );
    expect((await alice('GET', '/org-a/_local/_bDqrdyx.AoUY..eH0sc8g%3D%3D')).json['last_seq']).toBe(3);
    const open = { members: { names: [], roles: [] }, admins: { names: [], roles: [] } };
    expect((await alice('GET', '/org-a/_local/_security')).status).toBe(403);
    expect((await alice('PUT', '/org-a/_local/_security', open)).status).toBe(403);
    expect((await alice('PUT', '/org-a/_local/%5Fsecurity', open)).status).toBe(403);
    const bulk = await alice('POST', '/org-a/_bulk_docs', { docs: [{ _id: '_local/_security', ...open }] });
    expect(bulk.status).toBe(400);
    expect((await alice('POST', '/org-a/_bulk_get', { docs: [{ id: '_local/_security' }] })).status).toBe(
      400,
    );
    // The database is still closed to everyone else.
    expect((await bob('GET', `/org-a/${id}`)).status).toBe(403);
    expect((await anon('GET', `/org-a/${id}`)).status).toBe(401);
  });

  it('tells each caller only who they are at _session', async () => {
    const session = await bob('GET', '/_session');
    expect(session.json['userCtx']).toEqual({ name: 'bob', roles: ['org:b'] });
    expect(session.text).not.toContain('alice');
    expect((await anon('GET', '/_session')).json['userCtx']).toMatchObject({ name: null });
    const signIn = await anon('POST', '/_session', { name: 'bob', password: 'wrong' });
    expect(signIn.status).toBe(401);
  });

  it('lets the secretariat read every institute and write the library; institutes only read it', async () => {
    expect((await sec('GET', `/org-a/${id}`)).status).toBe(200);
    const story = {
      ...responseDoc('a', 2026),
      _id: 'template:shared_form:1',
      type: 'template',
      source: 'x.xlsx',
      template: {},
    };
    expect((await sec('PUT', '/dec-library/template:shared_form:1', story)).status).toBe(201);
    expect((await alice('GET', '/dec-library/template:shared_form:1')).status).toBe(200);
    const refused = await alice('PUT', '/dec-library/template:other:1', {
      ...story,
      _id: 'template:other:1',
    });
    expect(refused.status).toBe(403);
    expect(refused.json['reason']).toBe('Only the secretariat may change the library (dec-library).');
  });
});

describe('validation on the hub', () => {
  it('refuses documents no app would write, each with a reason a client can show', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        '/org-a/response:b:dec_capacity_needs:2026',
        responseDoc('b', 2026),
        'belongs to institute "b", not to "a"',
      ],
      [
        '/org-a/gadget:1',
        { ...responseDoc('a', 2026), _id: 'gadget:1', type: 'gadget' },
        'Unknown document type "gadget"',
      ],
      [
        '/org-a/response:a:dec_capacity_needs:2019',
        { ...responseDoc('a', 2019), templateId: undefined },
        'is missing the required field "templateId"',
      ],
    ];
    for (const [path, doc, reason] of cases) {
      const answer = await alice('PUT', path, doc);
      expect(answer.status, path).toBe(403);
      expect(answer.json['error']).toBe('forbidden');
      expect(String(answer.json['reason'])).toContain(reason);
    }
    const bulk = await alice('POST', '/org-a/_bulk_docs', { docs: [responseDoc('b', 2030)] });
    expect(bulk.text).toContain('forbidden');
    expect(bulk.text).toContain('belongs to institute');
  });
});
