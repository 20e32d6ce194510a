/**
 * Turns the answers a questionnaire model wants into a response document as the app
 * would have stored it: only relevant answers, each with who and when (`at`, `by`, and
 * `prev` where it replaced an earlier value), drafts cut off part-way through the form
 * (people fill from the top), now and then a number typed as text, and the submission
 * and reopening history. Every submitted response passes the template's rules
 * (nothing missing, nothing invalid); a generic filler answers any question a model
 * does not know, so any template can be seeded.
 */
import { RESPONSE_SCHEMA_VERSION, type AnswerValue, type ResponseDoc } from '../../docs/response/schema';
import { inputTypes, metadataTypes, type Choice, type QuestionItem, type Template } from '../../forms/model';
import { evaluateForm, isEmptyAnswer, type FormEvaluation } from '../../forms/rules';
import { responseId } from '../../ids';
import { iso, type InstituteSeedContext } from '../context';
import type { Rng } from '../random';
import { REOPEN_REASONS, TYPED_NUMBERS } from '../text';

export interface ResponseShape {
  template: Template;
  cycle: number;
  status: 'draft' | 'submitted';
  /** Drafts: the share of the form's answers given, in form order (0–1). */
  completeness: number;
  /** Submitted: reopened once and submitted again. Draft: reopened and being revised. */
  reopened: boolean;
  /** Drafts: how many numbers are left as typed text ("about 12"). */
  typed: number;
}

type Values = Record<string, AnswerValue>;

/** A value of the right type for any question, used where a model has nothing better. */
export function genericValue(
  item: QuestionItem,
  choices: readonly Choice[] | undefined,
  rng: Rng,
  cycle: number,
): AnswerValue {
  switch (item.type) {
    case 'integer':
      return /year/i.test(item.name) ? rng.int(cycle - 15, cycle) : rng.int(1, 20);
    case 'decimal':
      return Math.round(rng.real(1, 20) * 2) / 2;
    case 'date': {
      const day = new Date(Date.UTC(cycle, rng.int(0, 9), rng.int(1, 28)));
      return day.toISOString().slice(0, 10);
    }
    case 'select_one':
      return choices && choices.length > 0 ? rng.pick(choices).name : null;
    case 'select_multiple':
      return choices && choices.length > 0
        ? rng.sample(choices, rng.int(1, Math.min(3, choices.length))).map((c) => c.name)
        : [];
    case 'acknowledge':
      return 'OK';
    case 'text':
      return 'See the attached notes.';
    default:
      return null;
  }
}

function choicesOf(template: Template, item: QuestionItem): readonly Choice[] | undefined {
  return item.listName ? template.choiceLists[item.listName] : undefined;
}

function evaluate(template: Template, values: Values, cycle: number): FormEvaluation {
  return evaluateForm(template, values, { now: new Date(Date.UTC(cycle, 11, 1)) });
}

/**
 * Keeps the answers that are relevant, fills required ones a model left empty and
 * replaces invalid ones (submitted responses only), in form order with the repeat
 * lists placed before their first instance. Returns the ordered keys too.
 */
function settle(
  template: Template,
  wanted: Values,
  cycle: number,
  rng: Rng,
  complete: boolean,
): { values: Values; order: string[]; ok: boolean } {
  let values: Values = { ...wanted };
  let evaluation = evaluate(template, values, cycle);
  for (let round = 0; complete && round < 4; round++) {
    const fix = [...evaluation.missing, ...evaluation.invalid];
    if (fix.length === 0) break;
    for (const key of fix) {
      const field = evaluation.fields.get(key);
      if (field) values[key] = genericValue(field.item, choicesOf(template, field.item), rng, cycle);
    }
    evaluation = evaluate(template, values, cycle);
  }
  const kept: Values = {};
  const order: string[] = [];
  const repeatLists = [...evaluation.blocks.values()].filter(
    (b) => b.kind === 'repeat' && !b.fixedCount && b.relevant && b.instances.length > 0,
  );
  for (const field of evaluation.fields.values()) {
    const list = repeatLists.find((b) => field.key.startsWith(`${b.key}#`));
    if (list && !(list.key in kept)) {
      kept[list.key] = [...list.instances];
      order.push(list.key);
    }
    const isInput = inputTypes.includes(field.item.type) || metadataTypes.includes(field.item.type);
    const value = values[field.key];
    if (!field.relevant || !isInput || value === undefined || isEmptyAnswer(value)) continue;
    kept[field.key] = value;
    order.push(field.key);
  }
  values = kept;
  const ok = !complete || (evaluation.missing.length === 0 && evaluation.invalid.length === 0);
  return { values, order, ok };
}

