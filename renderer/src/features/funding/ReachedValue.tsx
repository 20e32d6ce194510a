/**
 * The secretariat records the value an indicator reached, with the day it was known and its
 * source (a follow-up, a report, a visit): `results.<id>.actual`, `actualOn`, `actualSource` on
 * the activity (shared/funding/edit.ts), written together on the latest revision. Results
 * against targets then read it instead of the sum of the participants' follow-ups.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { applyActivityChanges } from '@shared/funding/edit';
import { useWorkspace } from '../../app/workspace-context';
import { editDoc } from '../../data/funding';
import type { ActivityRow } from '../../data/funding-projector';
import { reachedFormSchema, type ReachedForm } from './funding.form';
import { localToday } from './use-funding';
import { fmt } from '../../app/format';

export function ReachedValue({ activity }: { activity: ActivityRow }) {
  const { t } = useTranslation('funding');
  const { libraryRepository, author } = useWorkspace().workspace;
  const [message, setMessage] = useState<string>();
  const ids = Object.keys(activity.results);
  const { register, handleSubmit, formState, control, reset } = useForm<ReachedForm>({
    resolver: zodResolver(reachedFormSchema),
    defaultValues: { result: ids[0] ?? '', value: '', on: localToday(), source: '' },
  });
  const resultId = useWatch({ control, name: 'result' });
  const chosen = activity.results[resultId];
  const write = async (id: string, actual: number | null, on: string, source: string) => {
    setMessage(undefined);
    try {
      await editDoc(
        libraryRepository,
        activity._id,
        (doc) =>
          applyActivityChanges(doc as typeof activity, {
            [`results.${id}.actual`]: actual,
            [`results.${id}.actualOn`]: on,
            [`results.${id}.actualSource`]: source,
          }),
        () => new Date().toISOString(),
        author.user,
      );
      return true;
    } catch (e) {
      setMessage(toErrorData(e).message);
      return false;
    }
  };
  const submit = handleSubmit(async (form) => {
    const unit = activity.results[form.result]?.unit ?? '';
    if (await write(form.result, Number(form.value), form.on, form.source.trim())) {
      setMessage(t('reached.recorded', { value: form.value, unit, on: fmt.date(form.on) }));
      reset({ ...form, value: '', source: '' });
    }
  });
  if (ids.length === 0) return null;
  const err = formState.errors;
  const r = 'reached';
  return (
    <form
      className="edit"
      noValidate
      aria-labelledby={`${r}-title`}
      data-testid="record-reached"
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={`${r}-title`}>{t('reached.title')}</h3>
      <p className="hint">{t('reached.intro')}</p>
      <div className="field">
        <label htmlFor={`${r}-result`}>{t('reached.result')}</label>
        <select id={`${r}-result`} {...register('result')}>
          {Object.entries(activity.results).map(([id, res]) => (
            <option key={id} value={id}>
              {res.result} — {res.indicator}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${r}-value`}>
            {t('reached.value')}
            {chosen?.unit ? ` (${chosen.unit})` : ''}
          </label>
          <input
            id={`${r}-value`}
            inputMode="decimal"
            aria-invalid={Boolean(err.value)}
            aria-describedby={err.value ? `${r}-value-error` : undefined}
            {...register('value')}
          />
          {err.value ? (
            <p className="field-error" id={`${r}-value-error`}>
              {err.value.message}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${r}-on`}>{t('reached.on')}</label>
          <input
            id={`${r}-on`}
            type="date"
            aria-invalid={Boolean(err.on)}
            aria-describedby={err.on ? `${r}-on-error` : undefined}
            {...register('on')}
          />
          {err.on ? (
            <p className="field-error" id={`${r}-on-error`}>
              {err.on.message}
            </p>
          ) : null}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${r}-source`}>{t('reached.source')}</label>
        <input
          id={`${r}-source`}
          placeholder={t('reached.sourceHint')}
          aria-invalid={Boolean(err.source)}
          aria-describedby={err.source ? `${r}-source-error` : undefined}
          {...register('source')}
        />
        {err.source ? (
          <p className="field-error" id={`${r}-source-error`}>
            {err.source.message}
          </p>
        ) : null}
      </div>
      <button type="submit">{t('reached.record')}</button>{' '}
      {chosen && chosen.actual !== null ? (
        <button type="button" className="secondary" onClick={() => void write(resultId, null, '', '')}>
          {t('reached.clear')}
        </button>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}
