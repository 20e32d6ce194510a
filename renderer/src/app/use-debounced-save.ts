/**
 * Saving what a person types without ever blocking typing, for every editor (questionnaire
 * answers, CMC plans, case studies): changes collect in memory, and one save at a time
 * writes them 300 ms after the last keystroke (well within a second), at once when the page
 * is hidden or the editor closes. A failed save keeps the unsaved changes for the next
 * attempt (newer typing wins) and says why; while anything is unsaved, closing the page
 * asks first. The save state is what the editors' "All changes saved" line shows.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { toErrorData } from '@shared/errors';
import { useUiStore } from './ui-store';

const DEBOUNCE_MS = 300;

export type Changes = Record<string, unknown>;

export interface DebouncedSave<C extends Changes> {
  /** Records changed fields (merged over those not saved yet) and schedules the save. */
  change(changes: C): void;
  /** Saves what is pending now; resolves when every save so far has finished. */
  flush(): Promise<void>;
  /** True while a field has changes not saved yet (waiting or being written): the person is editing it. */
  isPending(field: string): boolean;
}

export function useDebouncedSave<C extends Changes, D extends { updatedAt: string }>(
  save: (changes: C) => Promise<D>,
  onSaved?: (doc: D) => void,
): DebouncedSave<C> {
  const setSave = useUiStore((s) => s.setSave);
  const pending = useRef<Partial<C>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const saving = useRef<ReadonlySet<string>>(new Set());
  // The latest callbacks, so a save scheduled before a re-render uses the current ones.
  const latest = useRef({ save, onSaved });
  useEffect(() => {
    latest.current = { save, onSaved };
  }, [save, onSaved]);

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    inFlight.current = inFlight.current.then(async () => {
      const changes = pending.current as C;
      if (Object.keys(changes).length === 0) return;
      pending.current = {};
      saving.current = new Set(Object.keys(changes));
      setSave({ kind: 'saving' });
      try {
        const saved = await latest.current.save(changes);
        latest.current.onSaved?.(saved);
        if (Object.keys(pending.current).length === 0) setSave({ kind: 'saved', at: saved.updatedAt });
      } catch (error) {
        pending.current = { ...changes, ...pending.current };
        setSave({ kind: 'error', message: toErrorData(error).message });
      } finally {
        saving.current = new Set();
      }
    });
    return inFlight.current;
  }, [setSave]);

  const change = useCallback(
    (changes: C) => {
      pending.current = { ...pending.current, ...changes };
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

  const isPending = useCallback((field: string) => field in pending.current || saving.current.has(field), []);

  return useMemo(() => ({ change, flush, isPending }), [change, flush, isPending]);
}
