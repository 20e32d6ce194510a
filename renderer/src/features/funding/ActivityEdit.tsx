/**
 * The secretariat edits a DEC activity in place: its fields, participants and expected results,
 * each change saved as typed (use-funding-edit.ts), numbers kept as typed while they are not
 * numbers. Deleting a result or the activity asks first and says what it leaves behind.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpectedResult } from '@shared/docs/activity/schema';
import { SaveIndicator } from '../../app/SaveIndicator';
import { deleteDoc } from '../../data/funding';
import type { ActivityRow } from '../../data/funding-projector';
import { ConfirmDelete } from './ConfirmDelete';
import { funderChoice } from './funding.form';
import { useFunding } from './use-funding';
import { useActivityEdit } from './use-funding-edit';
import { WorkPackageOptions } from '../../app/options';
import { ProgrammeOptions } from './ProgrammeOptions';

/** A number typed: stored as a number when it is one, as typed otherwise, null when empty. */
export function typedNumber(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : text;
}

const shown = (value: number | string | null) => (value === null ? '' : String(value));

export function ActivityEdit({
  activity,
  onClose,
  onDeleted,
}: {
  activity: ActivityRow;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('funding');
  const { workspace, funders, institutes, followups } = useFunding();
  const edit = useActivityEdit(activity._id);
  const [results, setResults] = useState(() => Object.entries(activity.results));
  const a = 'activity-edit';
  const field = (name: 'title' | 'lead' | 'currency', label: string) => (
    <div className="field">
      <label htmlFor={`${a}-${name}`}>{label}</label>
      <input
        id={`${a}-${name}`}
        defaultValue={activity[name]}
        onChange={(e) => edit.change({ [name]: e.target.value })}
      />
    </div>
  );
  const written = followups.filter((f) => f.activityId === activity._id).length;
  return (
    <div className="edit activity-edit" data-testid="activity-edit">
      <SaveIndicator />
      {field('title', t('activities.name'))}
      <div className="field">
        <label htmlFor={`${a}-objective`}>{t('activities.objective')}</label>
        <textarea
          id={`${a}-objective`}
          rows={2}
          defaultValue={activity.objective}
          onChange={(e) => edit.change({ objective: e.target.value })}
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${a}-wp`}>{t('activities.workPackage')}</label>
          <select
            id={`${a}-wp`}
            defaultValue={activity.workPackage}
            onChange={(e) => edit.change({ workPackage: e.target.value })}
          >
            <WorkPackageOptions />
          </select>
        </div>
        {field('lead', t('activities.lead'))}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${a}-budget`}>{t('activities.budget')}</label>
          <input
            id={`${a}-budget`}
            inputMode="decimal"
            defaultValue={shown(activity.budget)}
            onChange={(e) => edit.change({ budget: typedNumber(e.target.value) })}
          />
        </div>
        {field('currency', t('activities.currency'))}
        <div className="field">
          <label htmlFor={`${a}-funder`}>{t('activities.funder')}</label>
          <select
            id={`${a}-funder`}
            defaultValue={funderChoice(activity.funderId, activity.programmeId)}
            onChange={(e) => edit.change({ funder: e.target.value })}
          >
            <ProgrammeOptions funders={funders} />
          </select>
        </div>
      </div>
      <div className="row">
        {(['start', 'end'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${a}-${name}`}>{t(`activities.${name}`)}</label>
            <input
              id={`${a}-${name}`}
              type="date"
              defaultValue={activity[name]}
              onChange={(e) => edit.change({ [name]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <fieldset>
        <legend>{t('edit.participants')}</legend>
        <div className="checks">
          {institutes.list.map((i) => (
            <label key={i.org} className="choice">
              <input
                type="checkbox"
                defaultChecked={Object.hasOwn(activity.participants, i.org)}
                onChange={(e) =>
                  edit.change({ [`participants.${i.org}`]: e.target.checked ? { people: '' } : null })
                }
              />{' '}
              {i.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('activities.results')}</legend>
        {results.map(([id, r]) => (
          <ResultEdit
            key={id}
            id={id}
            result={r}
            change={(path, value) => edit.change({ [`results.${id}${path ? `.${path}` : ''}`]: value })}
            onRemoved={() => setResults((list) => list.filter(([other]) => other !== id))}
          />
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const id = `r${crypto.randomUUID().slice(0, 6)}`;
            const result: ExpectedResult = {
              result: '',
              indicator: '',
              baseline: 0,
              target: null,
              actual: null,
              actualOn: '',
              actualSource: '',
              unit: '',
            };
            edit.change({ [`results.${id}`]: result });
            setResults((list) => [...list, [id, result]]);
          }}
        >
          {t('edit.addResult')}
        </button>
      </fieldset>
      <div className="edit-actions">
        <button type="button" onClick={() => void edit.flush().then(onClose)}>
          {t('edit.done')}
        </button>
        <ConfirmDelete
          label={t('edit.deleteActivity')}
          consequence={t('edit.deleteActivityWhat', { title: activity.title, followups: written })}
          onDelete={async () => {
            await edit.flush();
            await deleteDoc(workspace.libraryRepository, activity._id);
            onDeleted();
          }}
        />
      </div>
    </div>
  );
}

function ResultEdit({
  id,
  result,
  change,
  onRemoved,
}: {
  id: string;
  result: ExpectedResult;
  change: (path: string, value: unknown) => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation('funding');
  const r = `result-edit-${id}`;
  const text = (name: 'result' | 'indicator' | 'unit') => (
    <div className="field">
      <label htmlFor={`${r}-${name}`}>{t(`activities.${name}`)}</label>
      <input id={`${r}-${name}`} defaultValue={result[name]} onChange={(e) => change(name, e.target.value)} />
    </div>
  );
  const number = (name: 'baseline' | 'target') => (
    <div className="field">
      <label htmlFor={`${r}-${name}`}>{t(`activities.${name}`)}</label>
      <input
        id={`${r}-${name}`}
        inputMode="decimal"
        defaultValue={shown(result[name])}
        onChange={(e) => change(name, typedNumber(e.target.value))}
      />
    </div>
  );
  return (
    <div className="result-edit" data-testid={`result-edit-${id}`}>
      <div className="row">
        {text('result')}
        {text('indicator')}
      </div>
      <div className="row">
        {number('baseline')}
        {number('target')}
        {text('unit')}
      </div>
      <ConfirmDelete
        label={t('edit.deleteResult')}
        consequence={t('edit.deleteResultWhat', { result: result.result || result.indicator })}
        onDelete={() => {
          change('', null);
          onRemoved();
        }}
      />
    </div>
  );
}
