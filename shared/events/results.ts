/**
 * An event's results from its participants' responses (the BIPM capacity-building programme's
 * quantitative feedback after every course; the DEC plan's "feedback from participants on
 * outcomes, implementation plans and lessons learned"): the response rate, each rating's
 * distribution and mean, the comments, the implementation plans, and the follow-up of each plan
 * three months after the event. Pure functions over the template and the responses' answers,
 * so the screen, its tables and the workbook agree.
 *
 * What a question is, is read from the questionnaire itself, so an imported XLSForm works too:
 * a rating is a select_one whose choices are all whole numbers (1 — poor … 5 — excellent); a
 * comment is a multi-line text question; the implementation plan is the question named
 * `implementation_plan`; the participant's name, where given, is `participant_name`.
 */
import type { AnswerValue } from '../docs/response/schema';
import { walkItems, type QuestionItem, type Template } from '../forms/model';
import { isIsoDate, pickText } from '../forms/rules';
import { PLAN_FOLLOWUP_MONTHS } from './kinds';

export const PLAN_QUESTION = 'implementation_plan';
export const NAME_QUESTION = 'participant_name';

/** One participant's response as the results read it (a read-model row or the document's values). */
export interface FeedbackFacts {
  id: string;
  org: string;
  event: string;
  participant: string;
  templateId: string;
  status: 'draft' | 'submitted';
  answers: Readonly<Record<string, AnswerValue>>;
}

export interface RatingResult {
  name: string;
  label: string;
  choices: { name: string; label: string; count: number }[];
  answered: number;
  /** The mean of the numbers chosen, to one decimal; undefined when nobody answered. */
  mean?: number;
}

export interface EventResults {
  /** People who attended, as the organiser recorded it. */
  attendance?: number;
  submitted: number;
  /** Begun and not sent (a participant who walked away from the kiosk). */
  unfinished: number;
  /** Submitted ÷ attendance, 0–1; undefined while the attendance is not known. */
  rate?: number;
  ratings: RatingResult[];
  comments: { name: string; label: string; texts: string[] }[];
  plans: { responseId: string; org: string; participant: string; name: string; plan: string }[];
}

function questions(template: Template): QuestionItem[] {
  const out: QuestionItem[] = [];
  for (const { item, repeats } of walkItems(template.items))
    if (item.kind === 'question' && repeats.length === 0) out.push(item);
  return out;
}

function isRating(item: QuestionItem, template: Template): boolean {
  if (item.type !== 'select_one' || !item.listName) return false;
  const choices = template.choiceLists[item.listName] ?? [];
  return choices.length >= 2 && choices.every((c) => /^\d+$/.test(c.name));
}

const text = (value: AnswerValue | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** The results of one event's responses to one questionnaire. */
export function eventResults(
  template: Template,
  responses: readonly FeedbackFacts[],
  attendance: number | null | undefined,
): EventResults {
  const mine = responses.filter((r) => r.templateId === template.id);
  const sent = mine.filter((r) => r.status === 'submitted');
  const all = questions(template);
  const ratings = all
    .filter((q) => isRating(q, template))
    .map((q): RatingResult => {
      const choices = (template.choiceLists[q.listName ?? ''] ?? []).map((c) => ({
        name: c.name,
        label: pickText(c.label, template) || c.name,
        count: sent.filter((r) => r.answers[q.name] === c.name).length,
      }));
      const answered = choices.reduce((n, c) => n + c.count, 0);
      const total = choices.reduce((n, c) => n + Number(c.name) * c.count, 0);
      return {
        name: q.name,
        label: pickText(q.label, template) || q.name,
        choices,
        answered,
        ...(answered > 0 ? { mean: Math.round((total / answered) * 10) / 10 } : {}),
      };
    });
  const comments = all
    .filter((q) => q.type === 'text' && q.name !== PLAN_QUESTION && /multiline/.test(q.appearance ?? ''))
    .map((q) => ({
      name: q.name,
      label: pickText(q.label, template) || q.name,
      texts: sent.map((r) => text(r.answers[q.name])).filter(Boolean),
    }));
  const plans = all.some((q) => q.name === PLAN_QUESTION)
    ? sent
        .filter((r) => text(r.answers[PLAN_QUESTION]))
        .map((r) => ({
          responseId: r.id,
          org: r.org,
          participant: r.participant,
          name: text(r.answers[NAME_QUESTION]),
          plan: text(r.answers[PLAN_QUESTION]),
        }))
    : [];
  const known = typeof attendance === 'number' && attendance > 0 ? attendance : undefined;
  return {
    ...(known !== undefined ? { attendance: known, rate: sent.length / known } : {}),
    submitted: sent.length,
    unfinished: mine.length - sent.length,
    ratings,
    comments,
    plans,
  };
}

/** The day a plan is followed up: the event's last day (or first) plus three months. */
export function planFollowupDue(event: { start: string; end: string }): string | undefined {
  const base = isIsoDate(event.end) ? event.end : isIsoDate(event.start) ? event.start : undefined;
  if (!base) return undefined;
  const [y, m, d] = base.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + PLAN_FOLLOWUP_MONTHS, d)).toISOString().slice(0, 10);
}

export type PlanFollowupState = 'sent' | 'started' | 'overdue' | 'due' | 'later';

export interface PlanFollowup {
  responseId: string;
  org: string;
  participant: string;
  name: string;
  plan: string;
  due?: string;
  state: PlanFollowupState;
  /** The follow-up's answer to "how far has the plan gone", when sent. */
  status?: string;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

/**
 * Each plan's follow-up: sent, begun, overdue (due date passed), due within 30 days, or later.
 * A follow-up is the response to the follow-up questionnaire for the same event and participant
 * (`followups`), written in the same institute's database as the plan: the participant's own,
 * or the organiser's for a plan written at its kiosk.
 */
export function planFollowups(
  event: { start: string; end: string },
  plans: EventResults['plans'],
  followups: readonly FeedbackFacts[],
  today: string,
): PlanFollowup[] {
  const due = planFollowupDue(event);
  return plans.map((p) => {
    const found = followups.find((f) => f.participant === p.participant && f.org === p.org);
    const left = due ? dayNumber(due) - dayNumber(today) : undefined;
    const state: PlanFollowupState =
      found?.status === 'submitted'
        ? 'sent'
        : found
          ? 'started'
          : left === undefined
            ? 'later'
            : left < 0
              ? 'overdue'
              : left <= 30
                ? 'due'
                : 'later';
    const status = found?.status === 'submitted' ? text(found.answers['plan_status']) : '';
    return { ...p, ...(due ? { due } : {}), state, ...(status ? { status } : {}) };
  });
}
