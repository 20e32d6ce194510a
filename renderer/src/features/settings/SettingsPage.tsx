import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '@shared/platform-api';
import { toErrorData } from '@shared/errors';
import { useTourStore } from '../../app/tour-store';
import { useWorkspace } from '../../app/workspace-context';
import { useReadModelProblems } from '../../data/hooks';
import { rebuildReadModel } from '../../data/workspace';
import { platform } from '../../platform';
import { KioskPasswordSettings } from '../events/KioskPasswordSettings';
import { TrainingSettings } from '../training/TrainingSettings';
import { InstitutesDirectory } from '../institutes/InstitutesDirectory';
import { MoreTools } from '../../app/MoreTools';
import { HostHub } from './HostHub';

type RebuildState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; count: number }
  | { kind: 'error'; message: string };

export function SettingsPage() {
  const { t } = useTranslation();
  const { profile, workspace, replaceWorkspace } = useWorkspace();
  const [info, setInfo] = useState<AppInfo>();
  const [rebuild, setRebuild] = useState<RebuildState>({ kind: 'idle' });
  const problems = useReadModelProblems();
  const showTour = useTourStore((s) => s.show);

  useEffect(() => {
    void platform.appInfo().then(setInfo);
  }, []);

  const onRebuild = async () => {
    setRebuild({ kind: 'running' });
    try {
      const next = await rebuildReadModel(workspace);
      replaceWorkspace(next);
      setRebuild({ kind: 'done', count: await next.readModel.responses.count() });
    } catch (error) {
      setRebuild({ kind: 'error', message: toErrorData(error).message });
    }
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <h2>{t('settings.institute')}</h2>
      <dl className="facts">
        <dt>{t('settings.instituteName')}</dt>
        <dd>
          {profile.instituteName}
          {profile.inferred ? <span className="badge inferred">{t('setup.unverified')}</span> : null}
        </dd>
        <dt>{t('settings.economy')}</dt>
        <dd>{profile.economy}</dd>
        <dt>{t('settings.databaseId')}</dt>
        <dd>
          <code>org-{profile.org}</code>
        </dd>
        <dt>{t('settings.userName')}</dt>
        <dd>{profile.userName}</dd>
      </dl>

      <h2>{t('settings.tour')}</h2>
      <p>{t('settings.tourExplain')}</p>
      <button type="button" className="secondary" onClick={showTour}>
        {t('settings.tourReplay')}
      </button>

      <InstitutesDirectory />

      <h2>{t('settings.readModel')}</h2>
      <p>{t('settings.readModelExplain')}</p>
      <button type="button" onClick={() => void onRebuild()} disabled={rebuild.kind === 'running'}>
        {t('settings.rebuild')}
      </button>
      <p role="status" data-testid="rebuild-status">
        {rebuild.kind === 'running' ? t('settings.rebuilding') : null}
        {rebuild.kind === 'done' ? t('settings.rebuilt', { count: rebuild.count }) : null}
        {rebuild.kind === 'error' ? t('settings.rebuildFailed', { message: rebuild.message }) : null}
      </p>
      {problems.length > 0 ? (
        <>
          <h3>{t('settings.problems')}</h3>
          <ul>
            {problems.map((p) => (
              <li key={p.id}>
                <code>{p.id}</code>: {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <TrainingSettings />

      <MoreTools summary={t('settings.moreTools')} explain={t('settings.moreToolsExplain')}>
        <HostHub />
      </MoreTools>

      <KioskPasswordSettings />

      <h2>{t('settings.about')}</h2>
      {info ? (
        <p>{t('settings.version', { name: info.name, version: info.version, platform: info.platform })}</p>
      ) : null}
    </section>
  );
}
