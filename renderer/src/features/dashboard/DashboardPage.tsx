/**
 * Dashboards, computed on this computer from the read model: the director's (this
 * institute) and, on a computer that holds several institutes (the secretariat's), one
 * across all of them. Filters live in the address, so a view can be returned to. This page
 * and its charts are loaded only when it opens (see App.tsx).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useResponseRows } from '../../data/hooks';
import { useInstitutes } from '../institutes/use-institutes';
import { DirectorDashboard } from './DirectorDashboard';
import { SecretariatDashboard } from './SecretariatDashboard';
import { AreaOptions } from './AreaOptions';

export function DashboardPage() {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const rows = useResponseRows();
  const institutes = useInstitutes();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const [params, setParams] = useSearchParams();

  const orgs = useMemo(() => new Set((rows ?? []).map((r) => r.org)), [rows]);
  const allowed = isSecretariat || orgs.size > 1;
  const view = allowed && params.get('view') === 'all' ? 'all' : 'mine';
  const cycles = useMemo(() => {
    const found = [...new Set((rows ?? []).map((r) => r.cycle))].sort((a, b) => b - a);
    return found.length > 0 ? found : [new Date().getFullYear()];
  }, [rows]);
  const cycle = Number(params.get('cycle')) || cycles[0] || new Date().getFullYear();
  const area = params.get('area') ?? '';
  const economy = params.get('economy') ?? '';
  const developing = params.get('developing') === '1';
  const economies = useMemo(
    () => [...new Set(institutes.list.map((i) => i.economy).filter(Boolean))].sort(),
    [institutes],
  );

  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (rows === undefined) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {allowed ? (
        <nav aria-label={t('dashboard.views')} className="tabs">
          <button type="button" aria-pressed={view === 'mine'} onClick={() => set('view', '')}>
            {t('dashboard.mine', { name: institutes.get(profile.org).name })}
          </button>
          <button type="button" aria-pressed={view === 'all'} onClick={() => set('view', 'all')}>
            {t('dashboard.all')}
          </button>
        </nav>
      ) : null}
      <form
        className="inline-form filters"
        aria-label={t('dashboard.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="dashboard-cycle">{t('dashboard.cycle')}</label>
          <select id="dashboard-cycle" value={cycle} onChange={(e) => set('cycle', e.target.value)}>
            {cycles.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {view === 'all' ? (
          <>
            <div className="field">
              <label htmlFor="dashboard-area">{t('dashboard.area')}</label>
              <select id="dashboard-area" value={area} onChange={(e) => set('area', e.target.value)}>
                <option value="">{t('dashboard.allAreas')}</option>
                <AreaOptions />
              </select>
            </div>
            <div className="field">
              <label htmlFor="dashboard-economy">{t('dashboard.economy')}</label>
              <select id="dashboard-economy" value={economy} onChange={(e) => set('economy', e.target.value)}>
                <option value="">{t('dashboard.allEconomies')}</option>
                {economies.map((e) => (
                  <option key={e} value={e}>
                    {e}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="choice">
                <input
                  type="checkbox"
                  id="dashboard-developing"
                  checked={developing}
                  onChange={(e) => set('developing', e.target.checked ? '1' : '')}
                />{' '}
                {t('dashboard.developingOnly')}
              </label>
              <p className="hint">{t('dashboard.developingHint')}</p>
            </div>
          </>
        ) : null}
      </form>
      {view === 'all' ? (
        <SecretariatDashboard
          rows={rows}
          cycle={cycle}
          area={area}
          economy={economy}
          developing={developing}
          indicator={params.get('indicator') ?? ''}
          onIndicator={(key) => set('indicator', key)}
        />
      ) : (
        <DirectorDashboard rows={rows} cycle={cycle} />
      )}
    </section>
  );
}
