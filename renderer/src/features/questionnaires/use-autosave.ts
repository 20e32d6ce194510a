/** Autosave of a response's answers: only the questions that changed are written (see use-debounced-save.ts). */
import { useCallback, useMemo } from 'react';
import type { AnswerValue } from '@shared/docs/response/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { Repository } from '../../data/repository';

export function useAutosave(repository: Repository, responseId: string) {
  const save = useCallback(
    (changes: Record<string, AnswerValue>) => repository.saveAnswers(responseId, changes),
    [repository, responseId],
  );
  const { change, flush } = useDebouncedSave(save);
  return useMemo(
    () => ({ change: (name: string, value: AnswerValue) => change({ [name]: value }), flush }),
    [change, flush],
  );
}
