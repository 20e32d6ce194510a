/**
 * Merging the conflicting revisions of one document, the same way on every device.
 *
 * CouchDB keeps every leaf revision when two devices edit a document offline; it picks a
 * winner, but the losers still hold edits. This module computes, from all the leaves,
 * the one merged body that every device would compute, and the fields that two people
 * changed to different values, which a person must choose between.
 *
 * - Responses merge answer by answer. Each answer carries who and when it was set and
 *   the stamp of the answer it replaced (`prev`), so an answer made on top of another
 *   supersedes it. The answers no other answer supersedes are the current ones; when
 *   there are two or more with different values, that question is a same-field conflict.
 * - Any other document merges field by field against the common ancestor revision
 *   (which PouchDB keeps locally): a field changed on one side only takes that change;
 *   changed on several sides to different values, it is a conflict.
 *
 * The result depends only on the set of leaves, never on which one the caller holds or
 * receives first: leaves are sorted by revision before anything is compared.
 */
import { mergeCaseStudyParts } from '../case-studies/merge';
import { docKinds, type KnownDocType } from '../docs/registry';
import { answerStamp, type AnswerEntry } from '../docs/response/schema';
import { upgradeToCurrent } from '../docs/upgrade';

export interface Leaf {
  _id: string;
  _rev: string;
  [field: string]: unknown;
}

export interface ConflictOption {
  rev: string;
  value: unknown;
  at?: string;
  by?: string;
}

export interface FieldConflict {
  /**
   * An answer key for responses (`answers.<key>`), a milestone's field for CMC plans
   * (`milestones.<milestone>.<field>`), or a top-level field name.
   */
  field: string;
  options: ConflictOption[];
}

export interface MergeResult {
  /** The merged body, without `_rev`. For fields in conflict it holds the default choice. */
  merged: Record<string, unknown>;
  conflicts: FieldConflict[];
  /** True when every leaf already has the merged content (only the losers need deleting). */
  identical: boolean;
}

/**
 * The parts of a document merged entry by entry (see mergeKeyed): a CMC plan's milestones,
 * review rounds and checklist; a funder's programmes; an activity's results and participants;
 * an event's speakers and participants.
 */
const KEYED_PARTS: Readonly<Record<string, readonly string[]>> = {
  cmcplan: ['milestones', 'reviewRounds', 'checklist'],
  funder: ['programmes'],
  activity: ['results', 'participants'],
  event: ['speakers', 'participants'],
};
const KEYED_PART_NAMES = new Set(Object.values(KEYED_PARTS).flat());

/** A revision in the current schema of its type; as it is when it cannot be upgraded. */
function upgraded<T extends Record<string, unknown>>(doc: T): T {
  const type = doc['type'];
  if (typeof type !== 'string' || !Object.hasOwn(docKinds, type)) return doc;
  const kind = docKinds[type as KnownDocType];
  if (doc['schemaVersion'] === kind.current) return doc;
  try {
    return upgradeToCurrent(doc, kind.current, kind.upgrades) as T;
  } catch {
    return doc;
  }
}

/** Fields that are bookkeeping, never conflicts in themselves. */
const BOOKKEEPING = new Set(['_rev', '_revisions', '_conflicts', '_revs_info', 'updatedAt', 'updatedBy']);

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const sameValue = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

function byRev(a: Leaf, b: Leaf): number {
  const [na, ha] = a._rev.split('-');
  const [nb, hb] = b._rev.split('-');
  return Number(nb) - Number(na) || ((ha ?? '') < (hb ?? '') ? 1 : (ha ?? '') > (hb ?? '') ? -1 : 0);
}

function latestFirst(
  a: { at?: string; by?: string; rev: string },
  b: { at?: string; by?: string; rev: string },
) {
  return (
    (b.at ?? '').localeCompare(a.at ?? '') ||
    (b.by ?? '').localeCompare(a.by ?? '') ||
    b.rev.localeCompare(a.rev)
  );
}

function content(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !BOOKKEEPING.has(k) && k !== '_id'));
}

function isAnswerEntry(value: unknown): value is AnswerEntry {
  return typeof value === 'object' && value !== null && 'at' in value && 'by' in value && 'value' in value;
}

/** The current answers for one question across leaves: those no other answer was made on top of. */
function currentAnswers(
  entries: { entry: AnswerEntry; rev: string }[],
): { entry: AnswerEntry; rev: string }[] {
  const distinct = new Map<string, { entry: AnswerEntry; rev: string }>();
  for (const e of entries) if (!distinct.has(answerStamp(e.entry))) distinct.set(answerStamp(e.entry), e);
  const all = [...distinct.values()];
  const superseded = new Set<string>();
  // An answer supersedes the one it replaced, and, through the chain, everything before it.
  const byStamp = new Map(all.map((e) => [answerStamp(e.entry), e.entry]));
  for (const { entry } of all) {
    let prev = entry.prev;
    const seen = new Set<string>();
    while (prev !== undefined && !seen.has(prev)) {
      seen.add(prev);
      superseded.add(prev);
      prev = byStamp.get(prev)?.prev;
    }
  }
  return all.filter((e) => !superseded.has(answerStamp(e.entry)));
}

