/**
 * Every synced document type, with its zod schema, current schema version and
 * upgrade steps. The repository and the projector go through this table only.
 */
import type { z } from 'zod';
import { WorkbenchError } from '../errors';
import { typeOfId, type DocType } from '../ids';
import { CAPABILITY_SCHEMA_VERSION, capabilityDocSchema, type CapabilityDoc } from './capability/schema';
import { CASESTUDY_SCHEMA_VERSION, caseStudySchema, type CaseStudyDoc } from './casestudy/schema';
import { caseStudyUpgrades } from './casestudy/upgrade';
import { CMCPLAN_SCHEMA_VERSION, cmcPlanSchema, type CmcPlanDoc } from './cmcplan/schema';
import { cmcPlanUpgrades } from './cmcplan/upgrade';
import { INSTITUTE_SCHEMA_VERSION, instituteDocSchema, type InstituteDoc } from './institute/schema';
import { RESPONSE_SCHEMA_VERSION, responseSchema, type ResponseDoc } from './response/schema';
import { responseUpgrades } from './response/upgrade';
import { TAXONOMY_SCHEMA_VERSION, taxonomyDocSchema, type TaxonomyDoc } from './taxonomy/schema';
import { TEMPLATE_SCHEMA_VERSION, templateDocSchema, type TemplateDoc } from './template/schema';
import { ACTIVITY_SCHEMA_VERSION, activityDocSchema, type ActivityDoc } from './activity/schema';
import { activityUpgrades } from './activity/upgrade';
import { FOLLOWUP_SCHEMA_VERSION, followupDocSchema, type FollowupDoc } from './followup/schema';
import { FUNDER_SCHEMA_VERSION, funderDocSchema, type FunderDoc } from './funder/schema';
import { SUPPORT_SCHEMA_VERSION, supportDocSchema, type SupportDoc } from './support/schema';
import { EVENT_SCHEMA_VERSION, eventDocSchema, type EventDoc } from './event/schema';
import {
  EXCHANGE_SCHEMA_VERSION,
  exchangeCopyDocSchema,
  exchangeDocSchema,
  type ExchangeCopyDoc,
  type ExchangeDoc,
} from './exchange/schema';
import { OFFER_SCHEMA_VERSION, offerDocSchema, type OfferDoc } from './offer/schema';
import { upgradeToCurrent, type UpgradeStep } from './upgrade';

interface DocKind<T> {
  schema: z.ZodType<T>;
  current: number;
  upgrades: readonly UpgradeStep[];
}

export interface DocsByType {
  response: ResponseDoc;
  template: TemplateDoc;
  cmcplan: CmcPlanDoc;
  institute: InstituteDoc;
  taxonomy: TaxonomyDoc;
  capability: CapabilityDoc;
  casestudy: CaseStudyDoc;
  funder: FunderDoc;
  activity: ActivityDoc;
  support: SupportDoc;
  followup: FollowupDoc;
  event: EventDoc;
  offer: OfferDoc;
  exchange: ExchangeDoc;
  exchangecopy: ExchangeCopyDoc;
}
export type KnownDocType = keyof DocsByType;
export type AnyDoc = DocsByType[KnownDocType];

export const docKinds: { [K in KnownDocType]: DocKind<DocsByType[K]> } = {
  response: { schema: responseSchema, current: RESPONSE_SCHEMA_VERSION, upgrades: responseUpgrades },
  template: { schema: templateDocSchema, current: TEMPLATE_SCHEMA_VERSION, upgrades: [] },
  cmcplan: { schema: cmcPlanSchema, current: CMCPLAN_SCHEMA_VERSION, upgrades: cmcPlanUpgrades },
  institute: { schema: instituteDocSchema, current: INSTITUTE_SCHEMA_VERSION, upgrades: [] },
  taxonomy: { schema: taxonomyDocSchema, current: TAXONOMY_SCHEMA_VERSION, upgrades: [] },
  capability: { schema: capabilityDocSchema, current: CAPABILITY_SCHEMA_VERSION, upgrades: [] },
  casestudy: { schema: caseStudySchema, current: CASESTUDY_SCHEMA_VERSION, upgrades: caseStudyUpgrades },
  funder: { schema: funderDocSchema, current: FUNDER_SCHEMA_VERSION, upgrades: [] },
  activity: { schema: activityDocSchema, current: ACTIVITY_SCHEMA_VERSION, upgrades: activityUpgrades },
  support: { schema: supportDocSchema, current: SUPPORT_SCHEMA_VERSION, upgrades: [] },
  followup: { schema: followupDocSchema, current: FOLLOWUP_SCHEMA_VERSION, upgrades: [] },
  event: { schema: eventDocSchema, current: EVENT_SCHEMA_VERSION, upgrades: [] },
  offer: { schema: offerDocSchema, current: OFFER_SCHEMA_VERSION, upgrades: [] },
  exchange: { schema: exchangeDocSchema, current: EXCHANGE_SCHEMA_VERSION, upgrades: [] },
  exchangecopy: { schema: exchangeCopyDocSchema, current: EXCHANGE_SCHEMA_VERSION, upgrades: [] },
};

function isKnown(type: unknown): type is KnownDocType {
  return typeof type === 'string' && Object.hasOwn(docKinds, type);
}

/** Lists every problem in a document as "path: message", in the order zod found them. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/**
 * Upgrades and validates a document of any known type. Throws a WorkbenchError with
 * one line per problem when the document does not match its schema.
 */
export function parseDoc(raw: unknown): AnyDoc {
  if (typeof raw !== 'object' || raw === null) {
    throw new WorkbenchError('validation-failed', 'A document must be an object.');
  }
  const record = raw as Record<string, unknown>;
  const type = record['type'];
  if (!isKnown(type)) {
    throw new WorkbenchError(
      'unknown-document-type',
      `Unknown document type ${JSON.stringify(type)} in ${String(record['_id'])}.`,
    );
  }
  const kind = docKinds[type];
  const upgraded = upgradeToCurrent(record, kind.current, kind.upgrades);
  const result = kind.schema.safeParse(upgraded);
  if (!result.success) {
    const problems = describeIssues(result.error);
    throw new WorkbenchError(
      'validation-failed',
      `The ${type} ${String(record['_id'])} was not saved: ${problems.length === 1 ? 'one field is' : `${problems.length} fields are`} not valid.`,
      problems,
    );
  }
  return result.data;
}

/** True when the id belongs to one of our document types (not a design doc or _local). */
export function isOwnedId(id: string): boolean {
  const type: DocType | undefined = typeOfId(id);
  return type !== undefined && isKnown(type);
}
