/**
 * "Undo" for a few seconds after something is deleted (a draft, a repeat row, a milestone's
 * entries, a photo): the screen that deleted offers the way back here, and the bar at the
 * bottom of every screen (UndoBar.tsx) shows it. One offer at a time; a new one replaces it.
 */
import { create } from 'zustand';

export interface UndoOffer {
  id: number;
  /** What was done, e.g. "Draft deleted: Workshop feedback 2026". */
  message: string;
  undo: () => Promise<void> | void;
}

/** How long the offer stays, unless the person dismisses it. */
export const UNDO_MS = 10_000;

interface UndoState {
  offer: UndoOffer | undefined;
  /** Why the last undo could not be done, until the next offer or dismissal. */
  problem: string | undefined;
  offerUndo: (message: string, undo: UndoOffer['undo']) => void;
  dismiss: (id?: number) => void;
  failed: (problem: string) => void;
}

let next = 1;

export const useUndoStore = create<UndoState>()((set, get) => ({
  offer: undefined,
  problem: undefined,
  offerUndo: (message, undo) => set({ offer: { id: next++, message, undo }, problem: undefined }),
  dismiss: (id) => {
    if (id === undefined) set({ offer: undefined, problem: undefined });
    else if (get().offer?.id === id) set({ offer: undefined });
  },
  failed: (problem) => set({ offer: undefined, problem }),
}));
