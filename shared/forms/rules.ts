/**
 * The rules of a template applied to a response's answers: which questions are relevant,
 * what each calculation gives, which answers break a constraint or have the wrong type,
 * which required answers are missing, and how complete each section is. Pure and total:
 * any half-filled draft can be evaluated, and the same answers always give the same result.
 *
 * Answer keys. A question outside repeats is keyed by its name. A repeat keeps the list
 * of its instance ids under its own key (`need` → ['k1', 'k2']), and a question inside
 * an instance is keyed `need#k1/need_area`; nested repeats continue the path
 * (`need#k1/step#k7/date`). Instance ids never change once made, so removing one
 * instance touches no other answer, which keeps field-level merging of concurrent
 * edits possible (see docs/architecture.md).
 */
import type { AnswerValue } from '../docs/response/schema';
import { answeredElsewhere, type AnsweredBy } from './answered-elsewhere';
import { compileExpression } from './expr/check';
import { evaluate, evaluateBoolean, type EvalContext } from './expr/evaluate';
import { answerToScalar, toNumber, toStringValue, type Scalar, type Value } from './expr/values';
import {
  inputTypes,
  metadataTypes,
  type Choice,
  type FormItem,
  type GroupItem,
  type LocalText,
  type QuestionItem,
  type RepeatItem,
  type Template,
} from './model';

export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

/** Everything outside the answers that expressions and metadata may read. */
export interface FormEnv {
  now: Date;
  user?: string;
  deviceId?: string;
}

export type IssueKind = 'required' | 'constraint' | 'integer' | 'decimal' | 'date' | 'choice' | 'ambiguous';

export interface Issue {
  kind: IssueKind;
  /** The template's own message for required/constraint, when it has one. */
  message?: LocalText;
  /** Numbers: the range the question's constraint allows, so a message can speak of it. */
  range?: NumberRange;
}

