/** UI and session state that is not a document: connectivity and the editor's save state. */
import { create } from 'zustand';

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

interface UiState {
  online: boolean;
  save: SaveState;
  setOnline: (online: boolean) => void;
  setSave: (save: SaveState) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  save: { kind: 'idle' },
  setOnline: (online) => set({ online }),
  setSave: (save) => set({ save }),
}));
