/**
 * "Who could help": each need — from the latest assessment's needs per area and from plan
 * milestones that need support — with the institutes that could meet it, closest match
 * first. On the secretariat's computer: every institute it syncs, and the button that
 * shares provider summaries to the library. On an institute's computer: its own needs,
 * with providers from the summaries the secretariat shared.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { needsOf } from '@shared/cmc/institutes';
import { closeness, matchNeeds, type Need, type NeedMatch } from '@shared/cmc/matching';
import { milestoneLabel } from '@shared/cmc/milestones';
import { toErrorData } from '@shared/errors';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import { shareProviderSummaries } from '../../data/cmc-sharing';
import { instituteLabel, type InstituteDirectory } from '../institutes/directory-view';
import { canonicalBranch, type TaxonomyArea } from '@shared/cmc/taxonomy';
import { InstituteName } from '../institutes/InstituteName';
import { useInstitutes } from '../institutes/use-institutes';
import { CmcNav, InstituteFilter, useInstituteFilter } from './parts';
import { useMatchingData } from './use-matching';
import { areaLabel, useTaxonomy } from './use-taxonomy';
import { fmt } from '../../app/format';

export function MatchingPage() {
  const { t } = useTranslation('cmcPlans');
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const data = useMatchingData();
  const institutes = useInstitutes();
  const taxonomy = useTaxonomy();
  const plans = useCmcPlanRows();
  const [area, setArea] = useState('');
  const orgs = useMemo(() => [...data.institutes.keys()], [data.institutes]);
  const filter = useInstituteFilter(orgs);
  const matches = useMemo(() => {
    const needing = [...data.institutes.values()].filter((f) => !filter.shown || f.org === filter.shown);
    const needs = needsOf(needing).filter((n) => !area || n.area === area);
    return matchNeeds(needs, data.capabilities);
  }, [data, filter.shown, area]);
  const services = useMemo(() => new Map((plans ?? []).map((p) => [p.id, p.service])), [plans]);
  const areas = useMemo(
    () => [...new Set(needsOf(data.institutes.values()).map((n) => n.area))].sort(),
    [data],
  );

  const needText = (need: Need) => {
    const type = t(`support.${need.type}`);
    if (need.source === 'plan')
      return t('matching.needFromPlan', {
        type,
        service: (need.planId && services.get(need.planId)) || t('list.unnamed'),
        milestone: need.milestone ? milestoneLabel(need.milestone) : '',
      });
    return t('matching.needFromAnswers', { type, cycle: data.institutes.get(need.org)?.cycle ?? '' });
  };

  if (data.loading) return <p role="status">{t('loading')}</p>;
  return (
    <section aria-labelledby="matching-title" className="cmc-plans matching">
      <h1 id="matching-title">{t('matching.title')}</h1>
      <CmcNav />
      <p className="hint">{isSecretariat ? t('matching.introSecretariat') : t('matching.introInstitute')}</p>
      {isSecretariat ? (
        <ShareSummaries sharedAt={data.sharedAt} sharedCount={data.sharedCount} />
      ) : data.sharedCount === 0 ? (
        <p className="notice" data-testid="no-summaries">
          {t('matching.noSummaries')}
        </p>
      ) : (
        <p className="hint">
          {t('matching.summariesFrom', {
            count: data.sharedCount,
            at: data.sharedAt ? fmt.date(data.sharedAt) : '',
          })}
        </p>
      )}
      <div className="inline-form">
        {filter.several ? (
          <InstituteFilter orgs={orgs} institutes={institutes} shown={filter.shown} onChange={filter.set} />
        ) : null}
        <div className="field">
          <label htmlFor="matching-area">{t('matching.area')}</label>
          <select id="matching-area" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">{t('matching.allAreas')}</option>
            {areas.map((code) => (
              <option key={code} value={code}>
                {areaLabel(taxonomy, code)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status">{t('matching.needsCount', { count: matches.length })}</p>
      {matches.length === 0 ? (
        <p>{t('matching.noNeeds')}</p>
      ) : (
        <ol className="needs" data-testid="matching-needs">
          {matches.map((match, i) => (
            <NeedItem
              key={i}
              match={match}
              text={needText(match.need)}
              showOrg={filter.several}
              institutes={institutes}
              taxonomy={taxonomy}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function NeedItem({
  match,
  text,
  showOrg,
  institutes,
  taxonomy,
}: {
  match: NeedMatch;
  text: string;
  showOrg: boolean;
  institutes: InstituteDirectory;
  taxonomy: readonly TaxonomyArea[];
}) {
  const { t } = useTranslation('cmcPlans');
  const own = useWorkspace().workspace.author.org;
  const { need, providers } = match;
  // An institute's own need can become a DEN2DEN request to any of its providers.
  const ask = (provider: string) =>
    `/den2den/requests/new?${new URLSearchParams({ provider, area: need.area, type: need.type }).toString()}`;
  return (
    <li className="need" data-testid="matching-need">
      <p className="need-title">
        {showOrg ? (
          <>
            <InstituteName info={institutes.get(need.org)} /> ·{' '}
          </>
        ) : null}
        <strong>{areaLabel(taxonomy, need.area)}</strong>
        {need.branch ? ` › ${need.branch}` : ''} — {text}
        {need.priority ? ` · ${t('matching.priority', { priority: need.priority })}` : ''}
        {need.planId ? (
          <>
            {' '}
            · <Link to={`/cmc-plans/${encodeURIComponent(need.planId)}`}>{t('matching.openPlan')}</Link>
          </>
        ) : null}
      </p>
      {providers.length === 0 ? (
        <p className="hint">{t('matching.noProvider')}</p>
      ) : (
        <ol className="providers" aria-label={t('matching.providersCaption')}>
          {providers.map((provider) => (
            <li key={provider.org}>
              <span className={`closeness ${closeness(provider.score)}`}>
                {t(`match.${closeness(provider.score)}`)}
              </span>{' '}
              {instituteLabel(institutes.get(provider.org))}:{' '}
              {provider.reasons
                .slice(0, 3)
                .map(
                  (r) =>
                    `${t(`match.${r.kind}`)} ${t('match.in', { where: r.branch ?? r.area })}${r.detail ? ` (${r.detail})` : ''}`,
                )
                .join('; ')}
              {need.org === own && provider.org !== own ? (
                <>
                  {' '}
                  · <Link to={ask(provider.org)}>{t('matching.ask')}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

function ShareSummaries({ sharedAt, sharedCount }: { sharedAt: string | undefined; sharedCount: number }) {
  const { t } = useTranslation('cmcPlans');
  const { workspace } = useWorkspace();
  const taxonomy = useTaxonomy();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'working'; done: number; total: number }
    | { kind: 'done'; written: number; unchanged: number }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const share = async () => {
    setState({ kind: 'working', done: 0, total: 0 });
    try {
      const result = await shareProviderSummaries(workspace, {
        branchOf: (area, branch) => canonicalBranch(taxonomy, area, branch),
        onProgress: (done, total) => setState({ kind: 'working', done, total }),
      });
      setState({ kind: 'done', written: result.written, unchanged: result.unchanged });
    } catch (error) {
      setState({ kind: 'error', message: toErrorData(error).message });
    }
  };
  return (
    <section aria-labelledby="share-title" className="share">
      <h2 id="share-title">{t('matching.shareTitle')}</h2>
      <p className="hint">{t('matching.shareExplain')}</p>
      <p>
        {sharedAt
          ? t('matching.lastShared', { at: fmt.dateTime(sharedAt), count: sharedCount })
          : t('matching.neverShared')}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void share()} disabled={state.kind === 'working'}>
          {t('matching.share')}
        </button>
        <span role="status" data-testid="share-state">
          {state.kind === 'working' && state.total > 0
            ? t('matching.sharing', { done: state.done, total: state.total })
            : null}
          {state.kind === 'done'
            ? t('matching.shared', { written: state.written, unchanged: state.unchanged })
            : null}
        </span>
      </div>
      {state.kind === 'error' ? <p role="alert">{state.message}</p> : null}
    </section>
  );
}
