/** What the events screens read: events (own copy before the library's), responses, who is who. */
import { useEffect, useMemo, useState } from 'react';
import type { Template } from '@shared/forms/model';
import { toErrorData } from '@shared/errors';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { eventTemplate } from '../../data/events';
import { useEventRows, useFeedbackRows } from '../../data/events-hooks';
import { preferOwn } from '../../data/events-projector';
import { useActivities } from '../../data/funding-hooks';
import { useInstitutes } from '../institutes/use-institutes';

export function useEvents() {
  const { workspace } = useWorkspace();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const rows = useEventRows();
  const activities = useActivities();
  const institutes = useInstitutes();
  const events = useMemo(
    () =>
      preferOwn(rows ?? []).sort((a, b) => b.start.localeCompare(a.start) || a.title.localeCompare(b.title)),
    [rows],
  );
  return {
    workspace,
    author: workspace.author,
    isSecretariat,
    loading: rows === undefined || activities === undefined,
    events,
    activities: activities ?? [],
    institutes,
  };
}

export type TemplateLoad =
  { kind: 'loading' } | { kind: 'ready'; template: Template } | { kind: 'error'; message: string };

/** An event's questionnaire, wherever it is (shipped, imported here, or published in the library). */
export function useEventTemplate(id: string | undefined, version: string | undefined): TemplateLoad {
  const { workspace } = useWorkspace();
  const [state, setState] = useState<{ key: string; load: TemplateLoad }>({
    key: '',
    load: { kind: 'loading' },
  });
  const key = id && version ? `${id}@${version}` : '';
  useEffect(() => {
    if (!id || !version) return;
    let live = true;
    eventTemplate(workspace, id, version).then(
      (template) => live && setState({ key: `${id}@${version}`, load: { kind: 'ready', template } }),
      (error: unknown) =>
        live &&
        setState({ key: `${id}@${version}`, load: { kind: 'error', message: toErrorData(error).message } }),
    );
    return () => {
      live = false;
    };
  }, [workspace, id, version]);
  return state.key === key && key ? state.load : { kind: 'loading' };
}

export { useFeedbackRows };
export { localToday } from '../funding/use-funding';
