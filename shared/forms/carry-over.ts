/**
 * "Start this cycle from last cycle's answers" across template versions: answers travel by
 * question code (the question's name), into the questions of the new version that have the
 * same code and take the same kind of answer. Answers to questions the new version no
 * longer asks, choices it no longer offers, metadata (start, today…) and values the new
 * version calculates itself stay behind, and so do tables another part of the app answers
 * (support received, from the support ledger); the earlier response is never changed.
 */
import type { AnswerValue } from '../docs/response/schema';
import { answeredElsewhere } from './answered-elsewhere';
import { inputTypes, walkItems, type QuestionItem, type RepeatItem, type Template } from './model';
import { instanceIds } from './rules';

interface Place {
  item: QuestionItem | RepeatItem;
  /** Names of the enclosing repeats, outermost first. */
  repeats: string[];
}

function places(template: Template): Map<string, Place> {
  const map = new Map<string, Place>();
  for (const { item, repeats } of walkItems(template.items)) {
    if (item.kind === 'group') continue;
    map.set(item.name, { item, repeats: repeats.map((r) => r.name) });
  }
  return map;
}

/** `need#k1/need_area` → the question name and the repeat names on its path. */
function parseKey(key: string): { name: string; repeats: string[] } {
  const parts = key.split('/');
  const name = parts.at(-1) ?? key;
  const repeats = parts.slice(0, -1).map((part) => part.split('#')[0] ?? part);
  return { name: name.split('#')[0] ?? name, repeats };
}

const NUMERIC = new Set(['integer', 'decimal']);

/** Whether a value answered to `from` is a valid answer to `to` (kind and choices). */
function fits(
  value: AnswerValue,
  from: QuestionItem,
  to: QuestionItem,
  target: Template,
): AnswerValue | undefined {
  if (value === null) return undefined;
  if (from.type !== to.type && !(NUMERIC.has(from.type) && NUMERIC.has(to.type))) return undefined;
  if (to.type === 'integer' && (typeof value !== 'number' || !Number.isInteger(value))) return undefined;
  const choices = to.listName ? target.choiceLists[to.listName] : undefined;
  if (!choices) return value;
  const known = new Set(choices.map((c) => c.name));
  if (Array.isArray(value)) {
    const kept = value.filter((v) => known.has(v));
    return kept.length ? kept : undefined;
  }
  return typeof value === 'string' && known.has(value) ? value : undefined;
}

/** The repeats of `template` that another part of the app answers, by name. */
function answeredElsewhereIn(template: Template): Set<string> {
  const names = new Set<string>();
  for (const { item, repeats } of walkItems(template.items))
    if (answeredElsewhere(item, repeats)) names.add(item.name);
  return names;
}

export interface CarriedOver {
  answers: Record<string, AnswerValue>;
  /** Codes answered last cycle that the new version does not take (asked no more, or another kind). */
  left: string[];
}

export function carryOver(
  from: Template,
  to: Template,
  answers: Readonly<Record<string, AnswerValue>>,
): CarriedOver {
  const before = places(from);
  const elsewhere = answeredElsewhereIn(to);
  const after = places(to);
  const carried: Record<string, AnswerValue> = {};
  const left = new Set<string>();
  for (const [key, value] of Object.entries(answers)) {
    const { name, repeats } = parseKey(key);
    // What another part of the app answers (support received: the ledger) is not carried: the
    // new cycle reads its own entries there.
    if (elsewhere.has(repeats[0] ?? name)) continue;
    const was = before.get(name);
    const now = after.get(name);
    if (!was || was.repeats.join('/') !== repeats.join('/')) continue;
    if (!now || now.repeats.join('/') !== was.repeats.join('/') || now.item.kind !== was.item.kind) {
      if (value !== null) left.add(name);
      continue;
    }
    if (now.item.kind === 'repeat') {
      // A list of instance ids; a repeat whose count the new version calculates makes its own.
      if (now.item.repeatCount === undefined && instanceIds(value).length) carried[key] = instanceIds(value);
      continue;
    }
    const question = now.item;
    if (!inputTypes.includes(question.type) || question.calculation || was.item.kind !== 'question') continue;
    const value2 = fits(value, was.item, question, to);
    if (value2 === undefined) {
      if (value !== null) left.add(name);
      continue;
    }
    carried[key] = value2;
  }
  return { answers: carried, left: [...left] };
}
