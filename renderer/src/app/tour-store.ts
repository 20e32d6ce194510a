/** Whether the first-start tour is open: it opens once by itself, and again from Settings. */
import { create } from 'zustand';

interface TourState {
  open: boolean;
  show: () => void;
  hide: () => void;
}

export const useTourStore = create<TourState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
