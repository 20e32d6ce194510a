/**
 * Drafts in an editor: "Delete this draft" with an undo (the deletion is a tombstone that
 * syncs; the undo writes the last content back on top of it), and a new, empty draft left
 * at once is not kept. Which documents count as drafts is shared/docs/drafts.ts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { toErrorData } from '@shared/errors';
import type { Repository } from '../data/repository';
import { useUndoStore } from './undo-store';

/**
 * True when the editor was opened on a draft just created empty (the list says so). Read
 * once: moving between sections replaces the address and its state, not the draft's freshness.
 */
export function useFreshDraft(): boolean {
  const state = useLocation().state as { fresh?: unknown } | null;
  const [fresh] = useState(() => state?.fresh === true);
  return fresh;
}

/**
 * When the editor closes, deletes the draft if it was opened fresh and nothing was saved
 * since it was created. `flush` is the editor's autosave: what was typed last is written first.
 */
export function useDiscardUntouched(
  repository: Repository,
  id: string,
  fresh: boolean,
  flush: () => Promise<void>,
): void {
  const latest = useRef({ repository, flush });
  useEffect(() => {
    latest.current = { repository, flush };
  }, [repository, flush]);
  useEffect(() => {
    if (!fresh) return;
    return () => {
      const { repository: repo, flush: save } = latest.current;
      void save().then(() => repo.discardIfUntouched(id));
    };
  }, [fresh, id]);
}

/** Deletes a draft, goes to `listPath`, and offers the undo there. Resolves to an error message, if any. */
export function useDeleteDraft(
  repository: Repository,
  listPath: string,
): (
  id: string,
  what: string,
  message: (what: string) => string,
  before?: () => Promise<void>,
) => Promise<string | undefined> {
  const navigate = useNavigate();
  const offerUndo = useUndoStore((s) => s.offerUndo);
  return useCallback(
    async (id, what, message, before) => {
      try {
        await before?.();
        const restore = await repository.removeWithUndo(id);
        await navigate(listPath);
        offerUndo(message(what), restore);
        return undefined;
      } catch (error) {
        return toErrorData(error).message;
      }
    },
    [repository, listPath, navigate, offerUndo],
  );
}
