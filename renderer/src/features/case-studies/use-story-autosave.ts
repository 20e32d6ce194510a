/**
 * Autosave for a story, as in questionnaires (../questionnaires/use-autosave.ts): changed
 * fields collect in memory and one save at a time writes them 300 ms after the last
 * keystroke, at once when the page is hidden or the editor closes; a failed save keeps
 * them for the next attempt and says why. Only the fields that changed are written, on
 * top of the latest revision, so a colleague's edits to other sections survive.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CaseStudyActor, StoryPatch } from '@shared/case-studies/workflow';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import { useUiStore } from '../../app/ui-store';
import type { CaseStudyStore } from '../../data/case-studies';

const DEBOUNCE_MS = 300;

export function useStoryAutosave(
  store: CaseStudyStore,
  id: string,
  actor: CaseStudyActor,
  onSaved: (doc: CaseStudyDoc) => void,
) {
  const setSave = useUiStore((s) => s.setSave);
  const pending = useRef<StoryPatch>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ actor, onSaved });
  useEffect(() => {
    latest.current = { actor, onSaved };
  }, [actor, onSaved]);

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    inFlight.current = inFlight.current.then(async () => {
      const patch = pending.current;
      if (Object.keys(patch).length === 0) return;
      pending.current = {};
      setSave({ kind: 'saving' });
      try {
        const saved = await store.edit(id, patch, latest.current.actor);
        latest.current.onSaved(saved);
        if (Object.keys(pending.current).length === 0) setSave({ kind: 'saved', at: saved.updatedAt });
      } catch (error) {
        pending.current = { ...patch, ...pending.current };
        setSave({ kind: 'error', message: toErrorData(error).message });
      }
    });
    return inFlight.current;
  }, [store, id, setSave]);

  const change = useCallback(
    (patch: StoryPatch) => {
      pending.current = { ...pending.current, ...patch };
      setSave({ kind: 'saving' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, setSave],
  );

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onPageHide = () => void flush();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length === 0) return;
      void flush();
      event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      void flush();
    };
  }, [flush]);

  useEffect(() => () => setSave({ kind: 'idle' }), [setSave]);

  return useMemo(() => ({ change, flush }), [change, flush]);
}
