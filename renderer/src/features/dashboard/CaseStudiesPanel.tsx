/** Case studies by workflow state (the director's own; across institutes, every one this computer holds). */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STUDY_STATUSES, type CaseStudyStatus } from '@shared/case-studies/workflow-states';
import { caseStudiesByStatus } from '@shared/dashboard/aggregates';
import type { TableExport } from '@shared/excel/table-sheet';
import type { CaseStudyRow } from '../../data/case-study-rows';
import { Chart, type ChartOption } from './Chart';
import { madeAt } from './dashboard-data';
import { Panel } from './Panel';

export function CaseStudiesPanel({ rows, scope }: { rows: readonly CaseStudyRow[]; scope: string }) {
  const { t } = useTranslation();
  const counts = caseStudiesByStatus(rows, CASE_STUDY_STATUSES);
  const label = (status: CaseStudyStatus): string => t(`caseStudies.status.${status}`);
  const table: TableExport = {
    title: t('dashboard.casesTitle'),
    subtitle: `${scope} · ${madeAt()}`,
    columns: [t('dashboard.col.status'), t('dashboard.col.stories'), t('dashboard.col.openComments')],
    rows: counts.map((c) => [
      label(c.status),
      c.count,
      rows.filter((r) => r.status === c.status).reduce((n, r) => n + r.openComments, 0),
    ]),
  };
  const chart: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: counts.map((c) => label(c.status)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('dashboard.col.stories'),
        type: 'bar',
        data: counts.map((c) => c.count),
        label: { show: true, position: 'top' },
      },
    ],
  };
  return (
    <Panel
      id="cases"
      table={table}
      note={
        rows.length === 0 ? (
          <p>
            {t('dashboard.noCases')} <Link to="/case-studies">{t('dashboard.openCases')}</Link>
          </p>
        ) : undefined
      }
    >
      {rows.length > 0 ? (
        <Chart option={chart} label={t('dashboard.casesChart', { scope })} height={240} />
      ) : null}
    </Panel>
  );
}
