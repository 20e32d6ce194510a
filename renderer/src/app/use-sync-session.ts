import { useEffect } from 'react';
import { BrowserPouch } from '../data/pouch-browser';
import type { LocalDb } from '../data/pouch';
import { SyncSession } from '../data/sync/session';
import { initialStatus } from '../data/sync/controller';
import { platform } from '../platform';
import { useSyncStore } from './sync-store';
import { useUiStore } from './ui-store';

/** Opens the sync session for the workspace's databases, and follows the network coming and going. */
export function useSyncSession(
  db: LocalDb | undefined,
  org: string | undefined,
  library?: LocalDb,
  user?: string,
): void {
  useEffect(() => {
    if (!db || !org) return;
    const store = useSyncStore.getState();
    const session = new SyncSession({
      db,
      org,
      ...(library ? { library } : {}),
      ...(user ? { user } : {}),
      Pouch: BrowserPouch,
      keeper: platform,
      online: useUiStore.getState().online,
      onState: (state) => useSyncStore.getState().setState(state),
    });
    store.setSession(session);
    void session.open();
    const unsubscribe = useUiStore.subscribe((ui, before) => {
      if (ui.online !== before.online) session.setOnline(ui.online);
    });
    return () => {
      unsubscribe();
      session.dispose();
      useSyncStore.getState().setSession(undefined);
      useSyncStore.getState().setState({ status: initialStatus(), remembered: false });
    };
  }, [db, org, library, user]);
}
