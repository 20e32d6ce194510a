import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { toErrorData, type WorkbenchErrorData } from '@shared/errors';
import { loadProfile, type Profile } from '../data/device-settings';
import { loadKiosk, type KioskState } from '../data/kiosk';
import { platform } from '../platform';
import { BrowserPouch } from '../data/pouch-browser';
import { closeWorkspace, openWorkspace, type Workspace } from '../data/workspace';
import {
  BUILT_IN_PRACTICE,
  checkPracticeFile,
  leaveTraining,
  loadTrainingState,
  NO_TRAINING,
  openTrainingWorkspace,
  removeTrainingData,
  startPractice,
  startPracticeFromFile,
  type TrainingState,
} from '../data/training';
import { CaseStudiesRoutes } from '../features/case-studies/CaseStudiesRoutes';
import { CmcPlansPage } from '../features/cmc-plans/CmcPlansPage';
import { QuestionnairesPage } from '../features/questionnaires/QuestionnairesPage';
import { ComparePage } from '../features/questionnaires/ComparePage';
import { ResponseEditorPage } from '../features/questionnaires/ResponseEditorPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SetupPage } from '../features/settings/SetupPage';
import { SyncPage } from '../features/sync/SyncPage';
import { Layout } from './Layout';
import { StartupError } from './StartupError';
import type { TrainingContextValue } from './training-context';
import { useOnlineTracking } from './use-online';
import { useSyncSession } from './use-sync-session';
import { WorkspaceContext, type WorkspaceContextValue } from './workspace-context';

/** Dashboards and their charts load only when someone opens them. */
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const FundingPage = lazy(() => import('../features/funding/FundingPage'));
const EventsPage = lazy(() => import('../features/events/EventsPage'));
const Den2DenPage = lazy(() => import('../features/den2den/Den2DenPage'));
const KioskPage = lazy(() => import('../features/events/KioskPage'));

type Boot =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | {
      kind: 'ready';
      profile: Profile;
      workspace: Workspace;
      training: TrainingState;
      /** Kiosk mode: while on, the app shows only the kiosk (features/events/KioskPage.tsx). */
      kiosk?: KioskState;
    }
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
  const training = await loadTrainingState();
  const kiosk = await loadKiosk();
  if (training.active) {
    const practice = await openTrainingWorkspace(stored, training, BrowserPouch);
    return { kind: 'ready', ...practice, training, ...(kiosk ? { kiosk } : {}) };
  }
  const workspace = await openWorkspace({ org: stored.org, user: stored.userName }, BrowserPouch);
  return { kind: 'ready', profile: stored, workspace, training, ...(kiosk ? { kiosk } : {}) };
}

export function App() {
  const { t } = useTranslation();
  const [state, setState] = useState<Boot>({ kind: 'loading' });
  useOnlineTracking();
  // Training mode is never synced: no session is opened for a practice workspace.
  const syncing = state.kind === 'ready' && !state.training.active;
  useSyncSession(
    syncing ? state.workspace.db : undefined,
    syncing ? state.profile.org : undefined,
    syncing ? state.workspace.library : undefined,
    syncing ? state.profile.userName : undefined,
  );
  const closing = useRef<Promise<void>>(Promise.resolve());

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

  // The workspace is closed when its database goes (another institute, training mode, an
  // error), not when it is replaced over the same database (a rebuilt read model), and
  // then the latest version of it is closed: the rebuilt read model and projector.
  const openDb = state.kind === 'ready' ? state.workspace.db : undefined;
  const latest = useRef<Workspace | undefined>(undefined);
  useEffect(() => {
    latest.current = state.kind === 'ready' ? state.workspace : undefined;
  }, [state]);
  useEffect(() => {
    if (!openDb) return;
    return () => {
      const workspace = latest.current;
      closing.current = workspace?.db === openDb ? closeWorkspace(workspace) : openDb.close();
    };
  }, [openDb]);

  /** Closes the open workspace, does `work`, and opens whichever workspace is current then. */
  const switchWorkspace = useCallback((work: () => Promise<void>) => {
    setState({ kind: 'loading' });
    void settle(
      (async () => {
        await closing.current;
        await work();
        return boot();
      })(),
    ).then(setState);
  }, []);

  // Kiosk mode also locks the desktop app's window (no developer tools, no menu).
  const kioskOn = state.kind === 'ready' && state.kiosk !== undefined;
  useEffect(() => {
    void platform
      .kioskWindow({ on: kioskOn })
      .catch((error: unknown) => console.error('kiosk window', error));
  }, [kioskOn]);

  const trainingState = state.kind === 'ready' ? state.training : NO_TRAINING;
  const training = useMemo<TrainingContextValue>(
    () => ({
      state: trainingState,
      active: trainingState.active ? (trainingState.institute ?? BUILT_IN_PRACTICE) : undefined,
      start: () => switchWorkspace(startPractice),
      startFromFile: async (bytes) => {
        await checkPracticeFile(bytes);
        switchWorkspace(() => startPracticeFromFile(bytes, BrowserPouch));
      },
      leave: () => switchWorkspace(leaveTraining),
      remove: () => switchWorkspace(() => removeTrainingData(BrowserPouch)),
    }),
    [trainingState, switchWorkspace],
  );

  const context = useMemo<WorkspaceContextValue | null>(
    () =>
      state.kind === 'ready'
        ? {
            profile: state.profile,
            workspace: state.workspace,
            replaceWorkspace: (workspace) => setState({ ...state, workspace }),
            training,
            kiosk: {
              state: state.kiosk,
              enter: (kiosk) => setState({ ...state, kiosk }),
              left: () => setState({ ...state, kiosk: undefined }),
            },
          }
        : null,
    [state, training],
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
      if (state.kiosk)
        return (
          <WorkspaceContext.Provider value={context}>
            <HashRouter>
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                <KioskPage state={state.kiosk} />
              </Suspense>
            </HashRouter>
          </WorkspaceContext.Provider>
        );
      return (
        <WorkspaceContext.Provider value={context}>
          <HashRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Navigate to="/questionnaires" replace />} />
                <Route path="questionnaires" element={<QuestionnairesPage />} />
                <Route path="questionnaires/compare" element={<ComparePage />} />
                <Route path="questionnaires/:responseId" element={<ResponseEditorPage />} />
                <Route path="cmc-plans/*" element={<CmcPlansPage />} />
                <Route path="case-studies/*" element={<CaseStudiesRoutes />} />
                <Route
                  path="dashboard"
                  element={
                    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                      <DashboardPage />
                    </Suspense>
                  }
                />
                <Route
                  path="funding/*"
                  element={
                    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                      <FundingPage />
                    </Suspense>
                  }
                />
                <Route
                  path="events/*"
                  element={
                    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                      <EventsPage />
                    </Suspense>
                  }
                />
                <Route
                  path="den2den/*"
                  element={
                    <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                      <Den2DenPage />
                    </Suspense>
                  }
                />
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
