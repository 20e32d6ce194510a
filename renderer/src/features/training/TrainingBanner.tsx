/** On every screen while training mode is on: what this data is, and the way out. */
import { useTranslation } from 'react-i18next';
import { useTraining } from '../../app/training-context';

export function TrainingBanner() {
  const { t } = useTranslation();
  const { active, leave } = useTraining();
  if (!active) return null;
  return (
    <div
      className="training-banner"
      role="region"
      aria-label={t('training.bannerLabel')}
      data-testid="training-banner"
    >
      <strong>{t('training.banner')}</strong>
      <span>{t('training.bannerDetail', { institute: active.name })}</span>
      <button type="button" className="secondary" onClick={leave}>
        {t('training.leave')}
      </button>
    </div>
  );
}
