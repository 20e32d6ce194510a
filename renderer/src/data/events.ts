/**
 * Writing events and participants' responses to them. An event is saved like the funding
 * kinds (a new document, or the changed fields applied to the latest revision, retried on a
 * conflict: ./funding.ts `saveDoc`). A participant's response is started once per event,
 * questionnaire and participant (`feedbackResponseId`): at a kiosk each participant gets a new
 * key; on the participant's own computer the key is made from their name, so a second computer
 * of theirs opens the same response.
 */
import type { EventDoc } from '@shared/docs/event/schema';
import { newResponseDoc } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { WorkbenchError } from '@shared/errors';
import { FEEDBACK_TEMPLATE, PLAN_FOLLOWUP_TEMPLATE } from '@shared/events/kinds';
import type { Template } from '@shared/forms/model';
import { initialAnswers, isIsoDate } from '@shared/forms/rules';
import { findShippedTemplate, latestShippedTemplate } from '@shared/forms/shipped';
import { feedbackResponseId, toSlug } from '@shared/ids';
import { adoptLibraryTemplate } from './library-templates';
import type { Repository } from './repository';
import { isConflict } from './storage-errors';
import type { Workspace } from './workspace';

/** The key of a participant answering on their own computer: the same on each of their computers. */
export function ownParticipantKey(user: string): string {
  return `u-${toSlug(user).slice(0, 60) || 'participant'}`;
}

/** A new anonymous participant at a kiosk. */
export function kioskParticipantKey(): string {
  return `k-${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** The cycle of an event's responses: the year it ended (or started), else this year. */
export function eventCycle(event: Pick<EventDoc, 'start' | 'end'>, now = new Date()): number {
  const day = isIsoDate(event.end) ? event.end : isIsoDate(event.start) ? event.start : '';
  return day ? Number(day.slice(0, 4)) : now.getFullYear();
}

/**
 * An event's questionnaire: shipped, imported on this computer, or published in the library
 * (then copied into the institute's database, so it travels with the responses).
 */
export async function eventTemplate(
  workspace: Pick<Workspace, 'repository' | 'libraryRepository'>,
  id: string,
  version: string,
): Promise<Template> {
  const template =
    findShippedTemplate(id, version) ??
    (await workspace.repository.getTemplate(id, version)) ??
    (await adoptLibraryTemplate(workspace, id, version));
  if (!template)
    throw new WorkbenchError(
      'not-found',
      `This event’s questionnaire (${id}, version ${version}) is not on this computer. Import it, or ask the secretariat to publish it in the library.`,
    );
  return template;
}

/** The follow-up questionnaire of implementation plans (shipped). */
export function planFollowupTemplate(): Template {
  const template = latestShippedTemplate(PLAN_FOLLOWUP_TEMPLATE);
  if (!template)
    throw new WorkbenchError('not-found', 'The follow-up questionnaire is missing from this app.');
  return template;
}

/** What the app fills in for the participant: the event's name and day, or the plan followed up. */
export function prefill(event: EventDoc, template: Template, plan?: string): Record<string, AnswerValue> {
  if (template.id === PLAN_FOLLOWUP_TEMPLATE) return plan ? { plan } : {};
  if (template.id !== FEEDBACK_TEMPLATE) return {};
  return { workshop_name: event.title, ...(isIsoDate(event.end) ? { workshop_date: event.end } : {}) };
}

/**
 * The participant's response to one of the event's questionnaires: the one already started, or
 * a new draft with the app's answers filled in.
 */
export async function startEventResponse(
  repository: Repository,
  input: {
    org: string;
    user: string;
    event: EventDoc;
    template: Template;
    participant: string;
    plan?: string;
  },
): Promise<ResponseDoc> {
  const { event, template, participant } = input;
  const cycle = eventCycle(event);
  const id = feedbackResponseId(input.org, template.id, cycle, event._id, participant);
  const existing = await repository.getResponse(id);
  if (existing) return existing;
  const now = new Date();
  const doc = newResponseDoc({
    org: input.org,
    templateId: template.id,
    templateVersion: template.version,
    cycle,
    answers: {
      ...initialAnswers(template, { now, user: input.user }),
      ...prefill(event, template, input.plan),
    },
    at: now.toISOString(),
    by: input.user,
    event: { id: event._id, participant },
  });
  try {
    return await repository.put(doc);
  } catch (error) {
    if (isConflict(error)) {
      const made = await repository.getResponse(id);
      if (made) return made;
    }
    throw error;
  }
}
