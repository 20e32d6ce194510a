/**
 * Editing a funder or an activity as the other editors do (../../app/use-debounced-save.ts):
 * each change is recorded by its path (shared/funding/edit.ts) and written 300 ms after the
 * last keystroke on top of the latest revision, so another secretariat computer's edits to
 * other fields survive; the editor's "All changes saved" line shows the state.
 */
import { useCallback } from 'react';
import type { ActivityDoc } from '@shared/docs/activity/schema';
import type { FunderDoc } from '@shared/docs/funder/schema';
import { applyActivityChanges, applyFunderChanges, type FundingChanges } from '@shared/funding/edit';
import { useDebouncedSave, type DebouncedSave } from '../../app/use-debounced-save';
import { useWorkspace } from '../../app/workspace-context';
import { editDoc } from '../../data/funding';

function useEdit<T extends FunderDoc | ActivityDoc>(
  id: string,
  apply: (doc: T, changes: FundingChanges) => T,
): DebouncedSave<Record<string, unknown>> {
  const { libraryRepository, author } = useWorkspace().workspace;
  const save = useCallback(
    (changes: Record<string, unknown>) =>
      editDoc<T>(
        libraryRepository,
        id,
        (doc) => apply(doc, changes),
        () => new Date().toISOString(),
        author.user,
      ),
    [libraryRepository, id, apply, author.user],
  );
  return useDebouncedSave(save);
}

export const useFunderEdit = (id: string) => useEdit<FunderDoc>(id, applyFunderChanges);
export const useActivityEdit = (id: string) => useEdit<ActivityDoc>(id, applyActivityChanges);
