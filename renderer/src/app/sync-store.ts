/** The sync session of the open workspace and what it reports, for the header and the Sync screen. */
import { create } from 'zustand';
import { initialStatus } from '../data/sync/controller';
import type { SessionState, SyncSession } from '../data/sync/session';

interface SyncStore {
  session: SyncSession | undefined;
  state: SessionState;
  /** The signed-in account (or the last one, offline) has the secretariat role. */
  isSecretariat: boolean;
  setSession: (session: SyncSession | undefined) => void;
  setState: (state: SessionState) => void;
}

export const useSyncStore = create<SyncStore>()((set) => ({
  session: undefined,
  state: { status: initialStatus(), remembered: false },
  isSecretariat: false,
  setSession: (session) => set({ session }),
  setState: (state) => set({ state, isSecretariat: state.isSecretariat ?? false }),
}));
