/**
 * Saves what the user types without ever blocking typing: changes collect in memory,
 * and one save at a time writes them to PouchDB shortly after the last keystroke
 * (well within a second), when the page is hidden, and when the editor closes. While
 * something is unsaved, closing the page asks first.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { AnswerValue } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import type { Repository } from '../../data/repository';
import { useUiStore } from '../../app/ui-store';

const DEBOUNCE_MS = 300;

export function useAutosave(repository: Repository, responseId: string) {
  const setSave = useUiStore((s) => s.setSave);
  const pending = useRef<Record<string, AnswerValue>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    inFlight.current = inFlight.current.then(async () => {
      const changes = pending.current;
      if (Object.keys(changes).length === 0) return;
      pending.current = {};
      setSave({ kind: 'saving' });
      try {
        const saved = await repository.saveAnswers(responseId, changes);
        if (Object.keys(pending.current).length === 0) setSave({ kind: 'saved', at: saved.updatedAt });
      } catch (error) {
        // Keep the unsaved values (newer typing wins) so the next flush retries them.
        pending.current = { ...changes, ...pending.current };
        setSave({ kind: 'error', message: toErrorData(error).message });
      }
    });
    return inFlight.current;
  }, [repository, responseId, setSave]);

  const change = useCallback(
    (name: string, value: AnswerValue) => {
      pending.current[name] = value;
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