export interface NumberRange {
  min?: number;
  max?: number;
  /** `. > 0` rather than `. >= 0`. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

const BOUND = /^\s*\.\s*(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * The range a constraint such as `. >= 1 and . <= 5` allows, when it is that simple;
 * undefined for any other constraint (its own message, or a general one, is shown).
 */
export function constraintRange(constraint: string | undefined): NumberRange | undefined {
  if (!constraint) return undefined;
  const range: NumberRange = {};
  for (const part of constraint.split(/\band\b/)) {
    const match = BOUND.exec(part);
    if (!match) return undefined;
    const n = Number(match[2]);
    if (match[1] === '>=' || match[1] === '>') {
      range.min = n;
      if (match[1] === '>') range.minExclusive = true;
    } else {
      range.max = n;
      if (match[1] === '<') range.maxExclusive = true;
    }
  }
  return range;
}

export interface FieldNode {
  kind: 'question';
  key: string;
  item: QuestionItem;
  relevant: boolean;
  required: boolean;
  readOnly: boolean;
  /** The answer, or the calculated value for calculate questions. */
  value: AnswerValue | undefined;
  /** Type or constraint problem of an answer that was given. */
  error?: Issue;
  /** True when the question is required, relevant and unanswered. */
  missing: boolean;
  /** The section (top-level group or repeat, or a run of top-level questions) the question is shown in. */
  section: string;
  /** Select questions with a choice_filter: the choices it lets through here. */
  choices?: Choice[];
  /**
   * Set in a part another feature answers (answered-elsewhere.ts): the stored answer is read,
   * shown read only, and neither counted, required nor checked.
   */
  elsewhere?: AnsweredBy;
}

export interface BlockNode {
  kind: 'group' | 'repeat';
  key: string;
  item: GroupItem | RepeatItem;
  relevant: boolean;
  /** Repeats only: the instance ids, in order. */
  instances: string[];
  /** Repeats only: true when repeat_count fixes the number of instances. */
  fixedCount: boolean;
  /** Set on (and inside) a repeat that another feature answers (answered-elsewhere.ts). */
  elsewhere?: AnsweredBy;
}

export interface SectionState {
  /** The top-level group or repeat's name, or `_general` for top-level questions. */
  name: string;
  label?: LocalText;
  relevant: boolean;
  answered: number;
  total: number;
  missing: string[];
  invalid: string[];
}

export interface FormEvaluation {
  fields: ReadonlyMap<string, FieldNode>;
  blocks: ReadonlyMap<string, BlockNode>;
  sections: SectionState[];
  answered: number;
  total: number;
  /** Keys of required relevant questions without an answer, in form order. */
  missing: string[];
  /** Keys of answers with a type or constraint problem, in form order. */
  invalid: string[];
  /**
   * Answers of cascading selects that their filter no longer lets through, with what
   * they become (null, or the choices that remain): as in ODK, changing a parent clears
   * the child, and whatever was filtered by the child. The evaluation already reads them
   * so; an editor stores them.
   */
  cleared: ReadonlyMap<string, AnswerValue>;
  /** Values calculated for questions a person sees (e.g. a repeat's area from the areas ticked), to be stored. */
  calculated: ReadonlyMap<string, AnswerValue>;
}

export const GENERAL_SECTION = '_general';

export interface TopSection {
  /** The group or repeat's name; `_general`, `_general2`… for runs of top-level questions. */
  name: string;
  label?: LocalText;
  items: FormItem[];
}

const topSectionsCache = new WeakMap<Template, TopSection[]>();

/**
 * The sections of a form, in the form's own order: each top-level group or repeat, and
 * each run of top-level questions between them (as ODK Collect shows them, where they are).
 */
export function topSections(template: Template): TopSection[] {
  let sections = topSectionsCache.get(template);
  if (sections) return sections;
  sections = [];
  let run: TopSection | undefined;
  let runs = 0;
  for (const item of template.items) {
    if (item.kind === 'question') {
      if (!run) {
        runs += 1;
        run = { name: runs === 1 ? GENERAL_SECTION : `${GENERAL_SECTION}${runs}`, items: [] };
        sections.push(run);
      }
      run.items.push(item);
      continue;
    }
    run = undefined;
    sections.push({ name: item.name, ...(item.label ? { label: item.label } : {}), items: [item] });
  }
  topSectionsCache.set(template, sections);
  return sections;
}
const MAX_INSTANCES = 500;
const INSTANCE_ID = /^[A-Za-z0-9]+$/;

export function childKey(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name;
}

export function instancePrefix(repeatKey: string, id: string): string {
  return `${repeatKey}#${id}`;
}

export function isEmptyAnswer(value: AnswerValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A new repeat instance id: short, and unique enough among one response's instances. */
export function newInstanceId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

/** The stored instance ids of a repeat, ignoring anything malformed. */
export function instanceIds(value: AnswerValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((id) => INSTANCE_ID.test(id)) : [];
}

/** Where an item sits: the repeats that enclose it, outermost first. */
interface ItemInfo {
  item: FormItem;
  repeats: RepeatItem[];
}

function indexItems(items: readonly FormItem[], repeats: RepeatItem[], index: Map<string, ItemInfo>): void {
  for (const item of items) {
    index.set(item.name, { item, repeats });
    if (item.kind === 'group') indexItems(item.items, repeats, index);
    if (item.kind === 'repeat') indexItems(item.items, [...repeats, item], index);
  }
}

const itemIndexCache = new WeakMap<Template, Map<string, ItemInfo>>();
function itemIndex(template: Template): Map<string, ItemInfo> {
  let index = itemIndexCache.get(template);
  if (!index) {
    index = new Map();
    indexItems(template.items, [], index);
    itemIndexCache.set(template, index);
  }
  return index;
}

/** The instance path of a key: [['need', 'k1'], ['step', 'k7']] for `need#k1/step#k7/date`. */
function instancePath(prefix: string): { repeatKey: string; id: string; name: string }[] {
  const path: { repeatKey: string; id: string; name: string }[] = [];
  const pattern = /#([A-Za-z0-9]+)(?=\/|$)/g;
  for (const match of prefix.matchAll(pattern)) {
    const repeatKey = prefix.slice(0, match.index);
    const name = repeatKey.slice(repeatKey.lastIndexOf('/') + 1);
    path.push({ repeatKey, id: match[1] ?? '', name });
  }
  return path;
}

function isTrueFlag(flag: boolean | string | undefined, ctx: () => EvalContext): boolean {
  if (flag === undefined || flag === false) return false;
  if (flag === true) return true;
  const expr = compileExpression(flag);
  return expr ? evaluateBoolean(expr, ctx()) : false;
}

function typeIssue(
  item: QuestionItem,
  value: AnswerValue,
  choices: readonly Choice[] | undefined,
): Issue | undefined {
  switch (item.type) {
    case 'integer':
    case 'decimal': {
      if (
        typeof value === 'number' &&
        (item.type === 'decimal' ? Number.isFinite(value) : Number.isInteger(value))
      )
        return undefined;
      const range = constraintRange(item.constraint);
      const ambiguous =
        typeof value === 'string' &&
        item.type === 'decimal' &&
        'ambiguous' in (parseNumber(value, false) ?? {});
      return { kind: ambiguous ? 'ambiguous' : item.type, ...(range ? { range } : {}) };
    }
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? undefined : { kind: 'date' };
    case 'select_one':
      return typeof value === 'string' && (!choices || choices.some((c) => c.name === value))
        ? undefined
        : { kind: 'choice' };
    case 'select_multiple':
      return Array.isArray(value) && (!choices || value.every((v) => choices.some((c) => c.name === v)))
        ? undefined
        : { kind: 'choice' };
    default:
      return undefined;
  }
}

export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

/** Spaces people put between thousands: plain, no-break, narrow no-break, thin. */
const GROUP_SPACE = /[\s\u00A0\u202F\u2009]/g;

/**
 * A number as people write it: `3450`, `3,450`, `3 450`, `1,234.5`, `1.234,5`, `12,5`.
 * Thousands separators and a decimal comma are taken where only one reading is possible;
 * `3,450` in a question that takes decimals could be 3450 or 3.45, so it is `ambiguous`.
 */
export function parseNumber(
  input: string,
  integer: boolean,
): { value: number } | { ambiguous: true } | undefined {
  const text = input.trim().replace(GROUP_SPACE, '');
  if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(text)) return undefined;
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;
  let plain: string;
  const grouped = (sep: string) => new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})+$`).test(text);
  if (commas === 0 && dots <= 1) plain = text;
  else if (commas > 0 && dots > 0) {
    // Both: the last one is the decimal mark (1,234.5 or 1.234,5).
    const decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole = '', fraction = ''] = text.split(decimal);
    if ((decimal === '.' ? dots : commas) !== 1) return undefined;
    if (!new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})*$`).test(whole)) return undefined;
    plain = `${whole.split(group).join('')}.${fraction}`;
  } else if (commas > 1) {
    if (!grouped(',')) return undefined;
    plain = text.replace(/,/g, '');
  } else if (dots > 1) {
    if (!grouped('.')) return undefined;
    plain = text.replace(/\./g, '');
  } else if (commas === 1) {
    // One comma: thousands when three digits follow it and only whole numbers are asked;
    // for a decimal question `3,450` could be either reading.
    if (grouped(',')) {
      if (!integer) return { ambiguous: true };
      plain = text.replace(',', '');
    } else plain = text.replace(',', '.');
  } else plain = text;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? { value } : undefined;
}

