/**
 * The director's dashboard: this cycle's questionnaires and what is missing, the key
 * indicators against the last cycle, and where sync stands.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { indicatorChange } from '@shared/dashboard/aggregates';
import type { TableExport } from '@shared/excel/table-sheet';
import { walkItems, type Template } from '@shared/forms/model';
import { pickText } from '@shared/forms/rules';
import { findShippedTemplate } from '@shared/forms/shipped';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useCaseStudyRows } from '../../data/case-study-hooks';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import type { ResponseRow } from '../../data/read-model';
import { useInstitutes } from '../institutes/use-institutes';
import { useTemplateChoices } from '../questionnaires/use-templates';
import { Chart, type ChartOption } from './Chart';
import { CaseStudiesPanel } from './CaseStudiesPanel';
import { DeadlinesPanel } from '../funding/DeadlinesPanel';
import { DirectorCmcPanel } from './CmcPanels';
import { DEC_TEMPLATE, madeAt } from './dashboard-data';
import { Panel } from './Panel';
import { fmt } from '../../app/format';

/** A question's label for "what is missing" (repeat rows say which row). */
function questionLabel(template: Template | undefined, key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (!template) return name;
  for (const { item } of walkItems(template.items)) {
    if (item.name === name) return pickText(item.label, template) || name;
  }
  return name;
}

export function DirectorDashboard({ rows, cycle }: { rows: readonly ResponseRow[]; cycle: number }) {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const institutes = useInstitutes();
  const choices = useTemplateChoices();
  const sync = useSyncStore((s) => s.state.status);
  const allPlans = useCmcPlanRows();
  const plans = useMemo(() => (allPlans ?? []).filter((p) => p.org === profile.org), [allPlans, profile.org]);
  const allStories = useCaseStudyRows('org');
  const stories = useMemo(
    () => (allStories ?? []).filter((s) => s.org === profile.org),
    [allStories, profile.org],
  );
  const name = institutes.get(profile.org).name;
  const own = useMemo(() => rows.filter((r) => r.org === profile.org), [rows, profile.org]);
  const thisCycle = own.filter((r) => r.cycle === cycle);
  const title = (templateId: string) => choices.find((c) => c.id === templateId)?.title ?? templateId;

  const completion: TableExport = {
    title: t('dashboard.completionTitle', { cycle }),
    subtitle: `${name} · ${madeAt()}`,
    columns: [
      t('dashboard.col.questionnaire'),
      t('dashboard.col.status'),
      t('dashboard.col.answered'),
      t('dashboard.col.total'),
      t('dashboard.col.toFix'),
    ],
    rows: thisCycle.map((r) => [
      title(r.templateId),
      t(`questionnaires.statusValue.${r.status}`),
      r.answeredCount,
      r.total,
      r.status === 'submitted' ? 0 : r.toFix.length,
    ]),
  };

  const changes = indicatorChange(own, profile.org, DEC_TEMPLATE, cycle);
  const previousCycle = changes.find((c) => c.previousCycle !== undefined)?.previousCycle;
  const indicators: TableExport = {
    title: t('dashboard.indicatorsTitle', { cycle }),
    subtitle: `${name} · ${madeAt()}`,
    columns: [
      t('dashboard.col.indicator'),
      String(cycle),
      t('dashboard.col.previous'),
      t('dashboard.col.change'),
    ],
    rows: changes.map((c) => [
      c.label,
      c.current ?? null,
      c.previous !== undefined ? c.previous : null,
      c.current !== undefined && c.previous !== undefined ? c.current - c.previous : null,
    ]),
  };
  const indicatorChart: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: changes.map((c) => c.label),
      axisLabel: { interval: 0, width: 110, overflow: 'break' },
    },
    yAxis: { type: 'value' },
    series: [
      ...(previousCycle
        ? [{ name: String(previousCycle), type: 'bar', data: changes.map((c) => c.previous ?? null) }]
        : []),
      { name: String(cycle), type: 'bar', data: changes.map((c) => c.current ?? null) },
    ],
  };

  return (
    <div className="panels">
      <Panel
        id="completion"
        table={completion}
        note={
          thisCycle.length === 0 ? (
            <p>
              {t('dashboard.noResponse', { cycle })}{' '}
              <Link to="/questionnaires">{t('dashboard.startOne')}</Link>
            </p>
          ) : (
            <ul className="missing">
              {thisCycle.map((r) => {
                const template = findShippedTemplate(r.templateId, r.templateVersion);
                return (
                  <li key={r.id}>
                    <Link to={`/questionnaires/${encodeURIComponent(r.id)}`}>{title(r.templateId)}</Link>:{' '}
                    {r.status === 'submitted'
                      ? t('dashboard.submitted')
                      : r.toFix.length === 0
                        ? t('dashboard.readyToSubmit')
                        : t('dashboard.toFixList', {
                            list: r.toFix
                              .slice(0, 8)
                              .map((key) => questionLabel(template, key))
                              .join('; '),
                            more: r.toFix.length > 8 ? ` …(+${r.toFix.length - 8})` : '',
                          })}
                  </li>
                );
              })}
            </ul>
          )
        }
      />
      <DirectorCmcPanel plans={plans} name={name} />
      <DeadlinesPanel />
      <CaseStudiesPanel rows={stories} scope={name} />
      <Panel id="indicators" table={indicators}>
        <Chart option={indicatorChart} label={t('dashboard.indicatorsChart', { cycle })} />
      </Panel>
      <section className="panel" aria-labelledby="sync-title" data-testid="panel-sync">
        <h2 id="sync-title">{t('dashboard.syncTitle')}</h2>
        <p>
          {sync.lastSyncedAt
            ? t('dashboard.lastSync', { at: fmt.dateTime(sync.lastSyncedAt) })
            : t('dashboard.neverSynced')}{' '}
          {t('dashboard.waiting', { count: sync.waitingUp, n: fmt.number(sync.waitingUp) })}{' '}
          <Link to="/sync">{t('dashboard.openSync')}</Link>
        </p>
      </section>
    </div>
  );
}
