/**
 * Two Dexie databases with different lifetimes:
 * - `workbench-read-<org>`: the read model, derived from PouchDB by the projector;
 *   it can be dropped and rebuilt at any time.
 * - `workbench-local`: data that lives only on this computer (settings). Never
 *   dropped by a rebuild.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Indicators, NeedFact } from '@shared/dashboard/facts';
import type { InstituteSource } from '@shared/docs/institute/schema';
import type { CmcPlanRow, MatchFactsRow, ProviderSummaryRow, TaxonomyRow } from './cmc-rows';
import type { CaseStudyRow } from './case-study-rows';
import type { ActivityRow, FollowupRow, FunderRow, SupportRow } from './funding-projector';
import type { EventRow, ExchangeRow, FeedbackRow, OfferRow } from './events-projector';

export interface ResponseRow {
  id: string;
  org: string;
  templateId: string;
  templateVersion: string;
  cycle: number;
  status: 'draft' | 'submitted';
  revision: number;
  /** Relevant questions answered, out of `total` (from the template's rules). */
  answeredCount: number;
  total: number;
  /** Required relevant questions still without an answer. */
  missingCount: number;
  /** Their keys, in form order. */
  missing: string[];
  /**
   * What stands between the response and Submit (shared/forms/readiness.ts): required
   * answers missing and answers to correct, in form order. Empty means ready to submit.
   */
  toFix: string[];
  /** The answers' text, normalised for the search box (shared/search.ts). */
  searchText: string;
  /** For dashboards: the needs per area and the key indicators (shared/dashboard/facts.ts). */
  needs: NeedFact[];
  indicators: Indicators;
  updatedAt: string;
  updatedBy: string;
}

export interface TemplateRow {
  /** The document id, `template:<id>:<version>`. */
  id: string;
  templateId: string;
  version: string;
  title: string;
  source: string;
  leftOut: number;
  importedAt: string;
  importedBy: string;
}

/** An institute's entry in the library's directory (`institute:<org>`). */
export interface InstituteRow {
  id: string;
  org: string;
  name: string;
  acronym: string;
  economy: string;
  iso2?: string;
  inferred: boolean;
  source: InstituteSource;
  updatedAt: string;
}

export interface ProblemRow {
  id: string;
  message: string;
}

export interface MetaRow {
  key: string;
  /** PouchDB sequences are numbers locally and opaque strings from CouchDB: kept as given. */
  value: string | number;
}

/** The read model database of one institute. */
export function readModelName(org: string): string {
  return `workbench-read-${org}`;
}

export class ReadModelDb extends Dexie {
  responses!: EntityTable<ResponseRow, 'id'>;
  problems!: EntityTable<ProblemRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  /** From the library (`workbench-library`), projected with their own checkpoint. */
  institutes!: EntityTable<InstituteRow, 'id'>;
  libraryTemplates!: EntityTable<TemplateRow, 'id'>;
  /** CMC plans, and needs and capabilities from responses (./cmc-projector.ts). */
  cmcPlans!: EntityTable<CmcPlanRow, 'id'>;
  matchFacts!: EntityTable<MatchFactsRow, 'id'>;
  /** From the library: the taxonomy's corrections and the shared provider summaries. */
  taxonomy!: EntityTable<TaxonomyRow, 'id'>;
  providerSummaries!: EntityTable<ProviderSummaryRow, 'id'>;
  /** Case studies: the institute's own (drafts to published) and the library's published copies. */
  caseStudies!: EntityTable<CaseStudyRow, 'key'>;
  /** The funding map and DEC activities (library), the ledger and follow-ups (./funding-projector.ts). */
  funders!: EntityTable<FunderRow, 'id'>;
  activities!: EntityTable<ActivityRow, 'id'>;
  supports!: EntityTable<SupportRow, 'id'>;
  followups!: EntityTable<FollowupRow, 'id'>;
  /** Events and offers from both sources, participants' responses, exchange parts (./events-projector.ts). */
  events!: EntityTable<EventRow, 'key'>;
  feedback!: EntityTable<FeedbackRow, 'id'>;
  offers!: EntityTable<OfferRow, 'key'>;
  exchanges!: EntityTable<ExchangeRow, 'id'>;