/**
 * Turns what a person typed into the value to store: numbers as numbers when they are
 * valid (thousands separators and a decimal comma understood), and otherwise the text
 * exactly as typed, so an invalid entry is never lost and can be explained and corrected.
 */
export function valueFromInput(item: QuestionItem, input: string | string[] | boolean): AnswerValue {
  if (Array.isArray(input)) return input;
  if (typeof input === 'boolean') return input ? 'OK' : null;
  if (item.type === 'acknowledge') return input ? 'OK' : null;
  if (input.trim() === '') return null;
  if (item.type === 'integer' || item.type === 'decimal') {
    const parsed = parseNumber(input, item.type === 'integer');
    if (parsed && 'value' in parsed && (item.type === 'decimal' || Number.isInteger(parsed.value)))
      return parsed.value;
    return input;
  }
  return input;
}

/** The text an input shows for a stored value. */
export function inputFromValue(value: AnswerValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

class Evaluator {
  readonly fields = new Map<string, FieldNode>();
  readonly blocks = new Map<string, BlockNode>();
  private readonly index: Map<string, ItemInfo>;
  private readonly calculating = new Set<string>();
  private readonly computedScalars = new Map<string, Scalar>();
  readonly cleared = new Map<string, AnswerValue>();
  /** Questions a person sees whose calculation gives a value other than the one stored. */
  readonly calculated = new Map<string, AnswerValue>();
  private readonly sectionOf = new Map<FormItem, string>();

  constructor(
    private readonly template: Template,
    private readonly answers: Answers,
    private readonly env: FormEnv,
  ) {
    this.index = itemIndex(template);
    for (const section of topSections(template)) {
      for (const item of section.items) this.sectionOf.set(item, section.name);
    }
  }

  /** The expression context of a node: `.` is its value, references resolve from its instance. */
  context(key: string, self: () => Value, choice?: Choice): EvalContext {
    return {
      resolve: (name) => this.resolve(name, key),
      self,
      now: () => this.env.now,
      choiceLabel: (value, question) => {
        const name = /([A-Za-z_][A-Za-z0-9_.-]*)\}?\s*$/.exec(question)?.[1] ?? '';
        const info = this.index.get(name);
        const list = info?.item.kind === 'question' ? info.item.listName : undefined;
        const found = list ? this.template.choiceLists[list]?.find((c) => c.name === value) : undefined;
        return found ? (Object.values(found.label)[0] ?? value) : '';
      },
      position: () => {
        const step = instancePath(key).at(-1);
        if (!step) return NaN;
        return (this.blocks.get(step.repeatKey)?.instances.indexOf(step.id) ?? -1) + 1 || NaN;
      },
      ...(choice
        ? {
            column: (name: string): Value =>
              name === 'name' ? choice.name : (choice.extra?.[name] ?? Object.values(choice.label)[0] ?? ''),
          }
        : {}),
    };
  }

  /** `${name}` seen from `fromKey`: within the same repeat instance when shared, all instances otherwise. */
  resolve(name: string, fromKey: string): Value {
    const info = this.index.get(name);
    if (!info) return '';
    const path = instancePath(fromKey);
    let prefixes = [''];
    let fanned = false;
    info.repeats.forEach((repeat, depth) => {
      const step = path[depth];
      if (!fanned && step && step.name === repeat.name) {
        prefixes = [instancePrefix(step.repeatKey, step.id)];
        return;
      }
      fanned = true;
      prefixes = prefixes.flatMap((prefix) => {
        const repeatKey = childKey(prefix, repeat.name);
        const block = this.blocks.get(repeatKey);
        return (block?.instances ?? []).map((id) => instancePrefix(repeatKey, id));
      });
    });
    const values = prefixes.map((prefix) => this.valueOf(childKey(prefix, name)));
    return fanned ? { nodes: values } : (values[0] ?? '');
  }

  valueOf(key: string): Scalar {
    // Questions not walked yet (a reference to a later question in a relevant) read as empty.
    const field = this.fields.get(key);
    return field?.relevant ? this.scalarOf(field) : '';
  }

  private scalarOf(field: FieldNode): Scalar {
    if (field.item.type !== 'calculate' && !field.item.calculation) return answerToScalar(field.value);
    return this.calculate(field);
  }

  calculate(field: FieldNode): Scalar {
    const done = this.computedScalars.get(field.key);
    if (done !== undefined) return done;
    if (this.calculating.has(field.key) || !field.item.calculation) return '';
    this.calculating.add(field.key);
    const expr = compileExpression(field.item.calculation);
    let result: Scalar = '';
    if (expr) {
      const value = evaluate(
        expr,
        this.context(field.key, () => ''),
      );
      result = typeof value === 'object' ? toStringValue(value) : value;
      if (typeof result === 'number' && !Number.isFinite(result)) result = '';
    }
    this.calculating.delete(field.key);
    this.computedScalars.set(field.key, result);
    return result;
  }

  private relevantHere(item: FormItem, key: string, parentRelevant: boolean): boolean {
    if (!parentRelevant) return false;
    if (!item.relevant) return true;
    const expr = compileExpression(item.relevant);
    return expr
      ? evaluateBoolean(
          expr,
          this.context(key, () => this.valueOf(key)),
        )
      : true;
  }

  walk(
    items: readonly FormItem[],
    prefix: string,
    parentRelevant: boolean,
    section?: string,
    outer?: AnsweredBy,
  ): void {
    for (const item of items) {
      const inSection = section ?? this.sectionOf.get(item) ?? GENERAL_SECTION;
      const key = childKey(prefix, item.name);
      const elsewhere = outer ?? answeredElsewhere(item, prefix.includes('#') ? 1 : 0);
      if (item.kind === 'question') {
        const field: FieldNode = {
          kind: 'question',
          key,
          item,
          relevant: false,
          required: false,
          readOnly: false,
          value: this.answers[key],
          missing: false,
          section: inSection,
          ...(elsewhere ? { elsewhere } : {}),
        };
        this.fields.set(key, field);
        field.relevant = this.relevantHere(item, key, parentRelevant);
        if (item.choiceFilter && item.listName) this.filterChoices(field);
        continue;
      }
      const block: BlockNode = {
        kind: item.kind,
        key,
        item,
        relevant: false,
        instances: [],
        fixedCount: item.kind === 'repeat' && item.repeatCount !== undefined,
        ...(elsewhere ? { elsewhere } : {}),
      };
      this.blocks.set(key, block);
      block.relevant = this.relevantHere(item, key, parentRelevant);
      if (item.kind === 'group') {
        this.walk(item.items, prefix, block.relevant, inSection, elsewhere);
        continue;
      }
      if (item.repeatCount !== undefined) {
        const expr = compileExpression(item.repeatCount);
        const n = expr
          ? Math.trunc(
              toNumber(
                evaluate(
                  expr,
                  this.context(key, () => ''),
                ),
              ),
            )
          : 0;
        const count = Number.isFinite(n) ? Math.max(0, Math.min(n, MAX_INSTANCES)) : 0;
        block.instances = Array.from({ length: count }, (_, i) => String(i + 1));
      } else {
        block.instances = instanceIds(this.answers[key]).slice(0, MAX_INSTANCES);
      }
      for (const id of block.instances) {
        this.walk(item.items, instancePrefix(key, id), block.relevant, inSection, elsewhere);
      }
    }
  }

  /** Second pass, once every node exists: rules that read other answers. */
  judge(): void {
    for (const field of this.fields.values()) {
      const { item, key } = field;
      if (item.type === 'calculate') {
        const value = field.relevant ? this.calculate(field) : '';
        field.value = typeof value === 'boolean' ? String(value) : value === '' ? null : value;
        continue;
      }
      if (!field.relevant) continue;
      if (field.elsewhere) {
        // Kept as stored, shown read only: nobody is asked to answer or correct it here.
        field.readOnly = true;
        continue;
      }
      if (item.calculation) {
        // A calculation on a question a person sees (ODK allows it): its value is stored.
        const value = this.calculate(field);
        const computed: AnswerValue =
          value === '' ? null : typeof value === 'boolean' ? String(value) : value;
        if (computed !== null && JSON.stringify(computed) !== JSON.stringify(field.value ?? null)) {
          field.value = computed;
          this.calculated.set(key, computed);
        }
      }
      const ctx = () => this.context(key, () => this.scalarOf(field));
      field.required = isTrueFlag(item.required, ctx);
      field.readOnly = isTrueFlag(item.readOnly, ctx);
      if (isEmptyAnswer(field.value)) {
        field.missing = field.required && inputTypes.includes(item.type);
        continue;
      }
      const issue = typeIssue(item, field.value as AnswerValue, this.choicesFor(item));
      if (issue) {
        field.error = issue;
        continue;
      }
      if (item.constraint) {
        const expr = compileExpression(item.constraint);
        if (expr && !evaluateBoolean(expr, ctx())) {
          const range = constraintRange(item.constraint);
          field.error = {
            kind: 'constraint',
            ...(item.constraintMessage ? { message: item.constraintMessage } : {}),
            ...(range ? { range } : {}),
          };
        }
      }
    }
  }

  /**
   * A cascading select's choices, from the answers before it (already corrected). An
   * answer the filter no longer lets through is cleared, so that it neither stays stored
   * nor filters the next list (ODK does the same).
   */
  private filterChoices(field: FieldNode): void {
    const { item, key } = field;
    const list = this.template.choiceLists[item.listName ?? ''] ?? [];
    const expr = item.choiceFilter ? compileExpression(item.choiceFilter) : null;
    if (!expr) return;
    field.choices = list.filter((choice) =>
      evaluateBoolean(
        expr,
        this.context(key, () => '', choice),
      ),
    );
    const value = field.value;
    if (isEmptyAnswer(value) || !field.relevant || field.elsewhere) return;
    const allowed = new Set(field.choices.map((c) => c.name));
    if (Array.isArray(value)) {
      const kept = value.filter((v) => allowed.has(v));
      if (kept.length !== value.length) {
        field.value = kept.length ? kept : null;
        this.cleared.set(key, field.value);
      }
    } else if (typeof value === 'string' && !allowed.has(value)) {
      field.value = null;
      this.cleared.set(key, null);
    }
  }

  choicesFor(item: QuestionItem): readonly Choice[] | undefined {
    return item.listName ? this.template.choiceLists[item.listName] : undefined;
  }
}

