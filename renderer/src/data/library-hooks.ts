/** Read-model queries over the library (directory, published templates): they re-render when it changes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useWorkspace } from '../app/workspace-context';
import type { InstituteRow, TemplateRow } from './read-model';

export function useInstituteRows(): InstituteRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.institutes.orderBy('name').toArray(), [readModel]);
}

export function useLibraryTemplateRows(): TemplateRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.libraryTemplates.orderBy('templateId').toArray(), [readModel]);
}
