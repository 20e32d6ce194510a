/**
 * Applying a checked return: the next revision of the response in one document. Kept
 * apart from the reader so the app's storage layer can use it without loading ExcelJS.
 */
import { newResponseDoc, reopened, stampAnswers, submitted } from '../docs/response/edit';
import type { ResponseDoc } from '../docs/response/schema';
import type { Template } from '../forms/model';
import { initialAnswers, submitAnswers } from '../forms/rules';
import type { ReturnReport } from './return-import';

export interface ApplyOptions {
  template: Template;
  current: ResponseDoc | undefined;
  user: string;
  at: Date;
  /** Kept with the reopening when a submitted response is changed, e.g. the file's name. */
  reason: string;
}

/**
 * The response after the return is applied, in one document: a new draft when the
 * institute had none, the next revision when it was submitted, the changes stamped as
 * the importer's, and submitted again when the report asked for it.
 */
export function applyReturn(report: ReturnReport, options: ApplyOptions): ResponseDoc {
  if (!report.canApply) throw new Error('A return with problems cannot be applied.');
  const at = options.at.toISOString();
  const { meta } = report;
  let doc =
    options.current ??
    newResponseDoc({
      org: meta.org,
      templateId: meta.templateId,
      templateVersion: meta.templateVersion,
      cycle: meta.cycle,
      answers: initialAnswers(options.template, { now: options.at, user: options.user }),
      at,
      by: options.user,
    });
  if (doc.status === 'submitted' && Object.keys(report.changes).length > 0) {
    doc = reopened(doc, options.reason, at, options.user);
  }
  const answers = stampAnswers(doc.answers, report.changes, at, options.user);
  doc = { ...doc, answers, updatedAt: at, updatedBy: options.user };
  if (report.submit)
    doc = submitted(doc, submitAnswers(options.template, { now: options.at }), at, options.user);
  return doc;
}