export function evaluateForm(template: Template, answers: Answers, env: FormEnv): FormEvaluation {
  const evaluator = new Evaluator(template, answers, env);
  evaluator.walk(template.items, '', true);
  evaluator.judge();

  const sections = new Map<string, SectionState>();
  for (const section of topSections(template)) {
    const [first] = section.items;
    if (first?.kind === 'question') {
      // A run of top-level questions is a page when a person has something to answer there.
      const shown = section.items.some(
        (i) => i.kind === 'question' && (inputTypes.includes(i.type) || i.type === 'note'),
      );
      if (shown) sections.set(section.name, blankSection(section.name, undefined, true));
      continue;
    }
    const block = evaluator.blocks.get(section.name);
    sections.set(section.name, blankSection(section.name, section.label, block?.relevant ?? true));
  }
  let answered = 0;
  let total = 0;
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const field of evaluator.fields.values()) {
    if (!field.relevant || field.elsewhere || !inputTypes.includes(field.item.type)) continue;
    const section = sections.get(field.section);
    const isAnswered = !isEmptyAnswer(field.value);
    total += 1;
    if (isAnswered) answered += 1;
    if (field.missing) missing.push(field.key);
    if (field.error) invalid.push(field.key);
    if (section) {
      section.total += 1;
      if (isAnswered) section.answered += 1;
      if (field.missing) section.missing.push(field.key);
      if (field.error) section.invalid.push(field.key);
    }
  }
  return {
    fields: evaluator.fields,
    blocks: evaluator.blocks,
    sections: [...sections.values()],
    answered,
    total,
    missing,
    invalid,
    cleared: evaluator.cleared,
    calculated: evaluator.calculated,
  };
}

