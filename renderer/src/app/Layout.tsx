import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { HelpButton } from '../features/help/HelpButton';
import { Tour } from '../features/help/Tour';
import { Search } from '../features/search/Search';
import { SyncBadge } from '../features/sync/SyncBadge';
import { TrainingBanner } from '../features/training/TrainingBanner';
import { useTraining } from './training-context';
import { UndoBar } from './UndoBar';
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

/**
 * The frame of every screen: the header (institute, search, help, where sync stands), the
 * navigation (behind a Menu button below 1000 px wide, see app.css), the screen, the undo bar.
 */
export function Layout() {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const training = useTraining();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className={`frame${training.active ? ' training' : ''}${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <button
          type="button"
          className="header-button menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="burger" aria-hidden="true" /> {t('app.menu')}
        </button>
        <span className="brand">{t('app.name')}</span>
        <span className="institute" data-testid="header-institute">
          {profile.instituteName}
          {profile.acronym ? ` (${profile.acronym})` : ''} · {profile.economy}
        </span>
        <Search />
        <HelpButton />
        {training.active ? (
          <span className="sync-state training" data-testid="header-sync-state" role="status">
            {t('training.headerState')}
          </span>
        ) : (
          <SyncBadge />
        )}
      </header>
      <TrainingBanner />
      <nav className="nav" id="main-nav" aria-label={t('nav.label')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} onClick={() => setMenuOpen(false)}>
                {t(item.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <UndoBar />
      <Tour />
    </div>
  );
}
