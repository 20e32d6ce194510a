/** Loads one story from the institute's database or the library and follows its later revisions. */
import { useCallback, useEffect, useState } from 'react';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import type { CaseStudyStore } from '../../data/case-studies';
import type { CaseStudySource } from '../../data/case-study-rows';

export type LoadedStory =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; doc: CaseStudyDoc };

export function useStory(
  store: CaseStudyStore,
  source: CaseStudySource,
  id: string,
): [LoadedStory, (doc: CaseStudyDoc) => void] {
  const key = `${source}|${id}`;
  const [state, setState] = useState<{ key: string; loaded: LoadedStory }>({
    key: '',
    loaded: { kind: 'loading' },
  });
  useEffect(() => {
    let live = true;
    const show = (loaded: LoadedStory) => live && setState({ key, loaded });
    const read = source === 'library' ? store.getPublished(id) : store.get(id);
    read.then(
      (doc) => show(doc ? { kind: 'ready', doc } : { kind: 'missing' }),
      (error: unknown) => show({ kind: 'error', message: toErrorData(error).message }),
    );
    const stop = store.watch(source, id, (doc) => show(doc ? { kind: 'ready', doc } : { kind: 'missing' }));
    return () => {
      live = false;
      stop();
    };
  }, [store, source, id, key]);
  const set = useCallback(
    (doc: CaseStudyDoc) =>
      setState((current) =>
        // Keep the newest revision when a save and a sync answer cross.
        current.loaded.kind === 'ready' && revNumber(current.loaded.doc._rev) > revNumber(doc._rev)
          ? current
          : { key, loaded: { kind: 'ready', doc } },
      ),
    [key],
  );
  return [state.key === key ? state.loaded : { kind: 'loading' }, set];
}

function revNumber(rev: string | undefined): number {
  return Number((rev ?? '0').split('-')[0]);
}