function blankSection(name: string, label: LocalText | undefined, relevant: boolean): SectionState {
  return { name, ...(label ? { label } : {}), relevant, answered: 0, total: 0, missing: [], invalid: [] };
}

/** The choices of a select question: those its choice_filter lets through for this instance. */
export function filteredChoices(template: Template, field: FieldNode): Choice[] {
  return field.choices ?? (field.item.listName ? (template.choiceLists[field.item.listName] ?? []) : []);
}

/** A label or hint with its ${references} replaced by the current answers. */
export function interpolate(
  text: string,
  evaluation: FormEvaluation,
  template: Template,
  fromKey: string,
): string {
  if (!text.includes('${')) return text;
  const evaluator = new Evaluator(template, {}, { now: new Date(0) });
  for (const [key, field] of evaluation.fields) evaluator.fields.set(key, field);
  for (const [key, block] of evaluation.blocks) evaluator.blocks.set(key, block);
  return text.replace(/\$\{\s*([^}]*?)\s*\}/g, (_, name: string) =>
    toStringValue(evaluator.resolve(name, fromKey)),
  );
}

/** Values the app fills itself when a response is created (start, today, username, deviceid, defaults). */
export function initialAnswers(template: Template, env: FormEnv, prefix = ''): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const visit = (items: readonly FormItem[], at: string): void => {
    for (const item of items) {
      if (item.kind === 'group') visit(item.items, at);
      if (item.kind !== 'question') continue;
      const key = childKey(at, item.name);
      const meta = metadataValue(item, env, 'create');
      if (meta !== undefined) answers[key] = meta;
      else if (item.default !== undefined && inputTypes.includes(item.type)) {
        answers[key] =
          item.type === 'select_multiple' ? item.default.split(/\s+/) : valueFromInput(item, item.default);
      }
    }
  };
  if (prefix) {
    const info = itemIndex(template);
    const repeatName = prefix.slice(prefix.lastIndexOf('/') + 1).split('#')[0] ?? '';
    const repeat = info.get(repeatName)?.item;
    if (repeat && repeat.kind === 'repeat') visit(repeat.items, prefix);
  } else {
    visit(template.items, '');
  }
  return answers;
}

