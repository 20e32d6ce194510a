/** The editors' "All changes saved on this computer" line, from the autosave's state (use-debounced-save.ts). */
import { useTranslation } from 'react-i18next';
import { useUiStore } from './ui-store';

export function SaveIndicator() {
  const { t } = useTranslation();
  const save = useUiStore((s) => s.save);
  return (
    <p
      className={`save-state ${save.kind}`}
      role={save.kind === 'error' ? 'alert' : 'status'}
      data-testid="save-state"
    >
      {save.kind === 'saving' ? t('editor.saving') : null}
      {save.kind === 'saved' ? t('editor.saved') : null}
      {save.kind === 'error' ? t('editor.saveFailed', { message: save.message }) : null}
    </p>
  );
}