/** Draft: the answers up to `completeness` of the way through the form, repeat lists trimmed to match. */
function cut(
  values: Values,
  order: readonly string[],
  completeness: number,
  keep: ReadonlySet<string>,
): { values: Values; order: string[] } {
  const answerKeys = order.filter(
    (k) => !Array.isArray(values[k]) || !order.some((o) => o.startsWith(`${k}#`)),
  );
  const limit = Math.round(answerKeys.length * Math.max(0, Math.min(1, completeness)));
  const given = new Set([...answerKeys.slice(0, limit), ...keep]);
  const out: Values = {};
  const outOrder: string[] = [];
  for (const key of order) {
    const value = values[key];
    if (value === undefined) continue;
    const isList = Array.isArray(value) && order.some((o) => o.startsWith(`${key}#`));
    if (isList) {
      const ids = (value as string[]).filter((id) => [...given].some((g) => g.startsWith(`${key}#${id}/`)));
      if (ids.length === 0) continue;
      out[key] = ids;
      outOrder.push(key);
      continue;
    }
    if (!given.has(key)) continue;
    out[key] = value;
    outOrder.push(key);
  }
  return { values: out, order: outOrder };
}

/**
 * The response document for one template and cycle. `wanted` holds the answers the
 * model chose (metadata questions are filled here); `shape` says how far it got.
 */
