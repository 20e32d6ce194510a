/**
 * Fills the read model from the institute's PouchDB, and nothing else writes those rows.
 * It follows the changes feed from its checkpoint like the other projectors
 * (./changes-follower.ts: each page and its checkpoint in one Dexie transaction).
 */
import { responseFacts } from '@shared/dashboard/facts';
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import { answerValues } from '@shared/docs/response/edit';
import type { ResponseDoc } from '@shared/docs/response/schema';
import type { TemplateDoc } from '@shared/docs/template/schema';
import { toErrorData } from '@shared/errors';
import type { Template } from '@shared/forms/model';
import { readinessOf } from '@shared/forms/readiness';
import { answersText } from '@shared/search';
import { evaluateForm } from '@shared/forms/rules';
import { findShippedTemplate } from '@shared/forms/shipped';
import { templateDocId } from '@shared/ids';
import { caseStudyKey, toCaseStudyRow } from './case-study-rows';
import { ChangesFollower, type ChangeRow, type FollowerTarget } from './changes-follower';
import type { LocalDb } from './pouch';
import type { ReadModelDb, ResponseRow, TemplateRow } from './read-model';

const CHECKPOINT_KEY = 'checkpoint';

/** Writes one page of the institute's changes; imported templates are remembered across pages. */
function target(templates: Map<string, Template>): FollowerTarget {
  return {
    tables: (rm) => [rm.responses, rm.problems, rm.templates, rm.caseStudies],
    apply: async (rm, changes: readonly ChangeRow[]) => {
      const { responses, problems, caseStudies } = rm;
      // Templates first, so a response in the same page is measured by its template's rules.
      for (const change of changes) {
        if (change.doc && !change.deleted && (change.doc as { type?: unknown }).type === 'template') {
          try {
            const doc = parseDoc(change.doc);
            if (doc.type === 'template') templates.set(doc._id, doc.template);
          } catch {
            // Reported as a problem below.
          }
        }
      }
      for (const change of changes) {
        if (!isOwnedId(change.id)) continue;
        if (change.deleted || !change.doc) {
          await responses.delete(change.id);
          await rm.templates.delete(change.id);
          await caseStudies.delete(caseStudyKey('org', change.id));
          await problems.delete(change.id);
          continue;
        }
        try {
          const doc = parseDoc(change.doc);
          // A participant's response to an event is the events follower's (./events-projector.ts).
          if (doc.type === 'response' && doc.event === undefined)
            await responses.put(toResponseRow(doc, templates));
          if (doc.type === 'template') await rm.templates.put(toTemplateRow(doc));
          if (doc.type === 'casestudy') await caseStudies.put(toCaseStudyRow(doc, 'org'));
          await problems.delete(change.id);
        } catch (error) {
          // A document we cannot read (e.g. from a newer app version) stays in
          // PouchDB untouched; the read model lists it as a problem instead.
          await responses.delete(change.id);
          await rm.templates.delete(change.id);
          await caseStudies.delete(caseStudyKey('org', change.id));
          await problems.put({ id: change.id, message: toErrorData(error).message });
        }
      }
    },
  };
}

/** The read model of the institute's own database (responses, templates, case studies). */
export class Projector extends ChangesFollower {
  constructor(db: LocalDb, readModel: ReadModelDb) {
    super(db, readModel, CHECKPOINT_KEY, target(new Map()));
  }
}

function toResponseRow(doc: ResponseDoc, templates: ReadonlyMap<string, Template>): ResponseRow {
  const template =
    findShippedTemplate(doc.templateId, doc.templateVersion) ??
    templates.get(templateDocId(doc.templateId, doc.templateVersion));
  const answers = answerValues(doc);
  const evaluation = template ? evaluateForm(template, answers, { now: new Date(doc.updatedAt) }) : undefined;
  const progress = evaluation
    ? { answered: evaluation.answered, total: evaluation.total, ...readinessOf(evaluation) }
    : {
        answered: Object.values(answers).filter((v) => v !== null && v !== '').length,
        total: 0,
        missing: [],
        toFix: [],
      };
  return {
    id: doc._id,
    org: doc.org,
    templateId: doc.templateId,
    templateVersion: doc.templateVersion,
    cycle: doc.cycle,
    status: doc.status,
    revision: doc.revision,
    answeredCount: progress.answered,
    total: progress.total,
    missingCount: progress.missing.length,
    missing: [...progress.missing],
    toFix: progress.toFix,
    searchText: answersText(Object.values(answers)),
    ...responseFacts(answers),
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}

export function toTemplateRow(doc: TemplateDoc): TemplateRow {
  return {
    id: doc._id,
    templateId: doc.template.id,
    version: doc.template.version,
    title: doc.template.title,
    source: doc.source,
    leftOut: doc.template.leftOut.length,
    importedAt: doc.createdAt,
    importedBy: doc.updatedBy,
  };
}
