/**
 * How a response changes, as pure functions over the document: stamping changed answers
 * (who, when, and the stamp of the entry replaced, which the merge rule depends on), and
 * a new draft. The app's repository and the `workbench` command both write through these,
 * so a response changed by either merges the same way.
 */
import { feedbackResponseId, responseId } from '../../ids';
import { answerStamp, RESPONSE_SCHEMA_VERSION, type AnswerValue, type ResponseDoc } from './schema';

/**
 * The answers with `changes` applied, each changed one stamped with `at` and `by` and the
 * stamp it replaced. Unchanged values (and new empty ones) are left alone; when nothing
 * changes, the same object is returned.
 */
export function stampAnswers(
  answers: ResponseDoc['answers'],
  changes: Readonly<Record<string, AnswerValue>>,
  at: string,
  by: string,
): ResponseDoc['answers'] {
  const next = { ...answers };
  let changed = false;
  for (const [name, value] of Object.entries(changes)) {
    const before = next[name];
    if (before && JSON.stringify(before.value) === JSON.stringify(value)) continue;
    if (!before && value === null) continue;
    next[name] = before ? { value, at, by, prev: answerStamp(before) } : { value, at, by };
    changed = true;
  }
  return changed ? next : answers;
}

export interface NewResponse {
  org: string;
  templateId: string;
  templateVersion: string;
  cycle: number;
  answers: Readonly<Record<string, AnswerValue>>;
  at: string;
  by: string;
  /** For a participant's response to an event's questionnaire: the event and the participant. */
  event?: { id: string; participant: string };
}

/** A first-revision draft with the given answers stamped as new. */
export function newResponseDoc(input: NewResponse): ResponseDoc {
  const { event } = input;
  return {
    _id: event
      ? feedbackResponseId(input.org, input.templateId, input.cycle, event.id, event.participant)
      : responseId(input.org, input.templateId, input.cycle),
    type: 'response',
    schemaVersion: RESPONSE_SCHEMA_VERSION,
    org: input.org,
    createdAt: input.at,
    updatedAt: input.at,
    updatedBy: input.by,
    templateId: input.templateId,
    templateVersion: input.templateVersion,
    cycle: input.cycle,
    status: 'draft',
    revision: 1,
    history: [],
    answers: stampAnswers({}, input.answers, input.at, input.by),
    ...(event ? { event: event.id, participant: event.participant } : {}),
  };
}

export function answerValues(doc: Pick<ResponseDoc, 'answers'>): Record<string, AnswerValue> {
  return Object.fromEntries(Object.entries(doc.answers).map(([key, entry]) => [key, entry.value]));
}

/** The response submitted by `by` at `at`, with the answers filled at submission; unchanged if already submitted. */
export function submitted(
  doc: ResponseDoc,
  atSubmit: Readonly<Record<string, AnswerValue>>,
  at: string,
  by: string,
): ResponseDoc {
  if (doc.status === 'submitted') return doc;
  return {
    ...doc,
    answers: stampAnswers(doc.answers, atSubmit, at, by),
    status: 'submitted',
    history: [...doc.history, { kind: 'submitted', revision: doc.revision, at, by }],
  };
}

/** A submitted response made editable again as its next revision, with the reason kept; unchanged if a draft. */
export function reopened(doc: ResponseDoc, reason: string, at: string, by: string): ResponseDoc {
  if (doc.status !== 'submitted') return doc;
  const revision = doc.revision + 1;
  return {
    ...doc,
    status: 'draft',
    revision,
    history: [...doc.history, { kind: 'reopened', revision, at, by, reason }],
  };
}
