/**
 * Importing a user's XLSForm: the workbook is read on this computer (ExcelJS is loaded
 * only when someone imports), every problem is listed with its row, and nothing is stored
 * unless the form is clean — or the only problems are unsupported question types and the
 * user chooses to leave those questions out.
 */
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from '@shared/forms/model';
import type { ImportResult } from '@shared/forms/xlsform/import';
import { toErrorData } from '@shared/errors';
import { useWorkspace } from '../../app/workspace-context';
import { ScrollBox } from '../../app/ScrollBox';

const MAX_MB = 20;

type State =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'problems'; file: File; result: ImportResult; onlyUnsupported: boolean }
  | { kind: 'done'; title: string; version: string }
  | { kind: 'error'; message: string };

function isUnsupported(problem: FormProblem): boolean {
  return (
    problem.severity === 'error' &&
    problem.message.startsWith('The type "') &&
    problem.message.endsWith('is not supported.')
  );
}

export function ImportTemplate() {
  const { t } = useTranslation();
  const { repository } = useWorkspace().workspace;
  const [state, setState] = useState<State>({ kind: 'idle' });

  const read = async (file: File, leaveOutUnsupported: boolean): Promise<void> => {
    if (file.size > MAX_MB * 1024 * 1024) {
      setState({
        kind: 'error',
        message: t('questionnaires.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1), limit: MAX_MB }),
      });
      return;
    }
    setState({ kind: 'reading' });
    try {
      const { importXlsForm } = await import('@shared/forms/xlsform/import');
      const result = await importXlsForm(new Uint8Array(await file.arrayBuffer()), {
        leaveOutUnsupported,
        fileName: file.name,
      });
      if (!result.template) {
        const errors = result.problems.filter((p) => p.severity === 'error');
        setState({
          kind: 'problems',
          file,
          result,
          onlyUnsupported: errors.length > 0 && errors.every(isUnsupported),
        });
        return;
      }
      const saved = await repository.saveTemplate(result.template, file.name);
      setState({ kind: 'done', title: saved.template.title, version: saved.template.version });
    } catch (error) {
      setState({
        kind: 'error',
        message: t('questionnaires.importFailed', { message: toErrorData(error).message }),
      });
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void read(file, false);
  };

  return (
    <section aria-labelledby="import-title" className="import-template">
      <h2 id="import-title">{t('questionnaires.importTitle')}</h2>
      <p className="hint">{t('questionnaires.importExplain')}</p>
      <div className="field">
        <label htmlFor="xlsform-file">{t('questionnaires.importFile')}</label>
        <input
          id="xlsform-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onFile}
        />
      </div>
      {state.kind === 'reading' ? <p role="status">{t('questionnaires.importing')}</p> : null}
      {state.kind === 'done' ? (
        <p role="status">{t('questionnaires.importDone', { title: state.title, version: state.version })}</p>
      ) : null}
      {state.kind === 'error' ? <p role="alert">{state.message}</p> : null}
      {state.kind === 'problems' ? (
        <div role="alert" data-testid="import-problems">
          <p>
            {t('questionnaires.importProblems', {
              count: state.result.problems.filter((p) => p.severity === 'error').length,
            })}
          </p>
          <ProblemTable problems={state.result.problems} />
          {state.onlyUnsupported ? (
            <>
              <p>{t('questionnaires.importOnlyUnsupported')}</p>
              <button type="button" onClick={() => void read(state.file, true)}>
                {t('questionnaires.importWithout')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ProblemTable({ problems }: { problems: readonly FormProblem[] }) {
  const { t } = useTranslation();
  return (
    <ScrollBox>
      <table className="list problems">
        <thead>
          <tr>
            <th scope="col">{t('questionnaires.problemSheet')}</th>
            <th scope="col">{t('questionnaires.problemRow')}</th>
            <th scope="col">{t('questionnaires.problemColumn')}</th>
            <th scope="col">{t('questionnaires.problemWhat')}</th>
            <th scope="col">{t('questionnaires.problemFix')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} className={p.severity}>
              <td>{p.sheet}</td>
              <td>{p.row ?? ''}</td>
              <td>{p.column ?? ''}</td>
              <td>{p.message}</td>
              <td>{p.fix ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
