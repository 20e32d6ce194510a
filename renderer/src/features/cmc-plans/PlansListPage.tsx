/**
 * The CMC plans of this computer grouped by metrology area, each with its stage and next
 * milestone; how many plans stand at each step of the review path; what is overdue or due
 * within 30 days; and the export of the plans as CMC rows.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pipeline, STAGES, stageIndex, type Stage } from '@shared/cmc/stage';
import { dueMilestones } from '@shared/cmc/stage';
import { useWorkspace } from '../../app/workspace-context';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import type { CmcPlanRow } from '../../data/cmc-rows';
import { InstituteName } from '../institutes/InstituteName';
import { useInstitutes } from '../institutes/use-institutes';
import { ExportCmcRows } from './ExportCmcRows';
import {
  CmcNav,
  daysFrom,
  DueTag,
  fileSlug,
  InstituteFilter,
  localToday,
  milestoneName,
  UnverifiedBadge,
  useCmcRepository,
  useInstituteFilter,
  useStageText,
} from './parts';
import { areaLabel, isUnverifiedBranch, useTaxonomy } from './use-taxonomy';
import { fmt } from '../../app/format';
import { ScrollBox } from '../../app/ScrollBox';

export function PlansListPage() {
  const { t } = useTranslation('cmcPlans');
  const { author } = useWorkspace().workspace;
  const allRows = useCmcPlanRows();
  const institutes = useInstitutes();
  const taxonomy = useTaxonomy();
  const cmc = useCmcRepository();
  const stageText = useStageText();
  const orgs = useMemo(() => [...new Set((allRows ?? []).map((r) => r.org))], [allRows]);
  const filter = useInstituteFilter(orgs);
  const rows = useMemo(
    () => (filter.shown ? allRows?.filter((r) => r.org === filter.shown) : allRows) ?? [],
    [allRows, filter.shown],
  );
  const today = localToday();
  const now = useMemo(() => new Date(`${today}T12:00:00Z`), [today]);
  const due = useMemo(() => rows.flatMap((row) => dueMilestones(row, now)), [rows, now]);
  const byArea = useMemo(() => {
    const order = new Map(taxonomy.map((a, i) => [a.code, i]));
    const groups = new Map<string, CmcPlanRow[]>();
    for (const row of rows) groups.set(row.area, [...(groups.get(row.area) ?? []), row]);
    return [...groups].sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99) || a.localeCompare(b));
  }, [rows, taxonomy]);

  if (allRows === undefined) return <p role="status">{t('loading')}</p>;
  const exportName = filter.shown
    ? `${fileSlug(institutes.get(filter.shown).acronym || filter.shown)}-cmc-plans`
    : filter.several
      ? 'cmc-plans-all-institutes'
      : `${fileSlug(institutes.get(author.org).acronym || author.org)}-cmc-plans`;

  return (
    <section aria-labelledby="cmc-title" className="cmc-plans">
      <h1 id="cmc-title">{t('list.title')}</h1>
      <CmcNav />
      <p className="hint">{t('list.intro')}</p>
      <p>
        <Link className="button-link" to="/cmc-plans/new">
          {t('list.new')}
        </Link>
      </p>
      {allRows.length === 0 ? (
        <div className="empty-state">
          <h2>{t('list.emptyTitle')}</h2>
          <p>{t('list.empty')}</p>
        </div>
      ) : (
        <>
          {filter.several ? (
            <InstituteFilter orgs={orgs} institutes={institutes} shown={filter.shown} onChange={filter.set} />
          ) : null}
          <Pipeline counts={pipeline(rows)} />
          <p data-testid="cmc-attention">
            {t('list.attention', {
              overdue: due.filter((d) => d.overdue).length,
              soon: due.filter((d) => !d.overdue).length,
            })}{' '}
            · <Link to="/cmc-plans/timeline">{t('list.attentionLink')}</Link>
          </p>
          <ExportCmcRows
            planIds={rows.map((r) => r.id)}
            cmc={cmc}
            institutes={institutes}
            taxonomy={taxonomy}
            fileName={exportName}
            label={t('export.rows')}
          />
          {byArea.map(([area, plans]) => (
            <ScrollBox key={area}>
              <table className="list cmc-list" data-testid={`cmc-area-${area}`}>
                <caption>
                  <h2>{areaLabel(taxonomy, area)}</h2>
                </caption>
                <thead>
                  <tr>
                    {filter.several ? <th scope="col">{t('institute')}</th> : null}
                    <th scope="col">{t('list.service')}</th>
                    <th scope="col">{t('list.branch')}</th>
                    <th scope="col">{t('list.stage')}</th>
                    <th scope="col">{t('list.next')}</th>
                    <th scope="col">{t('list.check')}</th>
                    <th scope="col">{t('list.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...plans]
                    .sort((a, b) => a.stageIndex - b.stageIndex || a.service.localeCompare(b.service))
                    .map((row) => (
                      <tr key={row.id}>
                        {filter.several ? (
                          <td>
                            <InstituteName info={institutes.get(row.org)} />
                          </td>
                        ) : null}
                        <td>
                          <Link to={`/cmc-plans/${encodeURIComponent(row.id)}`}>
                            {row.service.trim() || t('list.unnamed')}
                          </Link>
                        </td>
                        <td>
                          {row.branch}
                          {isUnverifiedBranch(taxonomy, row.area, row.branch) ? <UnverifiedBadge /> : null}
                        </td>
                        <td>
                          <StageMeter stage={row.stage} /> {stageText(row.stage)}
                        </td>
                        <td>
                          {row.nextDue ? (
                            <>
                              {milestoneName(row.nextDueKey)},{' '}
                              <time dateTime={row.nextDue}>{fmt.date(row.nextDue)}</time>{' '}
                              <DueTag days={daysFrom(today, row.nextDue)} />
                            </>
                          ) : (
                            <span className="hint">{t('list.noNext')}</span>
                          )}
                        </td>
                        <td>
                          {row.problems > 0 ? t('list.toCheck', { count: row.problems }) : t('list.allGood')}
                        </td>
                        <td>
                          <time dateTime={row.updatedAt}>{fmt.date(row.updatedAt)}</time> · {row.updatedBy}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </ScrollBox>
          ))}
        </>
      )}
    </section>
  );
}

/** Nine small steps, filled up to the stage: a picture of the words next to it. */
export function StageMeter({ stage }: { stage: Stage }) {
  const reached = stageIndex(stage);
  return (
    <span className="stage-meter" aria-hidden="true">
      {STAGES.slice(0, -1).map((s, i) => (
        <span key={s} className={i < reached ? 'done' : i === reached ? 'current' : ''} />
      ))}
    </span>
  );
}

function Pipeline({ counts }: { counts: { stage: Stage; count: number }[] }) {
  const { t } = useTranslation('cmcPlans');
  const stageText = useStageText();
  const most = Math.max(1, ...counts.map((c) => c.count));
  return (
    <section aria-labelledby="pipeline-title" className="pipeline">
      <h2 id="pipeline-title">{t('list.pipelineTitle')}</h2>
      <p className="hint">{t('list.pipelineCaption')}</p>
      <ol data-testid="cmc-pipeline">
        {counts.map(({ stage, count }) => (
          <li key={stage} className={count > 0 ? 'has-plans' : ''}>
            <span className="pipeline-label">{stageText(stage)}</span>
            <span className="pipeline-bar" aria-hidden="true">
              <span style={{ width: `${(count / most) * 100}%` }} />
            </span>
            <span className="pipeline-count">{t('list.pipelineCount', { count })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
