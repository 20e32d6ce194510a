/**
 * "Export a consolidated return": one questionnaire and cycle across the institutes whose
 * responses are on this computer (every institute the secretariat has synced; an institute's
 * own device has its own), and a blank return for an institute that does not use the app.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ResponseDoc } from '@shared/docs/response/schema';
import type { InstituteInfo } from '@shared/excel/return-export';
import { toErrorData } from '@shared/errors';
import type { Template } from '@shared/forms/model';
import { findShippedTemplate } from '@shared/forms/shipped';
import { responseId } from '@shared/ids';
import { FieldError } from '../../app/FieldError';
import { useWorkspace } from '../../app/workspace-context';
import { useResponseRows } from '../../data/hooks';
import { parseTemplateKey } from '../questionnaires/questionnaire.form';
import { useTemplateChoices } from '../questionnaires/use-templates';
import { consolidatedSchema, type ConsolidatedForm } from './returns.form';
import { useSyncStore } from '../../app/sync-store';
import { useSupportReceived } from '../funding/use-support-received';
import { useInstitutes } from '../institutes/use-institutes';
import { excelInstitute, nextFrame, saveWorkbook } from './workbook-file';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; done: number; total: number }
  | { kind: 'done'; text: string; notes: string[] }
  | { kind: 'error'; text: string };

export function ConsolidatedExport() {
  const { t } = useTranslation();
  const { profile, workspace } = useWorkspace();
  const rows = useResponseRows();
  const institutes = useInstitutes();
  const supportReceived = useSupportReceived();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const choices = useTemplateChoices();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<ConsolidatedForm>({
    resolver: zodResolver(consolidatedSchema),
    defaultValues: {
      templateKey: choices[0]?.key ?? '',
      cycle: String(new Date().getFullYear()),
      orgs: [profile.org],
      earlierCycles: false,
    },
  });
  const [templateKey, cycle, picked] = useWatch({ control, name: ['templateKey', 'cycle', 'orgs'] });
  // Every institute with a response here; the secretariat also those of the directory without one.
  const orgs = useMemo(() => {
    const directory = isSecretariat ? institutes.list.map((i) => i.org) : [];
    const found = new Set([profile.org, ...(rows ?? []).map((r) => r.org), ...directory]);
    return [...found].sort((a, b) => institutes.get(a).name.localeCompare(institutes.get(b).name));
  }, [rows, profile.org, institutes, isSecretariat]);
  const answered = useMemo(() => {
    const { id } = parseTemplateKey(templateKey);
    return new Set(
      (rows ?? []).filter((r) => r.templateId === id && String(r.cycle) === cycle).map((r) => r.org),
    );
  }, [rows, templateKey, cycle]);

  const loadTemplate = async (key: string): Promise<Template> => {
    const { id, version } = parseTemplateKey(key);
    const template =
      findShippedTemplate(id, version) ?? (await workspace.repository.getTemplate(id, version));
    if (!template) throw new Error(t('questionnaires.unknownTemplate', { id, version }));
    return template;
  };

  const exportAll = handleSubmit(async (form) => {
    setState({ kind: 'working', done: 0, total: form.orgs.length });
    try {
      const template = await loadTemplate(form.templateKey);
      const year = Number(form.cycle);
      const notes: string[] = [];
      const chosen: { institute: InstituteInfo; response?: ResponseDoc; cycle: number }[] = [];
      // Each response is read with the version it was answered on: load every version met.
      const versions = new Map<string, Template | null>([[template.version, template]]);
      for (const org of form.orgs) {
        const institute = excelInstitute(institutes, org);
        const cycles = form.earlierCycles
          ? [
              ...new Set([
                year,
                ...(rows ?? [])
                  .filter((r) => r.org === org && r.templateId === template.id && r.cycle < year)
                  .map((r) => r.cycle),
              ]),
            ].sort((a, b) => a - b)
          : [year];
        for (const cycle of cycles) {
          const response = await workspace.repository.getResponse(responseId(org, template.id, cycle));
          if (response && !versions.has(response.templateVersion)) {
            const other =
              findShippedTemplate(template.id, response.templateVersion) ??
              (await workspace.repository.getTemplate(template.id, response.templateVersion));
            versions.set(response.templateVersion, other ?? null);
          }
          if (response && !versions.get(response.templateVersion)) {
            notes.push(
              t('returns.otherVersion', { name: institute.name, version: response.templateVersion }),
            );
          }
          chosen.push(response ? { institute, response, cycle } : { institute, cycle });
        }
      }
      const { exportConsolidated, consolidatedFileName } = await import('@shared/excel/consolidated');
      const bytes = await exportConsolidated({
        template,
        cycle: year,
        institutes: chosen,
        templates: [...versions.values()].filter((v): v is Template => v !== null),
        elsewhere: supportReceived,
        exportedAt: new Date(),
        exportedBy: workspace.author.user,
        appVersion: __APP_VERSION__,
        onProgress: async (done, total) => {
          setState({ kind: 'working', done, total });
          await nextFrame();
        },
      });
      const path = await saveWorkbook(consolidatedFileName(template, year), bytes);
      setState(path ? { kind: 'done', text: t('returns.exported', { path }), notes } : { kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', text: t('returns.exportFailed', { message: toErrorData(error).message }) });
    }
  });

  const exportBlank = handleSubmit(async (form) => {
    const org = form.orgs[0];
    if (form.orgs.length !== 1 || !org) return;
    setState({ kind: 'working', done: 0, total: 1 });
    try {
      const template = await loadTemplate(form.templateKey);
      const { exportReturn, returnFileName } = await import('@shared/excel/return-export');
      const institute = excelInstitute(institutes, org);
      const year = Number(form.cycle);
      const bytes = await exportReturn({
        template,
        institute,
        cycle: year,
        elsewhere: supportReceived(org, year),
        exportedAt: new Date(),
        exportedBy: workspace.author.user,
        appVersion: __APP_VERSION__,
      });
      const path = await saveWorkbook(returnFileName(institute, template, year, true), bytes);
      setState(path ? { kind: 'done', text: t('returns.exported', { path }), notes: [] } : { kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', text: t('returns.exportFailed', { message: toErrorData(error).message }) });
    }
  });

  const working = state.kind === 'working';
  const single = picked.length === 1 ? picked[0] : undefined;
  return (
    <section aria-labelledby="consolidated-title" className="returns-export">
      <h2 id="consolidated-title">{t('returns.consolidatedTitle')}</h2>
      <p className="hint">{t('returns.consolidatedExplain')}</p>
      <form onSubmit={exportAll} noValidate aria-labelledby="consolidated-title">
        <div className="inline-form">
          <div className="field">
            <label htmlFor="consolidated-template">{t('returns.exportTemplate')}</label>
            <select id="consolidated-template" {...register('templateKey')}>
              {choices.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.title}
                  {choice.imported || choice.older ? ` (${choice.version})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="consolidated-cycle">{t('returns.exportCycle')}</label>
            <input
              id="consolidated-cycle"
              inputMode="numeric"
              aria-invalid={Boolean(errors.cycle)}
              {...register('cycle')}
            />
            <FieldError id="consolidated-cycle" message={errors.cycle?.message} />
          </div>
          <div className="field checkbox-field">
            <label className="choice">
              <input type="checkbox" {...register('earlierCycles')} /> {t('returns.earlierCycles')}
            </label>
          </div>
        </div>
        <fieldset
          className="institutes"
          aria-describedby={errors.orgs ? 'consolidated-orgs-error' : undefined}
        >
          <legend>{t('returns.institutes')}</legend>
          {orgs.map((org) => (
            <label key={org} className="choice">
              <input type="checkbox" value={org} {...register('orgs')} /> {institutes.get(org).name}
              <span className="hint">
                {' '}
                · {answered.has(org) ? t('returns.hasResponse') : t('returns.noResponse')}
              </span>
            </label>
          ))}
          <FieldError id="consolidated-orgs" message={errors.orgs?.message} />
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={working}>
            {t('returns.exportConsolidated')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={working || !single}
            onClick={() => void exportBlank()}
          >
            {single
              ? t('returns.exportBlankFor', { name: institutes.get(single).name })
              : t('returns.exportBlank')}
          </button>
        </div>
      </form>
      <div role="status">
        {state.kind === 'working' ? (
          <p className="progress">
            <progress max={Math.max(1, state.total)} value={state.done} aria-label={t('returns.preparing')} />{' '}
            {t('returns.progress', { done: state.done, total: state.total })}
          </p>
        ) : null}
        {state.kind === 'done' ? (
          <>
            <p>{state.text}</p>
            {state.notes.map((note) => (
              <p key={note} className="hint">
                {note}
              </p>
            ))}
          </>
        ) : null}
      </div>
      {state.kind === 'error' ? <p role="alert">{state.text}</p> : null}
    </section>
  );
}