function mergeAnswers(leaves: Leaf[], conflicts: FieldConflict[]): Record<string, AnswerEntry> {
  const keys = new Set<string>();
  for (const leaf of leaves)
    for (const key of Object.keys((leaf['answers'] as object | undefined) ?? {})) keys.add(key);
  const merged: Record<string, AnswerEntry> = {};
  for (const key of [...keys].sort()) {
    const entries: { entry: AnswerEntry; rev: string }[] = [];
    for (const leaf of leaves) {
      const entry = ((leaf['answers'] as Record<string, unknown> | undefined) ?? {})[key];
      if (isAnswerEntry(entry)) entries.push({ entry, rev: leaf._rev });
    }
    const current = currentAnswers(entries).sort((a, b) =>
      latestFirst({ ...a.entry, rev: a.rev }, { ...b.entry, rev: b.rev }),
    );
    const first = current[0];
    if (!first) continue;
    merged[key] = first.entry;
    const values = new Map<string, { entry: AnswerEntry; rev: string }>();
    for (const c of current) if (!values.has(stable(c.entry.value))) values.set(stable(c.entry.value), c);
    if (values.size > 1) {
      conflicts.push({
        field: `answers.${key}`,
        options: [...values.values()].map((c) => ({
          rev: c.rev,
          value: c.entry.value,
          at: c.entry.at,
          by: c.entry.by,
        })),
      });
    }
  }
  return merged;
}

/** Union of two histories of events, in time order, without duplicates. */
function mergeHistory(leaves: Leaf[]): unknown[] {
  const events = new Map<string, { at: string; value: unknown }>();
  for (const leaf of leaves) {
    for (const event of (leaf['history'] as unknown[] | undefined) ?? []) {
      const at = (event as { at?: string }).at ?? '';
      events.set(stable(event), { at, value: event });
    }
  }
  return [...events.entries()]
    .sort(([ka, a], [kb, b]) => a.at.localeCompare(b.at) || ka.localeCompare(kb))
    .map(([, e]) => e.value);
}

function mergeFields(
  leaves: Leaf[],
  ancestor: Record<string, unknown> | undefined,
  skip: ReadonlySet<string>,
  conflicts: FieldConflict[],
): Record<string, unknown> {
  const fields = new Set<string>();
  for (const leaf of leaves) for (const key of Object.keys(content(leaf))) fields.add(key);
  const merged: Record<string, unknown> = {};
  for (const field of [...fields].sort()) {
    if (skip.has(field)) continue;
    const values = leaves.map((leaf) => ({
      rev: leaf._rev,
      value: leaf[field],
      at: leaf['updatedAt'] as string | undefined,
      by: leaf['updatedBy'] as string | undefined,
    }));
    const distinct = new Map<string, (typeof values)[number]>();
    for (const v of values) if (!distinct.has(stable(v.value))) distinct.set(stable(v.value), v);
    if (distinct.size === 1) {
      merged[field] = values[0]?.value;
      continue;
    }
    // Changed from the ancestor on one side only: that change wins.
    const changed = ancestor
      ? [...distinct.values()].filter((v) => !sameValue(v.value, ancestor[field]))
      : [...distinct.values()];
    if (changed.length === 1) {
      merged[field] = changed[0]?.value;
      continue;
    }
    const options = changed.sort(latestFirst);
    merged[field] = options[0]?.value;
    conflicts.push({
      field,
      options: options.map(({ rev, value, at, by }) => ({
        rev,
        value,
        ...(at ? { at } : {}),
        ...(by ? { by } : {}),
      })),
    });
  }
  return merged;
}

/**
 * A keyed part of a document (KEYED_PARTS) entry by entry and field by field, so that two
 * people completing different milestones, recording different review rounds, editing
 * different programmes, or one setting a date and another the notes, merge without asking.
 * Conflicts are named `<part>.<key>.<field>`, e.g. `milestones.training.planned`.
 */
