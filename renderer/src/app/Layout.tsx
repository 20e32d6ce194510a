import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { SyncBadge } from '../features/sync/SyncBadge';
import { TrainingBanner } from '../features/training/TrainingBanner';
import { useTraining } from './training-context';
import { useWorkspace } from './workspace-context';

const NAV = [
  { to: '/questionnaires', key: 'nav.questionnaires' },
  { to: '/cmc-plans', key: 'nav.cmcPlans' },
  { to: '/case-studies', key: 'nav.caseStudies' },
  { to: '/funding', key: 'nav.funding' },
  { to: '/events', key: 'nav.events' },
  { to: '/den2den', key: 'nav.den2den' },
  { to: '/dashboard', key: 'nav.dashboard' },
  { to: '/sync', key: 'nav.sync' },
  { to: '/settings', key: 'nav.settings' },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const training = useTraining();
  return (
    <div className={training.active ? 'frame training' : 'frame'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <span className="brand">{t('app.name')}</span>
        <span className="institute" data-testid="header-institute">
          {profile.instituteName}
          {profile.acronym ? ` (${profile.acronym})` : ''} · {profile.economy}
        </span>
        {training.active ? (
          <span className="sync-state training" data-testid="header-sync-state" role="status">
            {t('training.headerState')}
          </span>
        ) : (
          <SyncBadge />
        )}
      </header>
      <TrainingBanner />
      <nav className="nav" aria-label={t('nav.label')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{t(item.key)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
