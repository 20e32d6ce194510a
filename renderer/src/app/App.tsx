import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { toErrorData, type WorkbenchErrorData } from '@shared/errors';
import { loadProfile, type Profile } from '../data/device-settings';
import { BrowserPouch } from '../data/pouch-browser';
import { closeWorkspace, openWorkspace, type Workspace } from '../data/workspace';
import { CaseStudiesPage } from '../features/case-studies/CaseStudiesPage';
import { CmcPlansPage } from '../features/cmc-plans/CmcPlansPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { QuestionnairesPage } from '../features/questionnaires/QuestionnairesPage';
import { ComparePage } from '../features/questionnaires/ComparePage';
import { ResponseEditorPage } from '../features/questionnaires/ResponseEditorPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SetupPage } from '../features/settings/SetupPage';
import { SyncPage } from '../features/sync/SyncPage';
import { Layout } from './Layout';
import { StartupError } from './StartupError';
import { useOnlineTracking } from './use-online';
import { useSyncSession } from './use-sync-session';
import { WorkspaceContext, type WorkspaceContextValue } from './workspace-context';

type Boot =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'ready'; profile: Profile; workspace: Workspace }
  | { kind: 'error'; error: WorkbenchErrorData };

function storageProblem(error: unknown): WorkbenchErrorData {
  const data = toErrorData(error);
  return data.code === 'unexpected' ? { code: 'storage-unavailable', message: data.message } : data;
}

/** Boots, turning any failure into the error screen's state. */
function settle(booting: Promise<Boot>): Promise<Boot> {
  return booting.catch((error: unknown): Boot => ({ kind: 'error', error: storageProblem(error) }));
}

async function boot(profile?: Profile): Promise<Boot> {
  if (typeof indexedDB === 'undefined') {
    return { kind: 'error', error: { code: 'storage-unavailable', message: 'IndexedDB is not available' } };
  }
  const stored = profile ?? (await loadProfile());
  if (!stored) return { kind: 'setup' };
  const workspace = await openWorkspace({ org: stored.org, user: stored.userName }, BrowserPouch);
  return { kind: 'ready', profile: stored, workspace };
}

export function App() {
  const { t } = useTranslation();
  const [state, setState] = useState<Boot>({ kind: 'loading' });
  useOnlineTracking();
  useSyncSession(
    state.kind === 'ready' ? state.workspace.db : undefined,
    state.kind === 'ready' ? state.profile.org : undefined,
    state.kind === 'ready' ? state.workspace.library : undefined,
  );

  const start = useCallback((profile?: Profile) => {
    setState({ kind: 'loading' });
    void settle(boot(profile)).then(setState);
  }, []);

  useEffect(() => {
    let live = true;
    void settle(boot()).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);

  // Closed when its databases are let go, not when the workspace object is replaced (a
  // rebuilt read model keeps the same databases open); the latest object is the one closed.
  const latest = useRef<Workspace | undefined>(undefined);
  useEffect(() => {
    if (state.kind === 'ready') latest.current = state.workspace;
  }, [state]);
  const openDb = state.kind === 'ready' ? state.workspace.db : undefined;
  useEffect(() => {
    if (!openDb) return;
    return () => {
      const workspace = latest.current;
      if (workspace?.db === openDb) void closeWorkspace(workspace);
    };
  }, [openDb]);

  const context = useMemo<WorkspaceContextValue | null>(
    () =>
      state.kind === 'ready'
        ? {
            profile: state.profile,
            workspace: state.workspace,
            replaceWorkspace: (workspace) => setState({ ...state, workspace }),
          }
        : null,
    [state],
  );

  switch (state.kind) {
    case 'loading':
      return (
        <p className="boot" role="status">
          {t('app.loading')}
        </p>
      );
    case 'error':
      return <StartupError error={state.error} onRetry={() => start()} />;
    case 'setup':
      return <SetupPage onDone={(profile) => start(profile)} />;
    case 'ready':
      return (
        <WorkspaceContext.Provider value={context}>
          <HashRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Navigate to="/questionnaires" replace />} />
                <Route path="questionnaires" element={<QuestionnairesPage />} />
                <Route path="questionnaires/compare" element={<ComparePage />} />
                <Route path="questionnaires/:responseId" element={<ResponseEditorPage />} />
                <Route path="cmc-plans" element={<CmcPlansPage />} />
                <Route path="case-studies" element={<CaseStudiesPage />} />
                <Route path="dashboard" element={<DashboardPage />} />
                <Route path="sync" element={<SyncPage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="*" element={<Navigate to="/questionnaires" replace />} />
              </Route>
            </Routes>
          </HashRouter>
        </WorkspaceContext.Provider>
      );
  }
}
