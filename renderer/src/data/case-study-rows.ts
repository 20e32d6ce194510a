/**
 * Case studies in the read model. One table holds both sources, keyed by source and id,
 * because a published story is under the same id in the institute's database (its working
 * copy, with comments) and in the library (the published copy every institute receives).
 */
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { summariseCaseStudy, type CaseStudySummary } from '@shared/case-studies/search';

export type CaseStudySource = 'org' | 'library';

export interface CaseStudyRow extends CaseStudySummary {
  /** `org|<id>` or `library|<id>`. */
  key: string;
  source: CaseStudySource;
}

export function caseStudyKey(source: CaseStudySource, id: string): string {
  return `${source}|${id}`;
}

export function toCaseStudyRow(doc: CaseStudyDoc, source: CaseStudySource): CaseStudyRow {
  return { key: caseStudyKey(source, doc._id), source, ...summariseCaseStudy(doc) };
}
