/** Case studies for screens: the read model's rows (live) and the store that changes them. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useWorkspace } from '../app/workspace-context';
import { CaseStudyStore } from './case-studies';
import { caseStudyKey, type CaseStudyRow, type CaseStudySource } from './case-study-rows';

export function useCaseStudyStore(): CaseStudyStore {
  const { workspace } = useWorkspace();
  return useMemo(() => new CaseStudyStore(workspace), [workspace]);
}

/** Every story of one source, newest change first. */
export function useCaseStudyRows(source: CaseStudySource): CaseStudyRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(
    () =>
      readModel.caseStudies
        .where('source')
        .equals(source)
        .toArray()
        .then((rows) => rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))),
    [readModel, source],
  );
}

/** Whether this computer holds the institute's own copy of a story (its institute's, or the secretariat's computer). */
export function useHasWorkingCopy(id: string): boolean {
  const { readModel } = useWorkspace().workspace;
  return (
    useLiveQuery(
      async () => (await readModel.caseStudies.get(caseStudyKey('org', id))) !== undefined,
      [readModel, id],
    ) ?? false
  );
}
