/** An object URL for a stored photo, made when shown and revoked when gone. */
import { useEffect, useState } from 'react';
import type { CaseStudyStore } from '../../data/case-studies';
import type { CaseStudySource } from '../../data/case-study-rows';

export function usePhotoUrl(
  store: CaseStudyStore,
  source: CaseStudySource,
  id: string,
  name: string,
): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ key: string; url?: string; failed: boolean }>({
    key: '',
    failed: false,
  });
  const key = `${source}|${id}|${name}`;
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    store.photo(source, id, name).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setState({ key, url, failed: false });
      },
      () => live && setState({ key, failed: true }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [store, source, id, name, key]);
  return state.key === key ? state : { failed: false };
}
