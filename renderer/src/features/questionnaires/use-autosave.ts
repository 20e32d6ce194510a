/**
 * Autosave of a response's answers: only the questions that changed are written (see
 * use-debounced-save.ts), on top of what the runner showed for them (use-follow-stored.ts):
 * an answer a colleague changed meanwhile is kept beside theirs, for the Conflicts inbox.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { Follower } from '../../app/use-follow-stored';
import type { Repository } from '../../data/repository';

export function useAutosave(repository: Repository, responseId: string, follower?: Follower<ResponseDoc>) {
  const follow = useRef(follower);
  useEffect(() => {
    follow.current = follower;
  }, [follower]);
  const save = useCallback(
    async (changes: Record<string, AnswerValue>) => {
      const keys = Object.keys(changes);
      const { doc, conflicted } = await repository.saveAnswersOnBase(
        responseId,
        changes,
        follow.current?.baseOf(keys),
      );
      follow.current?.saved(doc, keys, conflicted);
      return doc;
    },
    [repository, responseId],
  );
  const { change, flush, isPending } = useDebouncedSave(save);
  return useMemo(
    () => ({ change: (name: string, value: AnswerValue) => change({ [name]: value }), flush, isPending }),
    [change, flush, isPending],
  );
}
