/**
 * Deleting a funder, programme, call, result or activity: a second step that says what the
 * deletion leaves behind, then the deletion. (Drafts get an undo instead; the secretariat's
 * library documents are shared by every institute, so the step comes before, not after.)
 */
import { toErrorData } from '@shared/errors';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmDelete({
  label,
  consequence,
  onDelete,
}: {
  /** The button: "Delete this programme". */
  label: string;
  /** What deleting leaves behind, in a sentence or two. */
  consequence: ReactNode;
  onDelete: () => Promise<void> | void;
}) {
  const { t } = useTranslation('funding');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();
  if (!open)
    return (
      <button type="button" className="secondary danger" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  return (
    <div className="confirm-delete" role="group" aria-labelledby={id}>
      <p id={id}>{consequence}</p>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          Promise.resolve(onDelete())
            .catch((e: unknown) => setError(toErrorData(e).message))
            .finally(() => setBusy(false));
        }}
      >
        {t('delete.confirm')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('delete.keep')}
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
