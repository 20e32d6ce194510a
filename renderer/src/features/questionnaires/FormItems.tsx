/**
 * How each item of a template appears: questions by type, groups as fieldsets, repeats
 * as a list of instances that can be added and removed. Inputs are uncontrolled and
 * registered with react-hook-form, so typing never waits for the rules to run.
 */
import { createContext, useContext } from 'react';
import type { UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FormItem, RepeatItem, Template } from '@shared/forms/model';
import { metadataTypes } from '@shared/forms/model';
import {
  childKey,
  filteredChoices,
  instancePrefix,
  interpolate,
  pickText,
  type Answers,
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
  answers: Answers;
  env: FormEnv;
  language: string;
  register: UseFormRegister<FieldValues>;
  readOnly: boolean;
  /** After a submit attempt, missing required answers are shown as errors too. */
  showMissing: boolean;
  onAnswer(key: string): void;
  addInstance(repeatKey: string, repeat: RepeatItem): void;
  /** Removes a row of a table (`what` names it, e.g. "One need 2"), with an undo. */
  removeInstance(repeatKey: string, id: string, what: string): void;
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
  return <RepeatView item={item} repeatKey={key} />;
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

export function RepeatView({ item, repeatKey }: { item: RepeatItem; repeatKey: string }) {
  const { t } = useTranslation();
  const { template, language, evaluation, readOnly, addInstance, removeInstance } = useRunner();
  const block = evaluation.blocks.get(repeatKey);
  const label = pickText(item.label, template, language) || item.name;
  if (!block) return null;
  return (
    <section className="repeat" aria-label={label}>
      {block.instances.length === 0 ? <p className="hint">{t('editor.noInstances')}</p> : null}
      {block.instances.map((id, index) => (
        <fieldset key={id} className="repeat-instance">
          <legend>{t('editor.instance', { label, n: index + 1 })}</legend>
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
          {t('editor.addInstance', { label })}
        </button>
      ) : null}
    </section>
  );
}

function issueText(
  issue: Issue | undefined,
  template: Template,
  language: string,
  t: TFunction,
): string | undefined {
  if (!issue) return undefined;
  if (issue.message) return pickText(issue.message, template, language);
  return t(`editor.issue.${issue.kind}`);
}

function QuestionView({ field }: { field: FieldNode }) {
  const { t } = useTranslation();
  const runner = useRunner();
  const { template, language, evaluation, register, readOnly, showMissing, onAnswer, answers, env } = runner;
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

  if (item.type === 'note') {
    return (
      <div className="note" id={id}>
        <p>{label}</p>
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
  const error = issueText(issue, template, language, t);
  const describedBy =
    [hintText ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const locked = readOnly || field.readOnly;
  const registration = register(fieldName(key), { onChange: () => onAnswer(key) });
  const marker = field.required ? <span className="required"> ({t('editor.required')})</span> : null;

  if (item.type === 'select_one' || item.type === 'select_multiple') {
    const choices = filteredChoices(template, field, answers, env);
    const multiple = item.type === 'select_multiple';
    if (!multiple && (choices.length > RADIO_LIMIT || item.appearance?.includes('minimal'))) {
      return (
        <div className="field">
          <label htmlFor={id}>
            {label}
            {marker}
          </label>
          {hint}
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
                {pickText(c.label, template, language)}
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
        {choices.map((c) => (
          <label key={c.name} className="choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              value={c.name}
              disabled={locked}
              {...registration}
            />{' '}
            {pickText(c.label, template, language)}
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
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy,
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
      <FieldError id={id} message={error} />
    </div>
  );
}
