/**
 * The case-study library: published stories (the library every institute receives) and
 * this computer's own stories (on the secretariat's computer, every institute's), searched
 * by SDG, KCDB area, economy, leverage area and words, from the read model.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { matchesFilter } from '@shared/case-studies/search';
import { actorFor } from '@shared/case-studies/workflow';
import { CASE_STUDY_STATUSES } from '@shared/case-studies/workflow-states';
import { toErrorData } from '@shared/errors';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useCaseStudyRows, useCaseStudyStore } from '../../data/case-study-hooks';
import type { CaseStudyRow } from '../../data/case-study-rows';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { formatBytes, formatWhen } from './format';
import { areaLabel, KCDB_AREAS, LEVERAGE_AREAS, leverageLabel, SDGS } from './names';
import { storyPath } from './paths';
import { useCaseStudiesUi } from './store';
import { StatusBadge } from './WorkflowPanel';

const NONE: CaseStudyRow[] = [];

export function CaseStudiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { profile } = useWorkspace();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const store = useCaseStudyStore();
  const institutes = useInstitutes();
  const { filters, setFilters, clearFilters } = useCaseStudiesUi();
  const library = useCaseStudyRows('library');
  const own = useCaseStudyRows('org');
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const rows = (filters.source === 'library' ? library : own) ?? NONE;
  const economies = useMemo(() => [...new Set(rows.map((r) => r.economy).filter(Boolean))].sort(), [rows]);
  const shown = useMemo(
    () =>
      rows.filter(
        (row) =>
          (!filters.status || filters.source === 'library' || row.status === filters.status) &&
          matchesFilter(row, {
            ...(filters.sdg ? { sdg: Number(filters.sdg) } : {}),
            ...(filters.area ? { area: filters.area } : {}),
            ...(filters.economy ? { economy: filters.economy } : {}),
            ...(filters.leverageArea ? { leverageArea: filters.leverageArea } : {}),
            text: filters.text,
          }),
      ),
    [rows, filters],
  );
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'source' && v !== '');

  const create = async () => {
    setCreating(true);
    setProblem(undefined);
    try {
      const actor = actorFor(profile.org, profile.org, profile.userName, isSecretariat);
      const doc = await store.create(profile.org, profile.economy, actor);
      // Coming back to the list, the author sees their own stories first.
      setFilters({ source: 'org' });
      // A new story left at once, nothing written, is not kept (see the editor).
      await navigate(storyPath('org', doc._id), { state: { fresh: true } });
    } catch (error) {
      setProblem(toErrorData(error).message);
      setCreating(false);
    }
  };

  const ownLabel = isSecretariat ? t('caseStudies.list.institutesStories') : t('caseStudies.list.ourStories');
  return (
    <div className="case-studies">
      <h1>{t('caseStudies.title')}</h1>
      <p className="intro">{t('caseStudies.intro')}</p>
      <div className="actions">
        <button type="button" onClick={() => void create()} disabled={creating}>
          {t('caseStudies.new')}
        </button>
        <span className="hint">{t('caseStudies.newHint')}</span>
      </div>
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}

      <fieldset className="view-switch">
        <legend>{t('caseStudies.list.show')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="story-source"
            checked={filters.source === 'library'}
            onChange={() => setFilters({ source: 'library' })}
          />{' '}
          {t('caseStudies.list.published', { count: library?.length ?? 0 })}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="story-source"
            checked={filters.source === 'org'}
            onChange={() => setFilters({ source: 'org' })}
          />{' '}
          {ownLabel} ({own?.length ?? 0})
        </label>
      </fieldset>

      <div role="search" className="filters" aria-label={t('caseStudies.list.filters')}>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="cs-text">{t('caseStudies.list.text')}</label>
            <input
              id="cs-text"
              type="search"
              value={filters.text}
              onChange={(e) => setFilters({ text: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="cs-sdg">{t('caseStudies.fields.sdg')}</label>
            <select id="cs-sdg" value={filters.sdg} onChange={(e) => setFilters({ sdg: e.target.value })}>
              <option value="">{t('caseStudies.list.any')}</option>
              {SDGS.map((g) => (
                <option key={g.number} value={String(g.number)}>
                  {g.number}. {g.shortName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cs-area">{t('caseStudies.fields.area')}</label>
            <select id="cs-area" value={filters.area} onChange={(e) => setFilters({ area: e.target.value })}>
              <option value="">{t('caseStudies.list.any')}</option>
              {KCDB_AREAS.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name} ({a.code})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cs-economy">{t('caseStudies.fields.economy')}</label>
            <select
              id="cs-economy"
              value={filters.economy}
              onChange={(e) => setFilters({ economy: e.target.value })}
            >
              <option value="">{t('caseStudies.list.any')}</option>
              {economies.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cs-leverage">{t('caseStudies.fields.leverageArea')}</label>
            <select
              id="cs-leverage"
              value={filters.leverageArea}
              onChange={(e) => setFilters({ leverageArea: e.target.value })}
            >
              <option value="">{t('caseStudies.list.any')}</option>
              {LEVERAGE_AREAS.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} — {a.label}
                </option>
              ))}
            </select>
          </div>
          {filters.source === 'org' ? (
            <div className="field">
              <label htmlFor="cs-status">{t('caseStudies.list.status')}</label>
              <select
                id="cs-status"
                value={filters.status}
                onChange={(e) => setFilters({ status: e.target.value as (typeof filters)['status'] })}
              >
                <option value="">{t('caseStudies.list.any')}</option>
                {CASE_STUDY_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`caseStudies.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {filtered ? (
            <button type="button" className="secondary" onClick={clearFilters}>
              {t('caseStudies.list.clear')}
            </button>
          ) : null}
        </div>
      </div>

      <p className="hint" role="status" data-testid="stories-count">
        {filtered
          ? t('caseStudies.list.matching', { count: shown.length, total: rows.length })
          : t('caseStudies.list.count', { count: rows.length })}
      </p>
      {shown.length === 0 ? (
        <p className="empty">
          {rows.length === 0
            ? filters.source === 'library'
              ? t('caseStudies.list.emptyLibrary')
              : t('caseStudies.list.emptyOwn')
            : t('caseStudies.list.noMatch')}
        </p>
      ) : (
        <ul className="story-cards" data-testid="stories">
          {shown.map((row) => (
            <li key={row.key} className="story-card">
              <h2>
                <Link to={storyPath(row.source, row.id)}>{row.title || t('caseStudies.untitled')}</Link>
              </h2>
              <p className="hint">
                {instituteLabel(institutes.get(row.org))}
                {row.economy ? ` · ${row.economy}` : ''}
                {' · '}
                {row.source === 'library' && row.publishedAt
                  ? t('caseStudies.list.publishedAt', { at: formatWhen(row.publishedAt) })
                  : t('caseStudies.list.updatedAt', { at: formatWhen(row.updatedAt), by: row.updatedBy })}
                {row.source === 'org' ? (
                  <>
                    {' '}
                    <StatusBadge status={row.status} />
                  </>
                ) : null}
                {row.openComments > 0
                  ? ` · ${t('caseStudies.editor.openComments', { count: row.openComments })}`
                  : ''}
              </p>
              {row.excerpt ? <p className="excerpt">{row.excerpt}</p> : null}
              <p className="tags-line">
                {row.sdgs.map((n) => (
                  <span key={n} className="tag">
                    SDG {n}
                  </span>
                ))}
                {row.areas.map((a) => (
                  <span key={a} className="tag" title={areaLabel(a)}>
                    {a}
                  </span>
                ))}
                {row.leverageArea ? <span className="tag">{leverageLabel(row.leverageArea)}</span> : null}
                <span className="hint">
                  {' '}
                  {t('caseStudies.list.photos', { count: row.photoCount, size: formatBytes(row.bytes) })}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
