/**
 * Settings → "Training mode": practise in a separate workspace with generated data (or a
 * facilitator's file from `workbench seed --out`), leave it, and remove it in one click.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { useTraining } from '../../app/training-context';

export function TrainingSettings() {
  const { t } = useTranslation();
  const { active, state, start, startFromFile, leave, remove } = useTraining();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const hasData = state.orgs.length > 0 || active !== undefined;

  const fromFile = async (file: File) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await startFromFile(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      setProblem(toErrorData(error).message);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="training-title" data-testid="training-settings">
      <h2 id="training-title">{t('training.title')}</h2>
      {active ? (
        <>
          <p role="status">{t('training.on', { institute: active.name })}</p>
          <p>{t('training.onExplain')}</p>
          <div className="actions">
            <button type="button" onClick={leave}>
              {t('training.leave')}
            </button>
            <button type="button" className="secondary" onClick={remove}>
              {t('training.remove')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('training.explain')}</p>
          <div className="actions">
            <button type="button" onClick={start} disabled={busy}>
              {hasData ? t('training.resume') : t('training.start')}
            </button>
            <label className="button-like">
              {t('training.fromFile')}
              <input
                type="file"
                accept=".wbsync,application/gzip"
                className="visually-hidden"
                disabled={busy}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  event.currentTarget.value = '';
                  if (file) void fromFile(file);
                }}
              />
            </label>
            {hasData ? (
              <button type="button" className="secondary" onClick={remove} disabled={busy}>
                {t('training.remove')}
              </button>
            ) : null}
          </div>
          {hasData ? <p>{t('training.kept')}</p> : null}
          {problem ? (
            <p className="error" role="alert" data-testid="training-problem">
              {problem}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