function mergeKeyed(
  part: string,
  leaves: Leaf[],
  ancestor: Record<string, unknown> | undefined,
  conflicts: FieldConflict[],
): Record<string, unknown> {
  const of = (doc: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> => {
    const value = doc?.[part];
    return typeof value === 'object' && value !== null
      ? (value as Record<string, Record<string, unknown>>)
      : {};
  };
  const keys = [...new Set(leaves.flatMap((leaf) => Object.keys(of(leaf))))].sort();
  const merged: Record<string, unknown> = {};
  for (const key of keys) {
    const found: FieldConflict[] = [];
    const parts = leaves.map((leaf) => ({
      ...of(leaf)[key],
      _id: leaf._id,
      _rev: leaf._rev,
      updatedAt: leaf['updatedAt'],
      updatedBy: leaf['updatedBy'],
    }));
    merged[key] = mergeFields(
      parts,
      ancestor ? (of(ancestor)[key] ?? {}) : undefined,
      new Set(['_id']),
      found,
    );
    for (const conflict of found) conflicts.push({ ...conflict, field: `${part}.${key}.${conflict.field}` });
  }
  return merged;
}

/**
 * Merges all leaf revisions of one document. `ancestor` is the common ancestor's body when
 * it is still available; responses do not need it.
 */
export function mergeLeaves(input: readonly Leaf[], given?: Record<string, unknown>): MergeResult {
  // Revisions written by older versions of the app are compared in today's shape.
  const leaves = input.map((leaf) => upgraded(leaf)).sort(byRev);
  const ancestor = given ? upgraded(given) : undefined;
  const first = leaves[0];
  if (!first) throw new Error('mergeLeaves needs at least one revision');
  const conflicts: FieldConflict[] = [];
  let merged: Record<string, unknown>;
  if (first['type'] === 'response') {
    const rest = mergeFields(
      leaves,
      ancestor,
      new Set(['answers', 'history', 'revision', 'status']),
      conflicts,
    );
    const history = mergeHistory(leaves);
    const revision = Math.max(...leaves.map((l) => Number(l['revision'] ?? 1)));
    // The status of the latest event wins: a submission or reopening is a deliberate act.
    const lastEvent = history.at(-1) as { kind?: string } | undefined;
    const status = lastEvent?.kind === 'submitted' ? 'submitted' : 'draft';
    merged = { ...rest, answers: mergeAnswers(leaves, conflicts), history, revision, status };
  } else if (
    typeof first['type'] === 'string' &&
    Object.hasOwn(KEYED_PARTS, first['type']) &&
    leaves.every((leaf) => typeof leaf[KEYED_PARTS[first['type'] as string]?.[0] ?? ''] === 'object')
  ) {
    const parts = KEYED_PARTS[first['type']] ?? [];
    const keyed = parts.filter((part) => leaves.every((leaf) => typeof leaf[part] === 'object'));
    const rest = mergeFields(leaves, ancestor, new Set(keyed), conflicts);
    merged = { ...rest };
    for (const part of keyed) merged[part] = mergeKeyed(part, leaves, ancestor, conflicts);
  } else if (first['type'] === 'casestudy') {
    const parts = new Set(['comments', 'history', 'status', 'photos', '_attachments']);
    const rest = mergeFields(leaves, ancestor, parts, conflicts);
    merged = { ...rest, ...mergeCaseStudyParts(leaves, ancestor, mergeHistory(leaves), stable, conflicts) };
  } else {
    merged = mergeFields(leaves, ancestor, new Set(), conflicts);
  }
  // Who and when: the latest change among the leaves.
  const latest = [...leaves].sort((a, b) =>
    latestFirst(
      { at: a['updatedAt'] as string, by: a['updatedBy'] as string, rev: a._rev },
      { at: b['updatedAt'] as string, by: b['updatedBy'] as string, rev: b._rev },
    ),
  )[0];
  if (latest?.['updatedAt'] !== undefined) merged['updatedAt'] = latest['updatedAt'];
  if (latest?.['updatedBy'] !== undefined) merged['updatedBy'] = latest['updatedBy'];
  merged = { _id: first._id, ...merged };
  const identical = leaves.every((leaf) => sameValue(content(leaf), content(merged)));
  return { merged, conflicts, identical };
}

/** Applies a person's choices (field → chosen option's value) to a merge result. */
export function applyChoices(
  result: MergeResult,
  choices: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged = JSON.parse(JSON.stringify(result.merged)) as Record<string, unknown>;
  for (const conflict of result.conflicts) {
    if (!(conflict.field in choices)) continue;
    const chosen = choices[conflict.field];
    if (conflict.field.startsWith('answers.')) {
      const key = conflict.field.slice('answers.'.length);
      const answers = merged['answers'] as Record<string, AnswerEntry>;
      const option = conflict.options.find((o) => sameValue(o.value, chosen));
      const current = answers[key];
      if (option && current)
        answers[key] = {
          ...current,
          value: option.value as AnswerEntry['value'],
          at: option.at ?? current.at,
          by: option.by ?? current.by,
        };
    } else if (KEYED_PART_NAMES.has(conflict.field.split('.')[0] ?? '') && conflict.field.includes('.')) {
      const [part = '', key = '', field = ''] = conflict.field.split('.');
      const entries = merged[part] as Record<string, Record<string, unknown>> | undefined;
      const entry = entries?.[key];
      if (entry) entry[field] = chosen;
    } else {
      merged[conflict.field] = chosen;
    }
  }
  return merged;
}
