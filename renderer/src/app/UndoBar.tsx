/** The undo offer of the moment (./undo-store.ts), at the bottom of every screen. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { UNDO_MS, useUndoStore } from './undo-store';

export function UndoBar() {
  const { t } = useTranslation();
  const { offer, problem, dismiss, failed } = useUndoStore();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!offer) return;
    const timer = setTimeout(() => dismiss(offer.id), UNDO_MS);
    return () => clearTimeout(timer);
  }, [offer, dismiss]);

  if (!offer && !problem) return null;
  const undo = async () => {
    if (!offer) return;
    setBusy(true);
    try {
      await offer.undo();
      dismiss(offer.id);
    } catch (error) {
      failed(t('undo.failed', { message: toErrorData(error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span role={offer ? undefined : 'alert'}>{offer ? offer.message : problem}</span>
      {offer ? (
        <button type="button" onClick={() => void undo()} disabled={busy}>
          {t('undo.undo')}
        </button>
      ) : null}
      <button
        type="button"
        className="link-button"
        onClick={() => dismiss(offer?.id)}
        aria-label={t('undo.dismiss')}
      >
        ×
      </button>
    </div>
  );
}
