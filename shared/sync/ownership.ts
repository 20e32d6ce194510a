/**
 * Which documents are an institute's: the rule that decides what an institute database
 * may give to the secretariat's computer and what that computer may send to it. A
 * document is institute X's when its type lives in institute databases, its `org` is X,
 * and, where the id names an institute (`response:<org>:…`), it names X; a deletion is
 * X's when its id names X. The same rule as a Mango selector filters the secretariat's
 * pulls and pushes on the server side and in PouchDB alike, so a document another
 * institute's database (or a server with a hole) let in is never carried into X.
 */
import { SYNC_DOC_RULES } from './doc-rules';

const types = (pick: (rule: (typeof SYNC_DOC_RULES)[string]) => boolean) =>
  Object.entries(SYNC_DOC_RULES)
    .filter(([, rule]) => rule.scope !== 'library' && pick(rule))
    .map(([type]) => type)
    .sort();

/** Types of institute databases whose ids name their institute, and those whose ids do not. */
const NAMED = types((rule) => rule.idNamesOrg === true);
const UNNAMED = types((rule) => rule.idNamesOrg !== true);

/** The institute an id names (`response:<org>:…` → org), or undefined. */
export function orgNamedById(id: string): string | undefined {
  const match = /^([a-z]+):([^:]+)(?::|$)/.exec(id);
  if (!match || !NAMED.includes(match[1] ?? '')) return undefined;
  return match[2];
}

export function belongsToInstitute(id: string, doc: unknown, org: string): boolean {
  const body = (doc ?? {}) as { _deleted?: unknown; org?: unknown; type?: unknown };
  if (body._deleted === true) return orgNamedById(id) === org;
  const type = id.slice(0, id.indexOf(':'));
  if (body.type !== type || body.org !== org) return false;
  if (NAMED.includes(type)) return orgNamedById(id) === org;
  return UNNAMED.includes(type);
}

/** Why a document is not institute X's, in words for the Sync screen; undefined when it is. */
export function notInstitutes(id: string, doc: unknown, org: string): string | undefined {
  if (belongsToInstitute(id, doc, org)) return undefined;
  const named = orgNamedById(id);
  const claimed = (doc as { org?: unknown } | undefined)?.org;
  if (named !== undefined && named !== org) return `its id names institute ${named}`;
  if (typeof claimed === 'string' && claimed !== org) return `it belongs to institute ${claimed}`;
  return `it is not a document an institute database holds`;
}

/** Regular-expression text for "an id of one of these types naming `org`"; slugs are literal. */
function namedIds(org: string): string {
  return `^(${NAMED.join('|')}):${org}(:|$)`;
}

/**
 * `belongsToInstitute` as a Mango selector (CouchDB's `_selector` filter, PouchDB's
 * `selector` option). Plain JSON, so a replication's checkpoint id stays the same across
 * app builds.
 */
export function instituteSelector(org: string): Record<string, unknown> {
  return {
    $or: [
      { org, _id: { $regex: namedIds(org) } },
      ...(UNNAMED.length > 0 ? [{ org, _id: { $regex: `^(${UNNAMED.join('|')}):` } }] : []),
      { _deleted: true, _id: { $regex: namedIds(org) } },
    ],
  };
}