  constructor(org: string) {
    super(readModelName(org));
    this.version(1).stores({
      responses: 'id, [templateId+cycle], cycle, status, updatedAt',
      problems: 'id',
      meta: 'key',
    });
    // Version 2 lists imported templates and shows progress from the template's rules:
    // rows are replayed from PouchDB rather than patched.
    this.version(2)
      .stores({ templates: 'id, templateId' })
      .upgrade(async (tx) => {
        await tx.table('responses').clear();
        await tx.table('meta').clear();
      });
    // Version 3 follows the library too: the institutes' directory and the templates the
    // secretariat publishes. New tables only; their checkpoint starts at 0.
    this.version(3).stores({ institutes: 'id, org, name', libraryTemplates: 'id, templateId' });
    // Version 5: CMC plans (./cmc-rows.ts). New tables filled by followers whose checkpoints
    // start at 0 (`checkpoint:cmc` for the institute's own documents), so the plans already
    // stored are projected without replaying every response; the library's checkpoint starts
    // again so that taxonomy and provider documents pulled by an older version are projected.
    this.version(5)
      .stores({
        cmcPlans: 'id, org, area, [org+area], stage, nextDue, updatedAt',
        matchFacts: 'id, org, cycle',
        taxonomy: 'id',
        providerSummaries: 'id, org',
      })
      .upgrade(async (tx) => {
        await tx.table('meta').delete('checkpoint:library');
      });
    // Version 6 lists case studies from both sources (./case-study-rows.ts). A new table: the
    // projectors' checkpoints start again from 0 so that stories already stored are listed.
    this.version(6)
      .stores({
        caseStudies: 'key, id, source, org, status, updatedAt, economy, leverageArea, *sdgs, *areas',
      })
      .upgrade(async (tx) => {
        await tx.table('meta').clear();
      });
    // Version 7 keeps what dashboards read from each response (missing keys, needs,
    // indicators): response rows are replayed from PouchDB. (6 is case studies'.)
    this.version(7).upgrade(async (tx) => {
      await tx.table('responses').clear();
      await tx.table('meta').delete('checkpoint');
    });
    // Version 8 (issue 19): CMC plan rows carry review rounds, and plans and case studies are
    // read through their schema 2 upgrade (KCDB 2.0 fields; the DEC plan's leverage areas),
    // so both tables are projected again from the start of both followers' feeds.
    this.version(8).upgrade(async (tx) => {
      await tx.table('cmcPlans').clear();
      await tx.table('caseStudies').clear();
      for (const key of ['checkpoint:cmc', 'checkpoint:library', 'checkpoint'])
        await tx.table('meta').delete(key);
    });
    // Version 9 (issue 21): funders, activities, the support ledger and follow-ups. New tables
    // filled by followers of their own, whose checkpoints start at 0.
    // The needs of responses carry their repeat instance ids (ledger entries name them), so
    // the CMC follower's rows are projected again too.
    this.version(9)
      .stores({
        funders: 'id, updatedAt',
        activities: 'id, start, leverageArea',
        supports: 'id, org, status, start',
        followups: 'id, org, activityId',
      })
      .upgrade(async (tx) => {
        await tx.table('matchFacts').clear();
        await tx.table('meta').delete('checkpoint:cmc');
      });
    // Version 10 keeps what stands between each response and Submit (`toFix`: missing and
    // invalid answers, one readiness rule for every screen) and the answers' text for the
    // search box (`searchText`): response rows are replayed.
    this.version(10).upgrade(async (tx) => {
      await tx.table('responses').clear();
      await tx.table('meta').delete('checkpoint');
    });
    // Version 11 (issue 22): events and DEN2DEN offers (keyed `org|<id>` and `library|<id>`, as
    // case studies: a published copy has the same id in both), participants' responses to
    // events, and both kinds of exchange part. New tables filled by two followers of their own
    // (`checkpoint:events`, `checkpoint:events-library`), whose checkpoints start at 0; the
    // responses table never held an event's responses, so nothing else is replayed.
    this.version(11).stores({
      events: 'key, id, source, org, start, status',
      feedback: 'id, event, org, templateId',
      offers: 'key, id, source, org, kind, area, status',
      exchanges: 'id, xid, org',
    });
  }
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class DeviceDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;

  constructor() {
    super('workbench-local');
    this.version(1).stores({ settings: 'key' });
  }
}
