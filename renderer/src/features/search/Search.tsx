/**
 * One search box for everything on this computer (Ctrl+K, or the header's Search):
 * questionnaires and their answers, CMC plans, stories and institutes, found offline in the
 * read model (../../data/search-items.ts) by the rule of shared/search.ts.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { search, type SearchItem } from '@shared/search';
import { Dialog } from '../../app/Dialog';
import { useWorkspace } from '../../app/workspace-context';
import { loadSearchItems } from '../../data/search-items';
import { storyPath } from '../case-studies/paths';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { useTemplateChoices } from '../questionnaires/use-templates';

export function Search() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { workspace, profile } = useWorkspace();
  const institutes = useInstitutes();
  const choices = useTemplateChoices();
  const [items, setItems] = useState<SearchItem[]>([]);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);

  const show = useCallback(() => {
    setOpen(true);
    void loadSearchItems(workspace.readModel, {
      own: profile.org,
      economy: (org) => (org === profile.org ? profile.economy : institutes.get(org).economy),
      template: (id) => choices.find((c) => c.id === id)?.title ?? id,
      institute: (org) => instituteLabel(institutes.get(org)),
      status: (status) => t(`questionnaires.statusValue.${status as 'draft' | 'submitted'}`),
      storyPath,
    }).then(setItems);
  }, [workspace.readModel, profile, choices, institutes, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  const found = useMemo(() => search(items, deferred), [items, deferred]);
  const close = () => {
    setOpen(false);
    setQuery('');
  };

  return (
    <>
      <button
        type="button"
        className="header-button search-button"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K"
        onClick={show}
      >
        {t('search.button')} <kbd>{t('search.shortcut')}</kbd>
      </button>
      <Dialog open={open} onClose={close} title={t('search.title')} className="search" testId="search">
        <label htmlFor="search-words" className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="search-words"
          type="search"
          data-autofocus
          value={query}
          placeholder={t('search.placeholder')}
          aria-describedby="search-hint"
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="hint" id="search-hint">
          {t('search.hint')}
        </p>
        {deferred.trim() ? (
          <>
            <p role="status" className="hint">
              {found.total === 0
                ? t('search.none', { words: deferred.trim() })
                : t('search.count', { count: found.total })}
            </p>
            <ul className="search-results" data-testid="search-results">
              {found.hits.map((hit) => (
                <li key={`${hit.kind}|${hit.to}`}>
                  <span className="badge kind">{t(`search.kinds.${hit.kind}`)}</span>{' '}
                  <Link to={hit.to} onClick={close}>
                    {hit.title || '—'}
                  </Link>
                  <span className="hint"> · {hit.detail}</span>
                  {hit.excerpt ? <span className="excerpt">{hit.excerpt}</span> : null}
                </li>
              ))}
            </ul>
            {found.total > found.hits.length ? (
              <p className="hint">{t('search.more', { count: found.total - found.hits.length })}</p>
            ) : null}
          </>
        ) : null}
      </Dialog>
    </>
  );
}
