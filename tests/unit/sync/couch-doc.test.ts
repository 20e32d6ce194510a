/**
 * What CouchDB makes of a written body (shared/sync/couch-doc.ts), which documents are an
 * institute's (ownership.ts), which query parameters a request may carry
 * (gateway-routes.ts), and the validation every server applies: each checked on the
 * examples from the hub-security issue and CouchDB's own answers.
 */
import { describe, expect, it } from 'vitest';
import {
  CouchRefusal,
  couchBulkDocs,
  couchDocument,
  couchLocalDocument,
  jsonDepthExceeds,
} from '../../../shared/sync/couch-doc';
import { checkQuery, classifyRequest, QueryRefusal } from '../../../shared/sync/gateway-routes';
import { belongsToInstitute, instituteSelector, notInstitutes } from '../../../shared/sync/ownership';
import { validateDocUpdateSource } from '../../../shared/sync/validate-doc';

function refusalOf(run: () => unknown): { status: number; error: string; reason: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof CouchRefusal)
      return { status: error.status, error: error.error, reason: error.message };
    throw error;
  }
}

describe('a written body, as CouchDB reads it', () => {
  it("keeps the path's id and refuses reserved ids in the body, as CouchDB does", () => {
    expect(couchDocument({ _id: 'response:beta:x:2026', a: 1 }, { pathId: 'response:alpha:x:2026' })).toEqual(
      {
        _id: 'response:alpha:x:2026',
        a: 1,
      },
    );
    expect(refusalOf(() => couchLocalDocument({ _id: '_security', members: {} }, '_local/dir2'))).toEqual({
      status: 400,
      error: 'illegal_docid',
      reason: 'Only reserved document ids may start with underscore.',
    });
    expect(couchLocalDocument({ _id: 'template:x', type: 'template' }, '_local/dir1')).toEqual({
      _id: '_local/dir1',
      type: 'template',
    });
    expect(refusalOf(() => couchDocument({ _id: 7 }))?.reason).toBe('Document id must be a string');
    expect(refusalOf(() => couchDocument({ _id: '' }))?.reason).toBe('Document id must not be empty');
    expect(refusalOf(() => couchDocument([1, 2]))?.reason).toBe('Document must be a JSON object');
  });

  it('refuses unknown special fields, drops the ones CouchDB ignores, checks _rev and _revisions', () => {
    expect(refusalOf(() => couchDocument({ _security: {} }))).toEqual({
      status: 400,
      error: 'doc_validation',
      reason: 'Bad special document member: _security',
    });
    expect(couchDocument({ _id: 'a', _conflicts: ['1-x'], _revs_info: [], _local_seq: 3 })).toEqual({
      _id: 'a',
    });
    expect(refusalOf(() => couchDocument({ _rev: 'x-1' }))?.reason).toBe('Invalid rev format');
    expect(refusalOf(() => couchDocument({ _revisions: { start: 'x', ids: null } }))?.reason).toBe(
      "_revisions.start isn't an integer.",
    );
    expect(refusalOf(() => couchDocument({ _revisions: { start: 1, ids: null } }))?.reason).toBe(
      "_revisions.ids isn't a array.",
    );
    expect(refusalOf(() => couchDocument({ _revisions: { start: 1, ids: [7] } }))?.reason).toBe(
      "RevId isn't a string",
    );
    expect(refusalOf(() => couchDocument({ _revisions: { start: 1, ids: ['z'.repeat(32)] } }))?.reason).toBe(
      "RevId isn't a valid hexadecimal",
    );
    expect(refusalOf(() => couchDocument({ _deleted: 'yes' }))?.reason).toBe(
      'Bad special document member: _deleted',
    );
    // _revisions wins over _rev, as in CouchDB.
    expect(couchDocument({ _rev: '1-a', _revisions: { start: 2, ids: ['b', 'a'] } })['_rev']).toBe('2-b');
    expect(refusalOf(() => couchDocument({ _rev: '2-a' }, { pathId: 'd', queryRev: '2-b' }))?.reason).toBe(
      'Document rev from request body and query string have different values',
    );
  });

  it('takes attachments only when their data is really there', () => {
    const att = (a: unknown) => () => couchDocument({ _attachments: { 'a.txt': a } });
    expect(refusalOf(att({ data: { a: 1 } }))?.reason).toBe('Invalid attachment data for a.txt');
    expect(refusalOf(att({ data: '!!not base64**' }))?.reason).toBe('Invalid attachment data for a.txt');
    expect(refusalOf(att({ follows: true }))?.status).toBe(400);
    expect(couchDocument({ _attachments: { 'a.txt': { follows: true } } }, { multipart: true })).toBeTruthy();
    expect(couchDocument({ _attachments: { 'a.txt': { data: 'aGVs\nbG8=' } } })['_attachments']).toEqual({
      'a.txt': { data: 'aGVs\nbG8=', content_type: 'application/octet-stream' },
    });
    expect(couchDocument({ _attachments: { 'a.txt': { stub: true }, skipped: 5 } })['_attachments']).toEqual({
      'a.txt': { stub: true, content_type: 'application/octet-stream' },
    });
    expect(refusalOf(() => couchDocument({ _attachments: { _x: { data: '' } } }))?.reason).toBe(
      "Attachment name '_x' starts with prohibited character '_'",
    );
    // Local documents keep no attachments.
    expect(couchLocalDocument({ _attachments: { 'a.txt': { data: 'aGk=' } } }, '_local/x')).toEqual({
      _id: '_local/x',
    });
  });

  it('refuses a whole _bulk_docs for one bad document, and new_edits that is not true or false', () => {
    expect(
      refusalOf(() => couchBulkDocs({ docs: [{ _id: 'a' }, { _attachments: { x: { data: {} } } }] }))?.reason,
    ).toBe('Invalid attachment data for x');
    expect(refusalOf(() => couchBulkDocs({ docs: [], new_edits: 'false' }))?.status).toBe(400);
    expect(couchBulkDocs({ docs: [{ _id: 'a' }], new_edits: false })).toEqual({
      docs: [{ _id: 'a' }],
      new_edits: false,
    });
  });

  it('measures nesting without parsing, strings and escapes aside', () => {
    expect(jsonDepthExceeds('{"a":'.repeat(101) + '1' + '}'.repeat(101))).toBe(true);
    expect(jsonDepthExceeds('{"a":'.repeat(100) + '1' + '}'.repeat(100))).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ text: '{'.repeat(500) + '"\\' }))).toBe(false);
  });
});

