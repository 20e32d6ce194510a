/** "Export to Excel" on a response: the institute's return, with what was typed up to now. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import type { Template } from '@shared/forms/model';
import { useWorkspace } from '../../app/workspace-context';
import { useSupportReceived } from '../funding/use-support-received';
import { useInstitutes } from '../institutes/use-institutes';
import { excelInstitute, saveWorkbook } from './workbook-file';

type State =
  { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

export function ExportReturnButton({
  doc,
  template,
  beforeExport,
}: {
  doc: ResponseDoc;
  template: Template;
  /** Saves what is still being typed, so the workbook has the last keystroke. */
  beforeExport: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const institutes = useInstitutes();
  const supportReceived = useSupportReceived();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = async () => {
    setState({ kind: 'working' });
    try {
      await beforeExport();
      const latest = (await workspace.repository.getResponse(doc._id)) ?? doc;
      const { exportReturn, returnFileName } = await import('@shared/excel/return-export');
      const institute = excelInstitute(institutes, latest.org);
      const bytes = await exportReturn({
        template,
        institute,
        cycle: latest.cycle,
        response: latest,
        elsewhere: supportReceived(latest.org, latest.cycle),
        exportedAt: new Date(),
        exportedBy: workspace.author.user,
        appVersion: __APP_VERSION__,
      });
      const path = await saveWorkbook(returnFileName(institute, template, latest.cycle), bytes);
      setState(path ? { kind: 'done', text: t('returns.exported', { path }) } : { kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', text: t('returns.exportFailed', { message: toErrorData(error).message }) });
    }
  };

  return (
    <div className="export-return">
      <button
        type="button"
        className="secondary"
        onClick={() => void run()}
        disabled={state.kind === 'working'}
      >
        {t('returns.exportResponse')}
      </button>
      <span role="status" className="hint">
        {state.kind === 'working' ? ` ${t('returns.preparing')}` : null}
        {state.kind === 'done' ? ` ${state.text}` : null}
      </span>
      {state.kind === 'error' ? <p role="alert">{state.text}</p> : null}
    </div>
  );
}
