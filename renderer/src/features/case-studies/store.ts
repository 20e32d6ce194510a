/** UI state of the case-study library (kept while moving between screens): which list and its filters. */
import { create } from 'zustand';
import type { CaseStudyStatus } from '@shared/case-studies/workflow-states';
import type { CaseStudySource } from '../../data/case-study-rows';

export interface LibraryFilters {
  source: CaseStudySource;
  text: string;
  sdg: string;
  area: string;
  economy: string;
  leverageArea: string;
  status: '' | CaseStudyStatus;
}

export const NO_FILTERS: Omit<LibraryFilters, 'source'> = {
  text: '',
  sdg: '',
  area: '',
  economy: '',
  leverageArea: '',
  status: '',
};

interface CaseStudiesUi {
  filters: LibraryFilters;
  setFilters: (change: Partial<LibraryFilters>) => void;
  clearFilters: () => void;
}

export const useCaseStudiesUi = create<CaseStudiesUi>()((set) => ({
  filters: { source: 'library', ...NO_FILTERS },
  setFilters: (change) => set((s) => ({ filters: { ...s.filters, ...change } })),
  clearFilters: () => set((s) => ({ filters: { source: s.filters.source, ...NO_FILTERS } })),
}));