export function buildResponse(
  ctx: InstituteSeedContext,
  rng: Rng,
  shape: ResponseShape,
  /** The answers wanted, or a function of the creation time giving them (e.g. for dates). */
  wanted: Values | ((createdMs: number) => Values),
): ResponseDoc {
  const { template, cycle } = shape;
  const org = ctx.institute.slug;
  const author = ctx.people[0] ?? 'Training user';
  const window = ctx.window(cycle);
  // The response's life laid out inside its cycle: created, filled, submitted, reopened,
  // corrected, submitted again; the steps use at most 83 % of the time left, so nothing
  // is dated after the cycle (or the dataset's "today").
  const createdMs = window.start + Math.floor(rng.real(0, 0.3) * (window.end - window.start));
  const left = window.end - createdMs;
  const fillEnd = createdMs + Math.floor(rng.real(0.2, 0.4) * left);
  const submit1Ms = fillEnd + Math.floor(rng.real(0.02, 0.08) * left);
  const reopenMs = submit1Ms + Math.floor(rng.real(0.05, 0.2) * left);
  const submit2Ms = reopenMs + Math.floor(rng.real(0.08, 0.15) * left);

  // Metadata, as the app fills it when a response is created.
  const meta: Values = {};
  for (const item of walkQuestions(template)) {
    if (item.type === 'start') meta[item.name] = iso(createdMs);
    if (item.type === 'today') meta[item.name] = iso(createdMs).slice(0, 10);
    if (item.type === 'username') meta[item.name] = author;
  }
  const submitted = shape.status === 'submitted';
  const chosen = typeof wanted === 'function' ? wanted(createdMs) : wanted;
  const settled = settle(template, { ...chosen, ...meta }, cycle, rng, submitted || shape.reopened);
  let status = shape.status;
  if (submitted && !settled.ok) status = 'draft';
  let { values, order } = settled;
  if (status === 'draft' && !shape.reopened) {
    ({ values, order } = cut(values, order, shape.completeness, new Set(Object.keys(meta))));
  }

  // Who answered what, and when: top to bottom between creation and fillEnd.
  const answers: ResponseDoc['answers'] = {};
  const by = (r: Rng) => (r.chance(0.75) ? author : r.pick(ctx.people));
  order.forEach((key, index) => {
    const value = values[key];
    if (value === undefined) return;
    const isMeta = key in meta;
    const atMs = isMeta
      ? createdMs
      : createdMs + Math.floor(((index + rng.real(0, 1)) / (order.length + 1)) * (fillEnd - createdMs));
    const who = isMeta ? author : by(rng);
    const entry: ResponseDoc['answers'][string] = { value, at: iso(atMs), by: who };
    if (!isMeta && rng.chance(0.12)) {
      const prevMs = Math.max(createdMs, atMs - rng.int(1, 5 * 24) * 3_600_000);
      if (prevMs < atMs) entry.prev = `${iso(prevMs)}|${by(rng)}`;
    }
    answers[key] = entry;
  });

  // Drafts: a number or two typed as text, kept as typed (the app shows why it is not valid).
  if (status === 'draft' && shape.typed > 0) {
    const numeric = Object.keys(answers).filter((key) => {
      const item = itemOf(template, key);
      return (
        (item?.type === 'integer' || item?.type === 'decimal') && typeof answers[key]?.value === 'number'
      );
    });
    for (const key of rng.sample(numeric, shape.typed)) {
      const entry = answers[key];
      if (entry) entry.value = rng.pick(TYPED_NUMBERS)(Number(entry.value));
    }
  }

  const history: ResponseDoc['history'] = [];
  let revision = 1;
  const submit = (ms: number, rev: number) => {
    history.push({ kind: 'submitted', revision: rev, at: iso(ms), by: author });
    for (const item of walkQuestions(template)) {
      if (item.type !== 'end') continue;
      const before = answers[item.name];
      answers[item.name] = {
        value: iso(ms),
        at: iso(ms),
        by: author,
        ...(before ? { prev: `${before.at}|${before.by}` } : {}),
      };
    }
  };
  if (status === 'submitted' || shape.reopened) submit(submit1Ms, 1);
  if (shape.reopened && history.length > 0) {
    const reopener = rng.pick(ctx.people);
    revision = 2;
    history.push({
      kind: 'reopened',
      revision,
      at: iso(reopenMs),
      by: reopener,
      reason: rng.pick(REOPEN_REASONS),
    });
    // A few counts corrected in the new revision, each made on top of the old answer.
    const counts = Object.keys(answers).filter((key) => {
      const item = itemOf(template, key);
      return (
        item?.type === 'integer' &&
        typeof answers[key]?.value === 'number' &&
        !/year|priority/i.test(key) &&
        !item.constraint?.includes('<=')
      );
    });
    for (const key of rng.sample(counts, rng.int(1, 3))) {
      const before = answers[key];
      if (!before) continue;
      const atMs = reopenMs + Math.floor(rng.real(0, 0.5) * (submit2Ms - reopenMs));
      answers[key] = {
        value: Number(before.value) + rng.int(1, 3),
        at: iso(atMs),
        by: reopener,
        prev: `${before.at}|${before.by}`,
      };
    }
    if (status === 'submitted') submit(submit2Ms, 2);
  }
  // The last change made, and by whom.
  let updatedMs = createdMs;
  let updatedBy = author;
  for (const stamp of [...Object.values(answers), ...history]) {
    const ms = Date.parse(stamp.at);
    if (ms >= updatedMs) {
      updatedMs = ms;
      updatedBy = stamp.by;
    }
  }

  return {
    _id: responseId(org, template.id, cycle),
    type: 'response',
    schemaVersion: RESPONSE_SCHEMA_VERSION,
    org,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
    updatedBy,
    templateId: template.id,
    templateVersion: template.version,
    cycle,
    status,
    revision,
    history,
    answers,
  };
}

function* walkQuestions(template: Template): Generator<QuestionItem> {
  const stack = [...template.items];
  while (stack.length > 0) {
    const item = stack.shift();
    if (!item) break;
    if (item.kind === 'question') yield item;
    else stack.unshift(...item.items);
  }
}

const itemCache = new WeakMap<Template, Map<string, QuestionItem>>();
/** The question a key answers: `need#k1/need_area` → need_area. */
function itemOf(template: Template, key: string): QuestionItem | undefined {
  let index = itemCache.get(template);
  if (!index) {
    index = new Map([...walkQuestions(template)].map((q) => [q.name, q]));
    itemCache.set(template, index);
  }
  return index.get(key.slice(key.lastIndexOf('/') + 1));
}
