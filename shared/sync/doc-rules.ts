/**
 * What the server accepts, per document type: the one table that the hub's and
 * CouchDB's `validate_doc_update` are generated from. Add a type here when its schema
 * lands in shared/docs (the zod schema stays the full check, in the app; the server
 * only refuses what no app version would write).
 */

/** Where documents of a type may live: institute databases, the library, or both. */
export type DocScope = 'org' | 'library' | 'both';

export interface SyncDocRule {
  scope: DocScope;
  /** Top-level fields that must be present and not null. */
  required: readonly string[];
  /**
   * The id's second part names the document's institute (`response:<org>:…`,
   * `institute:<org>`): the server refuses an id that names another institute than
   * `org`, and a deletion's institute is read from its id.
   */
  idNamesOrg?: true;
  /**
   * Only the secretariat (and administrators) may write or delete documents of this type,
   * even in an institute's database: what it copies there from another institute.
   */
  secretariatOnly?: true;
}

/** Fields every synced document carries (shared/docs/base.ts), except `org`, which depends on the database. */
const BASE_FIELDS = ['type', 'schemaVersion', 'createdAt', 'updatedAt', 'updatedBy'] as const;

export const SYNC_DOC_RULES: Readonly<Record<string, SyncDocRule>> = {
  response: {
    scope: 'org',
    required: [
      ...BASE_FIELDS,
      'org',
      'templateId',
      'templateVersion',
      'cycle',
      'status',
      'revision',
      'answers',
    ],
    idNamesOrg: true,
  },
  // An institute's imported questionnaire travels in its database; the secretariat
  // publishes templates for everyone in the library.
  template: { scope: 'both', required: [...BASE_FIELDS, 'org', 'source', 'template'] },
  cmcplan: { scope: 'org', required: [...BASE_FIELDS, 'org', 'area', 'milestones'], idNamesOrg: true },
  // The directory of institutes, written by `workbench setup` and the secretariat.
  institute: {
    scope: 'library',
    required: [...BASE_FIELDS, 'org', 'name', 'economy', 'inferred'],
    idNamesOrg: true,
  },
  // The secretariat's corrections to the KCDB taxonomy (`taxonomy:kcdb`), and the provider
  // summaries it shares for matching (`capability:<org>`).
  taxonomy: { scope: 'library', required: [...BASE_FIELDS, 'org', 'corrections'] },
  capability: {
    scope: 'library',
    required: [...BASE_FIELDS, 'org', 'capabilities', 'basis'],
    idNamesOrg: true,
  },
  // A story is drafted and reviewed in its institute's database; the secretariat publishes
  // a copy, under the same id, in the library for every institute.
  casestudy: {
    scope: 'both',
    required: [...BASE_FIELDS, 'org', 'title', 'status', 'history'],
    idNamesOrg: true,
  },
  // The funding map and DEC activities: the secretariat writes them in the library for everyone.
  funder: { scope: 'library', required: [...BASE_FIELDS, 'org', 'name', 'kind', 'programmes'] },
  activity: { scope: 'library', required: [...BASE_FIELDS, 'org', 'title', 'participants', 'results'] },
  // An institute's support ledger and its follow-ups of activities: its own database only.
  support: { scope: 'org', required: [...BASE_FIELDS, 'org', 'kind', 'status', 'needs'], idNamesOrg: true },
  followup: { scope: 'org', required: [...BASE_FIELDS, 'org', 'activityId', 'months'], idNamesOrg: true },
  // Events and DEN2DEN offers are written in their institute's database; the secretariat's
  // computer publishes copies, under the same ids, in the library for every institute.
  event: { scope: 'both', required: [...BASE_FIELDS, 'org', 'title', 'kind', 'status'], idNamesOrg: true },
  offer: { scope: 'both', required: [...BASE_FIELDS, 'org', 'kind', 'status', 'contact'], idNamesOrg: true },
  // A DEN2DEN exchange: each institute writes its own part in its own database; the
  // secretariat's computer copies each part into the other institute's database, and only it
  // may write those copies.
  exchange: {
    scope: 'org',
    required: [...BASE_FIELDS, 'org', 'xid', 'role', 'requester', 'provider'],
    idNamesOrg: true,
  },
  exchangecopy: {
    scope: 'org',
    required: [...BASE_FIELDS, 'org', 'xid', 'from', 'part'],
    idNamesOrg: true,
    secretariatOnly: true,
  },
};