/** Metadata values: `start`, `today`, `username` and `deviceid` on creation; `end` on submission. */
export function metadataValue(
  item: QuestionItem,
  env: FormEnv,
  moment: 'create' | 'submit',
): AnswerValue | undefined {
  if (!metadataTypes.includes(item.type)) return undefined;
  if (moment === 'submit') return item.type === 'end' ? env.now.toISOString() : undefined;
  switch (item.type) {
    case 'start':
      return env.now.toISOString();
    case 'today':
      return env.now.toISOString().slice(0, 10);
    case 'username':
      return env.user ?? null;
    case 'deviceid':
      return env.deviceId ?? null;
    default:
      return undefined;
  }
}

/** The metadata answers to write when a response is submitted. */
export function submitAnswers(template: Template, env: FormEnv): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const item of template.items) {
    if (item.kind !== 'question') continue;
    const value = metadataValue(item, env, 'submit');
    if (value !== undefined) answers[item.name] = value;
  }
  return answers;
}

/** Every input question in form order with its key pattern, for lists and comparisons. */
export function inputQuestions(template: Template): { item: QuestionItem; repeats: RepeatItem[] }[] {
  const out: { item: QuestionItem; repeats: RepeatItem[] }[] = [];
  for (const info of itemIndex(template).values()) {
    if (info.item.kind === 'question' && inputTypes.includes(info.item.type)) {
      out.push({ item: info.item, repeats: info.repeats });
    }
  }
  return out;
}

/** The text of a localised label in the wanted language, else the default, else any. */
export function pickText(text: LocalText | undefined, template: Template, language?: string): string {
  if (!text) return '';
  if (language) {
    const wanted = Object.keys(text).find((k) => k === language || k.endsWith(`(${language})`));
    if (wanted) return text[wanted] ?? '';
  }
  return text[template.defaultLanguage] ?? Object.values(text)[0] ?? '';
}
