/**
 * Hostile requests, drawn from a seeded stream: every route a member may call, with
 * bodies and query strings twisted the ways a script (or a broken client) would twist
 * them — special fields of every kind and type, attachments that are not what they
 * claim, bodies nested deep, ids that differ from the path, multipart bodies that lie.
 * The same seed gives the same requests, so a failure can be replayed.
 */
import { Rng } from '../../../shared/seed/random';
import { responseDoc } from './hub';

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** A short label for reports. */
  label: string;
}

const JUNK_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  '_security',
  '_local/_security',
  '_design/workbench',
  true,
  [],
  [1, 'a'],
  {},
  { a: { b: 1 } },
  '1-abc',
  'not a rev',
];

function deep(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

/** A response that every validation accepts, of a made-up questionnaire named `suffix`. */
export function validResponse(org: string, suffix: string): Record<string, unknown> {
  return responseDoc(org, 2026, 'x', suffix);
}

export class HostileRequests {
  private readonly rng: Rng;
  private n = 0;

  constructor(
    seed: string,
    private readonly dbs: readonly string[],
    private readonly ownOrg: string,
  ) {
    this.rng = new Rng(seed);
  }

  private junk(): unknown {
    return this.rng.pick(JUNK_VALUES);
  }

  private attachment(): unknown {
    const r = this.rng;
    return r.pick<unknown>([
      { stub: true },
      { stub: true, digest: 'md5-xxx', length: 3 },
      { follows: true, length: 5 },
      { data: { a: 1 } },
      { data: '!!not base64**' },
      { data: 'aGVsbG8=', content_type: 'text/plain' },
      { data: 'aGVsbG8=', content_type: 7 },
      { data: null },
      'just a string',
      [],
      {},
    ]);
  }

  /** A document with some of its special fields replaced by odd ones. */
  private twistedDoc(): Record<string, unknown> {
    const r = this.rng;
    const org = r.chance(0.7) ? this.ownOrg : r.pick(['beta', 'gamma', '']);
    const doc: Record<string, unknown> = r.chance(0.8) ? validResponse(org, `f${this.n++}`) : {};
    const fields = r.sample(
      ['_id', '_rev', '_revisions', '_attachments', '_deleted', '_conflicts', '_foo', 'type', 'org'],
      r.int(1, 3),
    );
    for (const field of fields) {
      switch (field) {
        case '_attachments':
          doc[field] = r.chance(0.8) ? { [r.pick(['a.txt', '_x', 'b/c'])]: this.attachment() } : this.junk();
          break;
        case '_revisions':
          doc[field] = r.pick<unknown>([
            { start: 'x', ids: null },
            { start: 1, ids: [] },
            { start: 2, ids: ['abc', 'def'] },
            { start: 1, ids: [7] },
            { start: 1, ids: ['zz'.repeat(16)] },
            this.junk(),
          ]);
          break;
        case '_id':
          doc[field] = r.pick<unknown>([
            ...JUNK_VALUES,
            `template:${r.base36(4)}`,
            `response:beta:x${r.base36(3)}:2026`,
          ]);
          break;
        default:
          doc[field] = this.junk();
      }
    }
    return doc;
  }

  private query(): string {
    const r = this.rng;
    if (r.chance(0.5)) return '';
    const names = [
      'rev',
      'revs',
      'open_revs',
      'attachments',
      'since',
      'limit',
      'feed',
      'new_edits',
      'keys',
      'ctx',
      'rev[a]',
    ];
    const parts = r.sample(names, r.int(1, 3)).map((name) => {
      const value = r.pick([
        '{}',
        '[1]',
        'true',
        'x',
        '-1',
        '1-abc',
        '"s"',
        'all',
        '99999999999999999999',
        'now',
      ]);
      return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    });
    return `?${parts.join('&')}`;
  }

  private multipart(doc: Record<string, unknown>): { body: Buffer; type: string } {
    const r = this.rng;
    const boundary = `b${r.base36(8)}`;
    const docPart = r.chance(0.2) ? '{"broken": ' : JSON.stringify(doc);
    const parts = [`--${boundary}\r\nContent-Type: application/json\r\n\r\n${docPart}\r\n`];
    const extra = r.int(0, 2);
    for (let i = 0; i < extra; i++) parts.push(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n`);
    const end = r.chance(0.8) ? `--${boundary}--` : '';
    const type = r.chance(0.9) ? `multipart/related; boundary="${boundary}"` : 'multipart/related';
    return { body: Buffer.from(parts.join('') + end), type };
  }

  next(): HostileRequest {
    const r = this.rng;
    const db = r.pick(this.dbs);
    const id = encodeURIComponent(
      r.pick([`response:${this.ownOrg}:f${this.n++}:2026`, 'newdoc', 'template:x']),
    );
    const json = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const kind = r.int(0, 13);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    switch (kind) {
      case 0:
        return {
          method: 'PUT',
          path: `/${db}/${id}${this.query()}`,
          headers,
          body: json(this.twistedDoc()),
          label: 'PUT doc',
        };
      case 1:
        return {
          method: 'PUT',
          path: `/${db}/_local/${r.base36(5)}${this.query()}`,
          headers,
          body: json(this.twistedDoc()),
          label: 'PUT _local',
        };
      case 2: {
        const docs = Array.from({ length: r.int(1, 3) }, () => this.twistedDoc());
        const body: Record<string, unknown> = { docs };
        if (r.chance(0.4)) body['new_edits'] = r.pick<unknown>([false, 'false', 0, null]);
        return {
          method: 'POST',
          path: `/${db}/_bulk_docs`,
          headers,
          body: json(body),
          label: 'POST _bulk_docs',
        };
      }
      case 3:
        return {
          method: 'PUT',
          path: `/${db}/${id}/${r.pick(['a.txt', '_x', 'd/e'])}${this.query()}`,
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from('hello'),
          label: 'PUT attachment',
        };
      case 4:
        return {
          method: 'DELETE',
          path: `/${db}/${id}/a.txt${this.query()}`,
          headers: {},
          label: 'DELETE attachment',
        };
      case 5:
        return { method: 'DELETE', path: `/${db}/${id}${this.query()}`, headers: {}, label: 'DELETE doc' };
      case 6:
        return {
          method: 'POST',
          path: `/${db}/_bulk_get${this.query()}`,
          headers,
          body: json({ docs: [{ id: this.junk(), rev: this.junk(), atts_since: this.junk() }] }),
          label: 'POST _bulk_get',
        };
      case 7:
        return {
          method: 'POST',
          path: `/${db}/_revs_diff`,
          headers,
          body: json({ [String(this.junk())]: r.chance(0.5) ? [this.junk()] : this.junk() }),
          label: 'POST _revs_diff',
        };
      case 8:
        return {
          method: 'POST',
          path: `/${db}/${r.pick(['_all_docs', '_changes'])}${this.query()}`,
          headers,
          body: json({ keys: this.junk(), doc_ids: this.junk(), selector: this.junk() }),
          label: 'POST _all_docs/_changes',
        };
      case 9:
        return { method: 'GET', path: `/${db}/${id}${this.query()}`, headers: {}, label: 'GET doc' };
      case 10:
        return {
          method: 'GET',
          path: `/${db}/${r.pick(['_changes', '_all_docs'])}${this.query()}`,
          headers: {},
          label: 'GET _changes/_all_docs',
        };
      case 11: {
        const { body, type } = this.multipart(this.twistedDoc());
        return {
          method: 'PUT',
          path: `/${db}/${id}`,
          headers: { 'content-type': type },
          body,
          label: 'PUT multipart',
        };
      }
      case 12:
        return {
          method: r.pick(['PUT', 'POST']),
          path: r.chance(0.5) ? `/${db}/${id}` : `/${db}/_bulk_docs`,
          headers,
          body: Buffer.from(r.chance(0.5) ? deep(r.pick([150, 10_000])) : `{"docs":[${deep(10_000)}]}`),
          label: 'deep body',
        };
      default:
        return {
          method: 'PUT',
          path: `/${db}/${id}`,
          headers,
          body: json(r.pick<unknown>(['', '"text"', '[1,2]', 'null', '{"a":', '{"_id":"x"}'])),
          label: 'PUT odd JSON',
        };
    }
  }
}
