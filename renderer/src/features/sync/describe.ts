/** Sentences for sync state, shared by the header and the Sync screen. */
import type { TFunction } from 'i18next';
import type { SessionState } from '../../data/sync/session';
import { fmt } from '../../app/format';

export function when(iso: string | undefined): string {
  return iso ? fmt.when(iso) : '';
}

export function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return url ?? '';
  }
}

/** One short line for the header. */
export function headerLine(t: TFunction, state: SessionState, online: boolean, signedIn: boolean): string {
  const { status } = state;
  const waiting = status.waitingUp;
  if (!state.account || !signedIn) {
    if (!online) return t('sync.state.offline');
    return waiting > 0
      ? t('sync.state.notSetUpWaiting', { count: waiting, n: fmt.number(waiting) })
      : t('sync.state.notSetUpOnline');
  }
  switch (status.phase) {
    case 'connecting':
      return t('sync.state.connecting', { host: hostOf(state.account.url) });
    case 'syncing':
      return t('sync.state.syncing', { up: fmt.number(status.docsUp), down: fmt.number(status.docsDown) });
    case 'idle':
      return waiting > 0
        ? t('sync.state.syncedWaiting', {
            time: when(status.lastSyncedAt),
            count: waiting,
            n: fmt.number(waiting),
          })
        : t('sync.state.synced', { time: when(status.lastSyncedAt) });
    case 'error':
      return t('sync.state.error');
    case 'offline':
    case 'stopped':
      return t('sync.state.offlineWaiting', { count: waiting, n: fmt.number(waiting) });
  }
}
