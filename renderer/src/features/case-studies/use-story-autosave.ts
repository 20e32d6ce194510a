/**
 * Autosave of a story, as for questionnaires (../../app/use-debounced-save.ts): only the
 * fields that changed are written, on top of what the editor showed for them
 * (../../app/use-follow-stored.ts), so a colleague's edits to other sections survive and a
 * colleague's change to the same section is kept beside the person's, for the Conflicts inbox.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CaseStudyActor, StoryPatch } from '@shared/case-studies/workflow';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { Follower } from '../../app/use-follow-stored';
import type { CaseStudyStore } from '../../data/case-studies';

export function useStoryAutosave(
  store: CaseStudyStore,
  id: string,
  actor: CaseStudyActor,
  onSaved: (doc: CaseStudyDoc) => void,
  follower?: Follower<CaseStudyDoc>,
) {
  const follow = useRef(follower);
  useEffect(() => {
    follow.current = follower;
  }, [follower]);
  const save = useCallback(
    async (patch: StoryPatch) => {
      const fields = Object.keys(patch);
      const { doc, conflicted } = await store.editOnBase(id, patch, actor, follow.current?.baseOf(fields));
      follow.current?.saved(doc, fields, conflicted);
      return doc;
    },
    [store, id, actor],
  );
  return useDebouncedSave(save, onSaved);
}
