/**
 * "Export CMC rows": plans as rows of a CMC submission sheet (shared/excel/cmc-sheet.ts),
 * one row per plan, saved with the desktop save dialog or downloaded. ExcelJS loads only
 * when someone exports.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cmcRowOf } from '@shared/cmc/cmc-rows';
import type { TaxonomyArea } from '@shared/cmc/taxonomy';
import type { CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { toErrorData } from '@shared/errors';
import type { CmcRepository } from '../../data/cmc-repository';
import { instituteLabel, type InstituteDirectory } from '../institutes/directory-view';
import { saveWorkbook } from '../returns/workbook-file';
import { localToday } from './parts';

type State =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; path: string }
  | { kind: 'error'; message: string };

export async function cmcWorkbook(
  plans: readonly CmcPlanDoc[],
  institutes: InstituteDirectory,
  taxonomy: readonly TaxonomyArea[],
): Promise<Uint8Array> {
  const { exportCmcRows } = await import('@shared/excel/cmc-sheet');
  return exportCmcRows({
    rows: plans.map((plan) => cmcRowOf(plan, instituteLabel(institutes.get(plan.org)), taxonomy)),
    exportedAt: new Date(),
    appVersion: __APP_VERSION__,
  });
}

export function ExportCmcRows({
  planIds,
  cmc,
  institutes,
  taxonomy,
  fileName,
  label,
  beforeExport,
}: {
  planIds: readonly string[];
  cmc: CmcRepository;
  institutes: InstituteDirectory;
  taxonomy: readonly TaxonomyArea[];
  /** Without the extension. */
  fileName: string;
  label: string;
  /** Saves what is still being typed, so the workbook has the last keystroke. */
  beforeExport?: () => Promise<void>;
}) {
  const { t } = useTranslation('cmcPlans');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'working' });
    try {
      await beforeExport?.();
      const plans = (await Promise.all(planIds.map((id) => cmc.getPlan(id)))).filter(
        (plan): plan is CmcPlanDoc => plan !== undefined,
      );
      if (plans.length === 0) {
        setState({ kind: 'error', message: t('export.nothing') });
        return;
      }
      const bytes = await cmcWorkbook(plans, institutes, taxonomy);
      const path = await saveWorkbook(`${fileName}-${localToday()}.xlsx`, bytes);
      setState(path ? { kind: 'done', path } : { kind: 'idle' });
    } catch (error) {
      setState({ kind: 'error', message: t('export.failed', { message: toErrorData(error).message }) });
    }
  };
  return (
    <div className="export-cmc no-print">
      <button
        type="button"
        className="secondary"
        onClick={() => void run()}
        disabled={state.kind === 'working' || planIds.length === 0}
      >
        {label}
      </button>
      <span role="status" className="hint">
        {state.kind === 'working' ? ` ${t('export.working')}` : null}
        {state.kind === 'done' ? ` ${t('export.saved', { path: state.path })}` : null}
      </span>
      {state.kind === 'error' ? <p role="alert">{state.message}</p> : null}
    </div>
  );
}
