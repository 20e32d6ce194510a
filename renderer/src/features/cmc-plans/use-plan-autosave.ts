/**
 * Saves a plan as the person types, like the questionnaire runner (../questionnaires/
 * use-autosave.ts): changed fields collect in memory and one save at a time writes them
 * 300 ms after the last keystroke, when the page is hidden, and when the editor closes;
 * typing never waits for storage. A failed save keeps the changes for the next attempt and
 * says why; while anything is unsaved, closing the page asks first.
 */
import { useCallback, useEffect, useRef } from 'react';
import { toErrorData } from '@shared/errors';
import type { CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { useUiStore } from '../../app/ui-store';
import type { CmcRepository } from '../../data/cmc-repository';

const DEBOUNCE_MS = 300;

export function usePlanAutosave(cmc: CmcRepository, planId: string, onSaved?: (doc: CmcPlanDoc) => void) {
  const setSave = useUiStore((s) => s.setSave);
  const pending = useRef<Record<string, unknown>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const saved = useRef(onSaved);
  useEffect(() => {
    saved.current = onSaved;
  }, [onSaved]);

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    inFlight.current = inFlight.current.then(async () => {
      const changes = pending.current;
      if (Object.keys(changes).length === 0) return;
      pending.current = {};
      setSave({ kind: 'saving' });
      try {
        const doc = await cmc.savePlan(planId, changes);
        saved.current?.(doc);
        if (Object.keys(pending.current).length === 0) setSave({ kind: 'saved', at: doc.updatedAt });
      } catch (error) {
        // Keep the unsaved values (newer typing wins) so the next flush retries them.
        pending.current = { ...changes, ...pending.current };
        setSave({ kind: 'error', message: toErrorData(error).message });
      }
    });
    return inFlight.current;
  }, [cmc, planId, setSave]);

  const change = useCallback(
    (path: string, value: unknown) => {
      pending.current[path] = value;
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

  return { change, flush };
}