describe('query parameters', () => {
  const docGet = classifyRequest('GET', '/org-a/doc');
  it('keeps the ones CouchDB knows for the request, each once, and drops the rest', () => {
    expect(
      checkQuery(docGet, 'GET', [
        ['rev', '1-a'],
        ['ctx', 'x'],
        ['revs', 'true'],
        ['rev', '2-b'],
      ]),
    ).toEqual([
      ['rev', '2-b'],
      ['revs', 'true'],
    ]);
    expect(checkQuery(classifyRequest('PUT', '/org-a/doc/att'), 'PUT', [['new_edits', 'false']])).toEqual([]);
  });
  it('refuses values of the wrong kind', () => {
    const refused = (method: string, path: string, name: string, value: string) => {
      try {
        checkQuery(classifyRequest(method, path), method, [[name, value]]);
        return undefined;
      } catch (error) {
        return error instanceof QueryRefusal ? error.message : String(error);
      }
    };
    expect(refused('GET', '/org-a/doc', 'rev', '{}')).toBe('Invalid rev format');
    expect(refused('GET', '/org-a/_changes', 'limit', 'x')).toBe('Invalid value for integer: "x"');
    expect(refused('GET', '/org-a/_changes', 'since', '{"a":1}')).toBe(
      "Malformed sequence supplied in 'since' parameter.",
    );
    expect(refused('GET', '/org-a/_changes', 'since', '12-g1AAAA_x')).toBeUndefined();
    expect(refused('GET', '/org-a/_all_docs', 'keys', '[1]')).toBe(
      'keys must be a JSON list of document ids.',
    );
    expect(refused('GET', '/org-a/doc', 'open_revs', 'all')).toBeUndefined();
  });
});

describe('an institute’s documents', () => {
  const response = (id: string, org: string) => ({ _id: id, type: 'response', org });
  it('are those of its kinds whose org, and id where it names one, are the institute', () => {
    expect(belongsToInstitute('response:b:x:2026', response('response:b:x:2026', 'b'), 'b')).toBe(true);
    expect(belongsToInstitute('response:a:x:2026', response('response:a:x:2026', 'b'), 'b')).toBe(false);
    expect(notInstitutes('response:a:x:2026', response('response:a:x:2026', 'b'), 'b')).toBe(
      'its id names institute a',
    );
    expect(belongsToInstitute('template:f:1', { type: 'template', org: 'b' }, 'b')).toBe(true);
    expect(belongsToInstitute('institute:b', { type: 'institute', org: 'b' }, 'b')).toBe(false);
    expect(belongsToInstitute('response:b:x:2026', { _deleted: true }, 'b')).toBe(true);
    expect(belongsToInstitute('response:bb:x:2026', { _deleted: true }, 'b')).toBe(false);
  });
  it('as a selector, pick the same documents', () => {
    const selector = JSON.stringify(instituteSelector('b'));
    expect(selector).toContain('"org":"b"');
    expect(selector).toMatch(/\^\(([a-z]+\|)*response(\|[a-z]+)*\):b\(:\|\$\)/);
    expect(selector).toContain('cmcplan');
  });
});

describe('validate_doc_update', () => {
  type Validate = (doc: unknown, old: unknown, user: unknown, sec: unknown) => void;
  // Evaluated here, in the test only, exactly as CouchDB and the hub compile it.
  const validate = new Function(`return (${validateDocUpdateSource('org-a')});`)() as Validate;
  const base = {
    type: 'response',
    schemaVersion: 2,
    org: 'a',
    createdAt: 'x',
    updatedAt: 'x',
    updatedBy: 'x',
    templateId: 't',
    templateVersion: '1',
    cycle: 2026,
    status: 'draft',
    revision: 1,
    answers: {},
  };
  const member = { name: 'ua', roles: ['org:a'] };
  it('refuses an id that names another institute than the document’s', () => {
    expect(() => validate({ ...base, _id: 'response:a:t:2026' }, null, member, {})).not.toThrow();
    expect(() => validate({ ...base, _id: 'response:b:t:2026' }, null, member, {})).toThrow(
      expect.objectContaining({ forbidden: expect.stringContaining('names institute "b"') }) as Error,
    );
  });
});
