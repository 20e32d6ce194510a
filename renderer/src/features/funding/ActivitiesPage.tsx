/**
 * DEC activities with their results framework (DEC plan LA5-WP1) and their monitoring
 * (LA1-WP5): the secretariat creates an activity (objective, leverage area and work package,
 * lead, budget and funder, participants, dates, expected results with indicators); each
 * participant writes its follow-ups at 3 and 12 months in its own database; the activity shows
 * indicators against targets and which follow-ups are sent, due or overdue.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { leverageLabel, leverageOfWorkPackage } from '@shared/case-studies/leverage';
import { ACTIVITY_SCHEMA_VERSION, type ActivityDoc } from '@shared/docs/activity/schema';
import { FOLLOWUP_SCHEMA_VERSION, type FollowupDoc } from '@shared/docs/followup/schema';
import { toErrorData } from '@shared/errors';
import { FOLLOWUP_USES } from '@shared/funding/kinds';
import { followupStatuses, indicatorProgress, progressCells } from '@shared/funding/views';
import { activityId, followupId } from '@shared/ids';
import { saveDoc } from '../../data/funding';
import type { ActivityRow, FollowupRow } from '../../data/funding-projector';
import { Panel } from '../dashboard/Panel';
import { ActivityEdit } from './ActivityEdit';
import { ReachedValue } from './ReachedValue';
import {
  activityFormSchema,
  followupFormSchema,
  numberOrNull,
  parseFunderChoice,
  type ActivityForm,
  type FollowupForm,
} from './funding.form';
import { localToday, useFunding } from './use-funding';
import { WorkPackageOptions } from '../../app/options';
import { ProgrammeOptions } from './ProgrammeOptions';
import { FormActions } from '../../app/FormActions';
import { useSaving } from '../../app/use-saving';
import { fmt } from '../../app/format';

export function ActivitiesPage() {
  return (
    <Routes>
      <Route index element={<ActivityList />} />
      <Route path=":id" element={<ActivityDetail />} />
    </Routes>
  );
}

function ActivityList() {
  const { t } = useTranslation('funding');
  const data = useFunding();
  const [adding, setAdding] = useState(false);
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const states = followupStatuses(data.activities, data.followups, localToday());
  return (
    <section aria-labelledby="activities-title">
      <h2 id="activities-title">{t('activities.title')}</h2>
      {data.isSecretariat ? (
        adding ? (
          <ActivityEditor onDone={() => setAdding(false)} />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            {t('activities.add')}
          </button>
        )
      ) : (
        <p className="hint">{t('secretariatOnly')}</p>
      )}
      {data.activities.length === 0 ? <p>{t('activities.empty')}</p> : null}
      <ul className="plain-list">
        {data.activities.map((a) => {
          const own = states.filter(
            (s) => s.activityId === a.id && (data.isSecretariat || s.org === data.author.org),
          );
          const overdue = own.filter((s) => s.state === 'overdue').length;
          const due = own.filter((s) => s.state === 'due').length;
          return (
            <li key={a.id} className="card" data-testid="activity">
              <h3>
                <Link to={encodeURIComponent(a.id)}>{a.title}</Link>
              </h3>
              <p className="hint">
                {[
                  a.leverageArea ? leverageLabel(a.leverageArea) : '',
                  a.workPackage,
                  `${fmt.date(a.start)} – ${fmt.date(a.end)}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {overdue || due ? (
                <p className="due-soon">
                  {overdue ? t('activities.followupsOverdue', { count: overdue }) : ''}
                  {overdue && due ? ' · ' : ''}
                  {due ? t('activities.followupsDue', { count: due }) : ''}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ActivityDetail() {
  const { t } = useTranslation('funding');
  const { id = '' } = useParams();
  const data = useFunding();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const activity = data.activities.find((a) => a.id === id);
  if (!activity)
    return (
      <p role="alert">
        {t('activities.empty')} <Link to="/funding/activities">{t('nav.activities')}</Link>
      </p>
    );
  const name = (org: string) => data.institutes.get(org).name;
  const followups = data.followups.filter((f) => f.activityId === activity.id);
  const progress = indicatorProgress([activity], followups);
  const states = followupStatuses([activity], followups, localToday());
  const participant = Object.hasOwn(activity.participants, data.author.org);
  return (
    <article aria-labelledby="activity-title">
      <p>
        <Link to="/funding/activities">{t('nav.activities')}</Link>
      </p>
      <h2 id="activity-title">
        {activity.title}
        {data.isSecretariat && !editing ? (
          <>
            {' '}
            <button type="button" className="secondary small" onClick={() => setEditing(true)}>
              {t('edit.editActivity')}
            </button>
          </>
        ) : null}
      </h2>
      {editing ? (
        <ActivityEdit
          activity={activity}
          onClose={() => setEditing(false)}
          onDeleted={() => void navigate('/funding/activities')}
        />
      ) : null}
      <p>{activity.objective}</p>
      <p className="hint">
        {[
          activity.leverageArea ? leverageLabel(activity.leverageArea) : '',
          activity.workPackage,
          activity.lead,
          `${fmt.date(activity.start)} – ${fmt.date(activity.end)}`,
          typeof activity.budget === 'number' ? `${fmt.number(activity.budget)} ${activity.currency}` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <Panel
        id="activity-progress"
        table={{
          title: t('activities.progress'),
          columns: [
            t('activities.col.result'),
            t('activities.col.indicator'),
            t('activities.col.baseline'),
            t('activities.col.target'),
            t('activities.col.reached'),
            t('activities.col.unit'),
            t('activities.col.share'),
            t('activities.col.basis'),
          ],
          rows: progress.map(progressCells),
        }}
      />
      {data.isSecretariat ? <ReachedValue activity={activity} /> : null}
      <Panel
        id="activity-followups"
        table={{
          title: t('activities.followups'),
          columns: [
            t('activities.col.institute'),
            t('activities.col.months'),
            t('activities.col.due'),
            t('activities.col.state'),
          ],
          rows: states
            .filter((s) => data.isSecretariat || s.org === data.author.org)
            .map((s) => [name(s.org), s.months, s.due, t(`activities.state.${s.state}`)]),
        }}
      />
      {participant
        ? ([3, 12] as const).map((months) => (
            <FollowupEditor
              key={months}
              activity={activity}
              months={months}
              existing={followups.find((f) => f.org === data.author.org && f.months === months)}
            />
          ))
        : null}
    </article>
  );
}

function FollowupEditor({
  activity,
  months,
  existing,
}: {
  activity: ActivityRow;
  months: 3 | 12;
  existing: FollowupRow | undefined;
}) {
  const { t } = useTranslation('funding');
  const { workspace, author } = useFunding();
  const [message, setMessage] = useState<string>();
  const { register, handleSubmit } = useForm<FollowupForm>({
    resolver: zodResolver(followupFormSchema),
    defaultValues: {
      uses: existing?.uses ?? [],
      story: existing?.story ?? '',
      indicators: Object.fromEntries(
        Object.keys(activity.results).map((id) => [
          id,
          existing?.indicators[id] === undefined || existing.indicators[id] === null
            ? ''
            : String(existing.indicators[id]),
        ]),
      ),
    },
  });
  const save = (send: boolean) =>
    handleSubmit(async (form) => {
      setMessage(undefined);
      const now = new Date().toISOString();
      const fields = {
        uses: form.uses,
        story: form.story,
        indicators: Object.fromEntries(
          Object.entries(form.indicators).map(([id, v]) => [
            id,
            v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v,
          ]),
        ),
        ...(send ? { submittedAt: now } : {}),
      };
      const doc: FollowupDoc = {
        _id: followupId(author.org, activity._id, months),
        type: 'followup',
        schemaVersion: FOLLOWUP_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        activityId: activity._id,
        months,
        ...fields,
      };
      try {
        await saveDoc(workspace.repository, doc, fields, now, author.user);
        setMessage(send ? t('followup.sent', { date: now.slice(0, 10) }) : t('saved'));
      } catch (e) {
        setMessage(toErrorData(e).message);
      }
    });
  const base = `followup-${months}`;
  return (
    <form
      className="edit"
      noValidate
      aria-labelledby={`${base}-title`}
      data-testid={base}
      onSubmit={(e) => void save(true)(e)}
    >
      <h3 id={`${base}-title`}>{t('followup.title', { months })}</h3>
      <p className="hint">{t('followup.intro')}</p>
      {existing?.submittedAt ? (
        <p>{t('followup.sent', { date: existing.submittedAt.slice(0, 10) })}</p>
      ) : null}
      <fieldset>
        <legend>{t('followup.uses')}</legend>
        <div className="checks">
          {FOLLOWUP_USES.map((u) => (
            <label key={u} className="choice">
              <input type="checkbox" value={u} {...register('uses')} /> {t(`followup.use.${u}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-story`}>{t('followup.story')}</label>
        <textarea id={`${base}-story`} rows={3} {...register('story')} />
      </div>
      {Object.entries(activity.results).map(([id, r]) => (
        <div className="field" key={id}>
          <label htmlFor={`${base}-${id}`}>
            {t('followup.indicator', { indicator: r.indicator, unit: r.unit })}
          </label>
          <input id={`${base}-${id}`} inputMode="decimal" {...register(`indicators.${id}`)} />
        </div>
      ))}
      <button type="button" className="secondary" onClick={(e) => void save(false)(e)}>
        {t('save')}
      </button>{' '}
      <button type="submit">{t('followup.send')}</button>
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}

function ActivityEditor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('funding');
  const { workspace, author, funders, institutes } = useFunding();
  const { error, saving } = useSaving();
  const { register, handleSubmit, formState, control } = useForm<ActivityForm>({
    resolver: zodResolver(activityFormSchema),
    defaultValues: {
      title: '',
      objective: '',
      workPackage: '',
      lead: '',
      budget: '',
      currency: 'EUR',
      funder: '',
      start: '',
      end: '',
      participants: [],
      results: [{ result: '', indicator: '', baseline: '0', target: '', unit: '' }],
    },
  });
  const results = useFieldArray({ control, name: 'results' });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const now = new Date().toISOString();
      const { funderId, programmeId } = parseFunderChoice(form.funder);
      const doc: ActivityDoc = {
        _id: activityId(crypto.randomUUID().slice(0, 8)),
        type: 'activity',
        schemaVersion: ACTIVITY_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        title: form.title,
        objective: form.objective,
        leverageArea: form.workPackage ? (leverageOfWorkPackage(form.workPackage) ?? '') : '',
        workPackage: form.workPackage,
        lead: form.lead,
        budget: numberOrNull(form.budget),
        currency: form.currency.trim().toUpperCase(),
        funderId,
        programmeId,
        start: form.start,
        end: form.end,
        participants: Object.fromEntries(form.participants.map((org) => [org, { people: '' }])),
        results: Object.fromEntries(
          form.results.map((r, i) => [
            `r${i + 1}`,
            {
              result: r.result,
              indicator: r.indicator,
              baseline: numberOrNull(r.baseline),
              target: Number(r.target),
              actual: null,
              actualOn: '',
              actualSource: '',
              unit: r.unit,
            },
          ]),
        ),
      };
      await saveDoc(workspace.libraryRepository, doc, {}, now, author.user);
      onDone();
    }),
  );
  const err = formState.errors;
  return (
    <form className="edit" onSubmit={(e) => void submit(e)} noValidate aria-label={t('activities.add')}>
      <div className="field">
        <label htmlFor="activity-title-input">{t('activities.name')}</label>
        <input id="activity-title-input" aria-invalid={Boolean(err.title)} {...register('title')} />
        {err.title ? <p className="field-error">{err.title.message}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="activity-objective">{t('activities.objective')}</label>
        <textarea id="activity-objective" rows={2} {...register('objective')} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="activity-wp">{t('activities.workPackage')}</label>
          <select id="activity-wp" {...register('workPackage')}>
            <WorkPackageOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-lead">{t('activities.lead')}</label>
          <input id="activity-lead" {...register('lead')} />
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="activity-budget">{t('activities.budget')}</label>
          <input
            id="activity-budget"
            inputMode="decimal"
            aria-invalid={Boolean(err.budget)}
            {...register('budget')}
          />
          {err.budget ? <p className="field-error">{err.budget.message}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="activity-currency">{t('activities.currency')}</label>
          <input id="activity-currency" {...register('currency')} />
        </div>
        <div className="field">
          <label htmlFor="activity-funder">{t('activities.funder')}</label>
          <select id="activity-funder" {...register('funder')}>
            <ProgrammeOptions funders={funders} />
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="activity-start">{t('activities.start')}</label>
          <input id="activity-start" type="date" {...register('start')} />
        </div>
        <div className="field">
          <label htmlFor="activity-end">{t('activities.end')}</label>
          <input id="activity-end" type="date" aria-invalid={Boolean(err.end)} {...register('end')} />
          {err.end ? <p className="field-error">{err.end.message}</p> : null}
        </div>
      </div>
      <fieldset>
        <legend>{t('activities.participants')}</legend>
        {err.participants ? <p className="field-error">{err.participants.message}</p> : null}
        <div className="checks">
          {institutes.list.map((i) => (
            <label key={i.org} className="choice">
              <input type="checkbox" value={i.org} {...register('participants')} /> {i.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('activities.results')}</legend>
        {results.fields.map((field, i) => (
          <div className="row" key={field.id}>
            <div className="field">
              <label htmlFor={`result-${i}-result`}>{t('activities.result')}</label>
              <input id={`result-${i}-result`} {...register(`results.${i}.result`)} />
              {err.results?.[i]?.result ? (
                <p className="field-error">{err.results[i]?.result?.message}</p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={`result-${i}-indicator`}>{t('activities.indicator')}</label>
              <input id={`result-${i}-indicator`} {...register(`results.${i}.indicator`)} />
              {err.results?.[i]?.indicator ? (
                <p className="field-error">{err.results[i]?.indicator?.message}</p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={`result-${i}-baseline`}>{t('activities.baseline')}</label>
              <input id={`result-${i}-baseline`} inputMode="decimal" {...register(`results.${i}.baseline`)} />
            </div>
            <div className="field">
              <label htmlFor={`result-${i}-target`}>{t('activities.target')}</label>
              <input id={`result-${i}-target`} inputMode="decimal" {...register(`results.${i}.target`)} />
              {err.results?.[i]?.target ? (
                <p className="field-error">{err.results[i]?.target?.message}</p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={`result-${i}-unit`}>{t('activities.unit')}</label>
              <input id={`result-${i}-unit`} {...register(`results.${i}.unit`)} />
            </div>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => results.append({ result: '', indicator: '', baseline: '0', target: '', unit: '' })}
        >
          {t('activities.addResult')}
        </button>
      </fieldset>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={onDone} error={error} />
    </form>
  );
}
