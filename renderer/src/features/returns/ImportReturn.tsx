/**
 * "Import a filled return": the person chooses the institute and cycle it fills, then the
 * workbook is read on this computer and every cell checked against the questionnaire and
 * the response as it is now. The workbook never chooses where it is written: a return of
 * another institute or cycle than the one chosen is refused (and one whose hidden sheet
 * disagrees with its cover is refused on opening). The report lists each problem with its
 * sheet, cell, question and what is expected; nothing is written until the person applies
 * it, and then all of it at once, as the next revision of the response.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import { RETURN_LIMITS } from '@shared/excel/guard';
import type { OpenedReturn, ReturnProblem, ReturnReport } from '@shared/excel/return-import';
import type { Template } from '@shared/forms/model';
import { findShippedTemplate } from '@shared/forms/shipped';
import { responseId } from '@shared/ids';
import { useWorkspace } from '../../app/workspace-context';
import { useInstitutes } from '../institutes/use-institutes';
import { XLSX_ACCEPT } from './workbook-file';
import { ScrollBox } from '../../app/ScrollBox';

type Opened = Extract<OpenedReturn, { ok: true }>;

type State =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'refused'; problems: ReturnProblem[] }
  | { kind: 'error'; text: string }
  | {
      kind: 'checked';
      fileName: string;
      opened: Opened;
      template: Template | undefined;
      current: ResponseDoc | undefined;
      report: ReturnReport;
    }
  | { kind: 'applying' }
  | { kind: 'applied'; doc: ResponseDoc; changed: number };

export function ImportReturn({ mayWrite }: { mayWrite: (org: string) => boolean }) {
  const { t } = useTranslation();
  const { profile, workspace } = useWorkspace();
  const { repository } = workspace;
  const institutes = useInstitutes();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [submit, setSubmit] = useState(false);
  // Where the return is written: chosen here, checked against the workbook's cover.
  const choices = institutes.list.filter((i) => mayWrite(i.org));
  const [targetOrg, setTargetOrg] = useState(profile.org);
  const [targetCycle, setTargetCycle] = useState(String(new Date().getFullYear()));
  const ids = useId();

  const check = async (opened: Opened, fileName: string, submitting: boolean) => {
    const { meta } = opened;
    const template =
      findShippedTemplate(meta.templateId, meta.templateVersion) ??
      (await repository.getTemplate(meta.templateId, meta.templateVersion));
    const current = await repository.getResponse(responseId(meta.org, meta.templateId, meta.cycle));
    const { checkReturn } = await import('@shared/excel/return-import');
    const report = checkReturn(opened, { template, current, submit: submitting, now: new Date() });
    setState({ kind: 'checked', fileName, opened, template, current, report });
  };

  const read = async (file: File) => {
    if (file.size > RETURN_LIMITS.maxFileBytes) {
      setState({
        kind: 'error',
        text: t('returns.tooLarge', {
          size: (file.size / 1024 / 1024).toFixed(1),
          limit: RETURN_LIMITS.maxFileBytes / 1024 / 1024,
        }),
      });
      return;
    }
    const cycle = Number(targetCycle.trim());
    if (!/^\d{4}$/.test(targetCycle.trim()) || cycle < 2000 || cycle > 2100) {
      setState({ kind: 'error', text: t('returns.targetCycleInvalid', { cycle: targetCycle }) });
      return;
    }
    if (!mayWrite(targetOrg)) {
      setState({
        kind: 'error',
        text: t('returns.otherInstitute', {
          name: institutes.get(targetOrg).name,
          own: profile.instituteName,
        }),
      });
      return;
    }
    setState({ kind: 'reading' });
    try {
      const { checkTarget, openReturn } = await import('@shared/excel/return-import');
      const opened = await openReturn(new Uint8Array(await file.arrayBuffer()));
      if (!opened.ok) {
        setState({ kind: 'refused', problems: opened.problems });
        return;
      }
      const elsewhere = checkTarget(opened.meta, { org: targetOrg, cycle });
      if (elsewhere) {
        setState({ kind: 'refused', problems: [elsewhere] });
        return;
      }
      await check(opened, file.name, submit);
    } catch (error) {
      setState({ kind: 'error', text: t('returns.importFailed', { message: toErrorData(error).message }) });
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void read(file);
  };

  const toggleSubmit = (next: boolean) => {
    setSubmit(next);
    if (state.kind === 'checked') void check(state.opened, state.fileName, next);
  };

  const apply = async () => {
    if (state.kind !== 'checked' || !state.template) return;
    const { report, template, fileName } = state;
    setState({ kind: 'applying' });
    try {
      const doc = await repository.applyReturn(report, template, t('returns.reason', { file: fileName }));
      setState({ kind: 'applied', doc, changed: report.summary.changedAnswers });
    } catch (error) {
      setState({ kind: 'error', text: t('returns.applyFailed', { message: toErrorData(error).message }) });
    }
  };

  return (
    <section aria-labelledby="import-return-title" className="import-return">
      <h2 id="import-return-title">{t('returns.importTitle')}</h2>
      <p className="hint">{t('returns.importExplain')}</p>
      <fieldset className="import-target">
        <legend>{t('returns.importInto')}</legend>
        <div className="field">
          <label htmlFor={`${ids}-org`}>{t('returns.targetInstitute')}</label>
          {choices.length > 1 ? (
            <select id={`${ids}-org`} value={targetOrg} onChange={(e) => setTargetOrg(e.target.value)}>
              {choices.map((info) => (
                <option key={info.org} value={info.org}>
                  {info.name}
                </option>
              ))}
            </select>
          ) : (
            <output id={`${ids}-org`}>{institutes.get(targetOrg).name}</output>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-cycle`}>{t('returns.targetCycle')}</label>
          <input
            id={`${ids}-cycle`}
            inputMode="numeric"
            value={targetCycle}
            onChange={(e) => setTargetCycle(e.target.value)}
          />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="return-file">{t('returns.importFile')}</label>
        <input id="return-file" type="file" accept={XLSX_ACCEPT} onChange={onFile} />
      </div>
      <label className="choice">
        <input type="checkbox" checked={submit} onChange={(e) => toggleSubmit(e.target.checked)} />{' '}
        {t('returns.submitToo')}
      </label>
      <div role="status">
        {state.kind === 'reading' ? <p>{t('returns.reading')}</p> : null}
        {state.kind === 'applying' ? <p>{t('returns.applying')}</p> : null}
        {state.kind === 'applied' ? (
          <p>
            {t('returns.applied', {
              count: state.changed,
              revision: state.doc.revision,
              status: t(`questionnaires.statusValue.${state.doc.status}`),
            })}{' '}
            <Link to={`/questionnaires/${encodeURIComponent(state.doc._id)}`}>
              {t('returns.openResponse')}
            </Link>
          </p>
        ) : null}
      </div>
      {state.kind === 'error' ? <p role="alert">{state.text}</p> : null}
      {state.kind === 'refused' ? (
        <div role="alert" data-testid="return-report">
          <p>{t('returns.refused')}</p>
          <ReportTable problems={state.problems} />
        </div>
      ) : null}
      {state.kind === 'checked' ? (
        <Checked state={state} onApply={() => void apply()} submit={submit} />
      ) : null}
    </section>
  );
}

function Checked({
  state,
  onApply,
  submit,
}: {
  state: Extract<State, { kind: 'checked' }>;
  onApply: () => void;
  submit: boolean;
}) {
  const { t } = useTranslation();
  const institutes = useInstitutes();
  const { report, current, template } = state;
  const { meta, summary } = report;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const changes = Object.keys(report.changes).length;
  const nothing = changes === 0 && !(submit && current?.status !== 'submitted');
  return (
    <div data-testid="return-report" role={errors > 0 ? 'alert' : undefined}>
      <p>
        {t('returns.about', {
          title: template?.title ?? meta.templateId,
          version: meta.templateVersion,
          cycle: meta.cycle,
          name: institutes.get(meta.org).name,
        })}{' '}
        {current
          ? t('returns.current', {
              revision: current.revision,
              status: t(`questionnaires.statusValue.${current.status}`),
            })
          : t('returns.noCurrent')}
      </p>
      <ul>
        <li>{t('returns.changedAnswers', { count: summary.changedAnswers })}</li>
        {summary.rowsAdded.map((r) => (
          <li key={`+${r.sheet}`}>{t('returns.rowsAdded', { count: r.count, sheet: r.sheet })}</li>
        ))}
        {summary.rowsRemoved.map((r) => (
          <li key={`-${r.sheet}`}>{t('returns.rowsRemoved', { count: r.count, sheet: r.sheet })}</li>
        ))}
        {summary.notRead.map((r) => (
          <li key={`=${r.sheet}`} data-testid="not-read">
            {t(r.changed ? 'returns.notReadChanged' : 'returns.notRead', { sheet: r.sheet })}{' '}
            <Link to="/funding/ledger">{t('returns.openLedger')}</Link>
          </li>
        ))}
      </ul>
      {report.problems.length > 0 ? (
        <>
          <p>
            {errors > 0
              ? t('returns.problems', { count: errors })
              : t('returns.warningsOnly', { count: report.problems.length })}
          </p>
          <ReportTable problems={report.problems} />
        </>
      ) : null}
      {errors > 0 ? (
        <p>{t('returns.fixAndRetry')}</p>
      ) : nothing ? (
        <p>{t('returns.nothingToApply')}</p>
      ) : (
        <button type="button" onClick={onApply}>
          {submit ? t('returns.applyAndSubmit') : t('returns.apply')}
        </button>
      )}
    </div>
  );
}

function ReportTable({ problems }: { problems: readonly ReturnProblem[] }) {
  const { t } = useTranslation();
  return (
    <ScrollBox>
      <table className="list problems">
        <thead>
          <tr>
            <th scope="col">{t('returns.sheet')}</th>
            <th scope="col">{t('returns.cell')}</th>
            <th scope="col">{t('returns.question')}</th>
            <th scope="col">{t('returns.problem')}</th>
            <th scope="col">{t('returns.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} className={p.severity}>
              <td>{p.sheet}</td>
              <td>{p.cell ?? ''}</td>
              <td>{p.question ? `${p.question} (${p.code ?? ''})` : (p.code ?? '')}</td>
              <td>
                {p.severity === 'warning' ? `${t('returns.warning')}: ` : ''}
                {p.problem}
              </td>
              <td>{p.expected ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
