/** Read-model queries for screens: they re-render when the projector writes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useWorkspace } from '../app/workspace-context';
import type { ProblemRow, ResponseRow, TemplateRow } from './read-model';

const NONE: never[] = [];

export function useResponseRows(): ResponseRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.responses.orderBy('updatedAt').reverse().toArray(), [readModel]);
}

export function useReadModelProblems(): ProblemRow[] {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.problems.toArray(), [readModel]) ?? NONE;
}

export function useTemplateRows(): TemplateRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.templates.orderBy('templateId').toArray(), [readModel]);
}
