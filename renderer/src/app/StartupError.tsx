import { useTranslation } from 'react-i18next';
import type { WorkbenchErrorData } from '@shared/errors';

/** Shown when the app cannot open its storage: says what failed and what to do next. */
export function StartupError({ error, onRetry }: { error: WorkbenchErrorData; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="startup-error" role="alert" aria-labelledby="startup-error-title">
      <h1 id="startup-error-title">{t('startupError.title')}</h1>
      <p>{t('startupError.explain')}</p>
      <p className="error-detail">
        {t('startupError.detail')} <code>{error.message}</code>
      </p>
      <h2>{t('startupError.whatToDo')}</h2>
      <ul>
        <li>{t('startupError.stepPrivate')}</li>
        <li>{t('startupError.stepDisk')}</li>
        <li>{t('startupError.stepRestart')}</li>
      </ul>
      <button type="button" onClick={onRetry}>
        {t('startupError.retry')}
      </button>
    </main>
  );
}
