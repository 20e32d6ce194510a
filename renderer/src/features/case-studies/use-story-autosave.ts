/**
 * Autosave of a story, as for questionnaires (../../app/use-debounced-save.ts): only the
 * fields that changed are written, on top of the latest revision, so a colleague's edits to
 * other sections survive.
 */
import { useCallback } from 'react';
import type { CaseStudyActor, StoryPatch } from '@shared/case-studies/workflow';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { CaseStudyStore } from '../../data/case-studies';

export function useStoryAutosave(
  store: CaseStudyStore,
  id: string,
  actor: CaseStudyActor,
  onSaved: (doc: CaseStudyDoc) => void,
) {
  const save = useCallback((patch: StoryPatch) => store.edit(id, patch, actor), [store, id, actor]);
  return useDebouncedSave(save, onSaved);
}
