/**
 * How each item of a template appears: questions by type, groups as fieldsets, repeats
 * as a list of instances that can be added and removed. Inputs are uncontrolled and
 * registered with react-hook-form, so typing never waits for the rules to run.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AnsweredBy } from '@shared/forms/answered-elsewhere';
import type { Choice, FormItem, RepeatItem, Template } from '@shared/forms/model';
import { metadataTypes } from '@shared/forms/model';
import { numberToString } from '@shared/forms/expr/values';
import {
  childKey,
  filteredChoices,
  instancePrefix,
  interpolate,
  pickText,
  type FieldNode,
  type FormEnv,
  type FormEvaluation,
  type Issue,
} from '@shared/forms/rules';
import { FieldError } from '../../app/FieldError';
import { fieldName, type FieldValues } from './questionnaire.form';

export interface RunnerContextValue {
  template: Template;
  evaluation: FormEvaluation;
  env: FormEnv;
  /** The form language shown (one of the template's languages). */
  language: string;
  register: UseFormRegister<FieldValues>;
  control: Control<FieldValues>;
  readOnly: boolean;
  /** After a submit attempt, missing required answers are shown as errors too. */
  showMissing: boolean;
  onAnswer(key: string): void;
  addInstance(repeatKey: string, repeat: RepeatItem): void;
  /** Removes a row of a table (`what` names it, e.g. "One need 2"), with an undo. */
  removeInstance(repeatKey: string, id: string, what: string): void;
  /** What the form shows in place of a table another part of the app answers (the support ledger). */
  answeredElsewhere(by: AnsweredBy): ReactNode;
}

export const RunnerContext = createContext<RunnerContextValue | null>(null);

function useRunner(): RunnerContextValue {
  const value = useContext(RunnerContext);
  if (!value) throw new Error('Form items are shown only inside the form runner.');
  return value;
}

