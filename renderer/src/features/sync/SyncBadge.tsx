import { useTranslation } from 'react-i18next';
import { useSyncStore } from '../../app/sync-store';
import { useUiStore } from '../../app/ui-store';
import { headerLine } from './describe';

/** The header's sync line: where sync stands, in a few words, on every screen. */
export function SyncBadge() {
  const { t } = useTranslation();
  const online = useUiStore((s) => s.online);
  const state = useSyncStore((s) => s.state);
  const signedIn = useSyncStore((s) => s.session?.signedIn ?? false);
  const phase = !online ? 'offline' : state.status.phase;
  return (
    <span className={`sync-state ${phase}`} data-testid="header-sync-state" role="status">
      {headerLine(t, state, online, signedIn)}
    </span>
  );
}