/** A DOM id for an answer key; keys contain # and / which ids should not. */
export function domId(key: string): string {
  return `q-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

const RADIO_LIMIT = 6;

export function ItemList({ items, prefix }: { items: readonly FormItem[]; prefix: string }) {
  return (
    <>
      {items.map((item) => (
        <ItemView key={item.name} item={item} prefix={prefix} />
      ))}
    </>
  );
}

function ItemView({ item, prefix }: { item: FormItem; prefix: string }) {
  const { evaluation } = useRunner();
  const key = childKey(prefix, item.name);
  if (item.kind === 'question') {
    const field = evaluation.fields.get(key);
    return field ? <QuestionView field={field} /> : null;
  }
  const block = evaluation.blocks.get(key);
  if (!block?.relevant) return null;
  if (item.kind === 'group') return <GroupView item={item} prefix={prefix} />;
  if (block.elsewhere) return <ElsewhereView by={block.elsewhere} item={item} repeatKey={key} />;
  return <RepeatView item={item} repeatKey={key} />;
}

/**
 * A table another part of the app answers: what that part holds, and below it, folded, the
 * answers stored in the table before (kept as written, read only).
 */
function ElsewhereView({ by, item, repeatKey }: { by: AnsweredBy; item: RepeatItem; repeatKey: string }) {
  const { t } = useTranslation();
  const runner = useRunner();
  const earlier = runner.evaluation.blocks.get(repeatKey)?.instances.length ?? 0;
  return (
    <>
      {runner.answeredElsewhere(by)}
      {earlier > 0 ? (
        <details className="earlier-answers" data-testid="earlier-answers">
          <summary>{t('editor.earlierAnswers', { count: earlier })}</summary>
          <RunnerContext.Provider value={{ ...runner, readOnly: true }}>
            <fieldset disabled className="plain">
              <RepeatView item={item} repeatKey={repeatKey} />
            </fieldset>
          </RunnerContext.Provider>
        </details>
      ) : null}
    </>
  );
}

export function GroupView({ item, prefix }: { item: Extract<FormItem, { kind: 'group' }>; prefix: string }) {
  const { template, language, evaluation } = useRunner();
  const label = interpolate(pickText(item.label, template, language), evaluation, template, prefix);
  if (!label) return <ItemList items={item.items} prefix={prefix} />;
  return (
    <fieldset className="group">
      <legend>{label}</legend>
      <ItemList items={item.items} prefix={prefix} />
    </fieldset>
  );
}

/** A repeat labelled "One need" names one instance "Need": "Need 1", not "One need 1". */
function repeatNoun(label: string): string {
  const noun = label.replace(/^(one|a|an)\s+(?=\S)/i, '');
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

/** "Need" → "a need", "Area" → "an area": the button reads "Add a need". */
function articled(label: string): { article: string; label: string } {
  label = repeatNoun(label);
  const sentence = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  return { article: /^[aeiou]/i.test(sentence) ? 'an' : 'a', label: sentence };
}

export function RepeatView({ item, repeatKey }: { item: RepeatItem; repeatKey: string }) {
  const { t } = useTranslation();
  const { template, language, evaluation, readOnly, addInstance, removeInstance } = useRunner();
  const block = evaluation.blocks.get(repeatKey);
  const written = pickText(item.label, template, language);
  const label = repeatNoun(interpolate(written, evaluation, template, repeatKey) || item.name);
  if (!block) return null;
  return (
    <section className="repeat" aria-label={label}>
      {block.instances.length === 0 ? <p className="hint">{t('editor.noInstances')}</p> : null}
      {block.instances.map((id, index) => (
        <fieldset key={id} className="repeat-instance">
          <legend dir="auto">
            {t('editor.instance', {
              // A label with ${…} speaks of this instance's own answers.
              label: written.includes('${')
                ? repeatNoun(
                    interpolate(written, evaluation, template, instancePrefix(repeatKey, id)) || item.name,
                  )
                : label,
              n: index + 1,
            })}
          </legend>
          <ItemList items={item.items} prefix={instancePrefix(repeatKey, id)} />
          {!block.fixedCount && !readOnly ? (
            <button
              type="button"
              className="secondary"
              onClick={() => removeInstance(repeatKey, id, t('editor.instance', { label, n: index + 1 }))}
            >
              {t('editor.removeInstance', { label, n: index + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {!block.fixedCount && !readOnly ? (
        <button type="button" onClick={() => addInstance(repeatKey, item)}>
          {t('editor.addInstance', articled(label))}
        </button>
      ) : null}
    </section>
  );
}

function rangeText(issue: Issue, field: FieldNode, t: TFunction): string | undefined {
  const range = issue.range;
  if (!range || !['integer', 'decimal', 'constraint'].includes(issue.kind)) return undefined;
  const what = t(field.item.type === 'integer' ? 'editor.issue.wholeNumber' : 'editor.issue.aNumber');
  const { min, max } = range;
  if (min !== undefined && max !== undefined) {
    return range.minExclusive
      ? t('editor.issue.rangeMinExclusiveMax', { what, min, max })
      : t('editor.issue.rangeBetween', { what, min, max });
  }
  if (min !== undefined) {
    return t(range.minExclusive ? 'editor.issue.rangeMinExclusive' : 'editor.issue.rangeMin', { what, min });
  }
  return max !== undefined ? t('editor.issue.rangeMax', { what, max }) : undefined;
}

/** The message for an answer's problem: the form's own, else one that names the question's kind and range. */
function issueText(
  issue: Issue | undefined,
  field: FieldNode,
  runner: RunnerContextValue,
  t: TFunction,
): string | undefined {
  if (!issue) return undefined;
  const { template, language, evaluation } = runner;
  if (issue.message)
    return interpolate(pickText(issue.message, template, language), evaluation, template, field.key);
  const own = field.item.constraintMessage;
  // A year typed as "19a7" is told what the question's own message says ("a year from 1800…").
  const typeWithOwn = (issue.kind === 'integer' || issue.kind === 'decimal') && own;
  return (
    rangeText(issue, field, t) ??
    (typeWithOwn
      ? interpolate(pickText(own, template, language), evaluation, template, field.key)
      : undefined) ??
    t(`editor.issue.${issue.kind}`)
  );
}

/** The files a form's media columns name: shown by name, since a workbook does not carry them. */
function MediaNote({ media, runner }: { media: FieldNode['item']['media']; runner: RunnerContextValue }) {
  const { t } = useTranslation();
  if (!media) return null;
  const files = Object.entries(media)
    .map(([kind, text]) => [kind, pickText(text, runner.template, runner.language)] as const)
    .filter(([, file]) => file);
  if (files.length === 0) return null;
  return (
    <p className="hint media-note">
      {files.map(([kind, file]) => t('editor.mediaFile', { kind, file })).join(' · ')}
    </p>
  );
}

/** A choice's label; a choice shown only by an image is named by its file. */
function choiceText(choice: Choice, runner: RunnerContextValue): string {
  const text = pickText(choice.label, runner.template, runner.language);
  if (text) return text;
  const image = pickText(
    choice.media?.image ?? choice.media?.['big-image'],
    runner.template,
    runner.language,
  );
  return image ? `[${image}]` : choice.name;
}

function QuestionView({ field }: { field: FieldNode }) {
  const { t } = useTranslation();
  const runner = useRunner();
  const { template, language, evaluation, register, readOnly, showMissing, onAnswer } = runner;
  const { item, key } = field;
  if (!field.relevant || metadataTypes.includes(item.type)) return null;
  const id = domId(key);
  const label = interpolate(pickText(item.label, template, language), evaluation, template, key);
  const hintText = interpolate(pickText(item.hint, template, language), evaluation, template, key);
  // The template's hint under the label; its guidance_hint, longer, behind "More help".
  const guidanceText = interpolate(
    pickText(item.guidanceHint, template, language),
    evaluation,
    template,
    key,
  );
  const hint =
    hintText || guidanceText ? (
      <>
        {hintText ? (
          <p className="hint" id={`${id}-hint`}>
            {hintText}
          </p>
        ) : null}
        {guidanceText ? (
          <details className="guidance">
            <summary>{t('editor.moreHelp')}</summary>
            <p>{guidanceText}</p>
          </details>
        ) : null}
      </>
    ) : null;

  const media = <MediaNote media={item.media} runner={runner} />;
  if (item.type === 'note') {
    return (
      <div className="note" id={id}>
        <p dir="auto">{label}</p>
        {media}
        {hint}
      </div>
    );
  }
  if (item.type === 'calculate') {
    if (!label) return null;
    return (
      <div className="field calculated">
        <span id={`${id}-label`}>{label}</span>{' '}
        <output id={id} aria-labelledby={`${id}-label`}>
          {field.value === null || field.value === undefined ? '—' : String(field.value)}
        </output>
      </div>
    );
  }

  const issue =
    field.error ??
    (showMissing && field.missing
      ? { kind: 'required' as const, ...(item.requiredMessage ? { message: item.requiredMessage } : {}) }
      : undefined);
  const error = issueText(issue, field, runner, t);
  const describedBy =
    [hintText ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const locked = readOnly || field.readOnly;
  const registration = register(fieldName(key), { onChange: () => onAnswer(key) });
  const marker = field.required ? <span className="required"> ({t('editor.required')})</span> : null;

  if (item.type === 'select_one' || item.type === 'select_multiple') {
    const choices = filteredChoices(template, field);
    const multiple = item.type === 'select_multiple';
    if (!multiple && (choices.length > RADIO_LIMIT || item.appearance?.includes('minimal'))) {
      return (
        <div className="field">
          <label htmlFor={id}>
            {label}
            {marker}
          </label>
          {hint}
          {media}
          <select
            id={id}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            disabled={locked}
            {...registration}
          >
            <option value="">{t('editor.noAnswer')}</option>
            {choices.map((c) => (
              <option key={c.name} value={c.name}>
                {choiceText(c, runner)}
              </option>
            ))}
          </select>
          <FieldError id={id} message={error} />
        </div>
      );
    }
    return (
      <fieldset
        className="field choices"
        id={id}
        aria-describedby={describedBy}
        aria-invalid={Boolean(error)}
      >
        <legend>
          {label}
          {marker}
        </legend>
        {hint}
        {media}
        {choices.map((c) => (
          <label key={c.name} className="choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              value={c.name}
              disabled={locked}
              {...registration}
            />{' '}
            <span dir="auto">{choiceText(c, runner)}</span>
          </label>
        ))}
        <FieldError id={id} message={error} />
      </fieldset>
    );
  }

  if (item.type === 'acknowledge') {
    return (
      <div className="field">
        {hint}
        {media}
        <label className="choice">
          <input
            type="checkbox"
            id={id}
            aria-describedby={describedBy}
            aria-invalid={Boolean(error)}
            disabled={locked}
            {...registration}
          />{' '}
          {label}
          {marker}
        </label>
        <FieldError id={id} message={error} />
      </div>
    );
  }

  const common = {
    id,
    'aria-describedby': [describedBy, `${id}-understood`].filter(Boolean).join(' ') || undefined,
    'aria-invalid': Boolean(error),
    readOnly: locked,
    ...registration,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {marker}
      </label>
      {hint}
      {media}
      {item.type === 'text' && item.appearance?.includes('multiline') ? (
        <textarea rows={4} {...common} />
      ) : item.type === 'date' ? (
        <input type="date" {...common} />
      ) : (
        <input
          inputMode={item.type === 'integer' ? 'numeric' : item.type === 'decimal' ? 'decimal' : 'text'}
          {...common}
        />
      )}
      {item.type === 'integer' || item.type === 'decimal' ? <Understood field={field} id={id} /> : null}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** What a number typed as "3,450" or "12,5" was read as, so the person can check it. */
function Understood({ field, id }: { field: FieldNode; id: string }) {
  const { t } = useTranslation();
  const { control } = useRunner();
  const typed = useWatch({ control, name: fieldName(field.key) });
  const value = field.value;
  const shown =
    typeof value === 'number' &&
    typeof typed === 'string' &&
    typed.trim() !== '' &&
    typed.trim() !== String(value);
  return (
    <p className="hint" id={`${id}-understood`} aria-live="polite">
      {shown ? t('editor.understoodAs', { value: numberToString(value) }) : null}
    </p>
  );
}
