/**
 * Across every institute this computer holds (the secretariat's): needs by area, who has
 * answered this cycle's questionnaire, and the key indicators over the cycles.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { completionByInstitute, indicatorTrends, needsHeatmap } from '@shared/dashboard/aggregates';
import { INDICATORS } from '@shared/dashboard/facts';
import type { TableExport } from '@shared/excel/table-sheet';
import { useCaseStudyRows } from '../../data/case-study-hooks';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import type { ResponseRow } from '../../data/read-model';
import { useInstitutes } from '../institutes/use-institutes';
import { Chart, type ChartOption } from './Chart';
import { CaseStudiesPanel } from './CaseStudiesPanel';
import { SecretariatCmcPanels } from './CmcPanels';
import { areaOptions, DEC_TEMPLATE, developingByIso, madeAt } from './dashboard-data';
import { Panel } from './Panel';
import { ScrollBox } from '../../app/ScrollBox';

/** Priority 1 (highest) darkest; readable as text in every cell, so colour is never alone. */
const HEAT = ['#08306b', '#2171b5', '#6baed6', '#c6dbef', '#eff3ff'];

export function SecretariatDashboard({
  rows,
  cycle,
  area,
  economy,
  developing,
  indicator,
  onIndicator,
}: {
  rows: readonly ResponseRow[];
  cycle: number;
  area: string;
  economy: string;
  /** Only institutes of economies the reference list counts as developing. */
  developing: boolean;
  indicator: string;
  onIndicator: (key: string) => void;
}) {
  const { t } = useTranslation();
  const institutes = useInstitutes();
  const plans = useCmcPlanRows();
  const stories = useCaseStudyRows('org');
  const filter = [
    economy,
    area ? areaOptions.find((a) => a.code === area)?.name : '',
    developing ? t('dashboard.developingOnly') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const subtitle = `${filter ? `${filter} · ` : ''}${madeAt()}`;

  const orgs = useMemo(() => {
    const all = new Set([...institutes.list.map((i) => i.org), ...rows.map((r) => r.org)]);
    return [...all]
      .filter((org) => !economy || institutes.get(org).economy === economy)
      .filter(
        (org) => !developing || developingByIso.get(institutes.get(org).iso2 ?? '')?.developing === true,
      )
      .sort((a, b) => institutes.get(a).name.localeCompare(institutes.get(b).name));
  }, [institutes, rows, economy, developing]);
  const name = (org: string) => institutes.get(org).name;
  const inScope = useMemo(() => rows.filter((r) => orgs.includes(r.org)), [rows, orgs]);
  const areas = area ? areaOptions.filter((a) => a.code === area) : areaOptions;

  // Needs heatmap.
  const heat = needsHeatmap(inScope, DEC_TEMPLATE, cycle);
  const responseOf = (org: string) =>
    inScope.find((r) => r.org === org && r.templateId === DEC_TEMPLATE && r.cycle === cycle);
  const heatTable: TableExport = {
    title: t('dashboard.heatmapTitle', { cycle }),
    subtitle: `${t('dashboard.heatmapExplain')} ${subtitle}`,
    columns: [t('dashboard.col.institute'), ...areas.map((a) => a.code)],
    rows: orgs.map((org) => [name(org), ...areas.map((a) => heat.get(org)?.get(a.code)?.priority ?? null)]),
  };

  // Completion.
  const completion = completionByInstitute(inScope, orgs, DEC_TEMPLATE, cycle);
  const notStarted = completion.filter((c) => c.status === 'not started');
  const completionTable: TableExport = {
    title: t('dashboard.completionAllTitle', { cycle }),
    subtitle,
    columns: [
      t('dashboard.col.institute'),
      t('dashboard.col.status'),
      t('dashboard.col.answered'),
      t('dashboard.col.total'),
      t('dashboard.col.toFix'),
      t('dashboard.col.share'),
    ],
    rows: completion.map((c) => [
      name(c.org),
      c.status === 'not started' ? t('dashboard.notStarted') : t(`questionnaires.statusValue.${c.status}`),
      c.answered,
      c.total,
      c.toFix,
      Math.round(c.share * 100),
    ]),
  };
  const completionChart: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)} %` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: completion.map((c) => name(c.org)), inverse: true },
    series: [
      {
        name: t('dashboard.col.share'),
        type: 'bar',
        data: completion.map((c) => Math.round(c.share * 100)),
        label: { show: true, position: 'right', formatter: '{c} %' },
      },
    ],
  };

  // Indicator trends.
  const trends = indicatorTrends(inScope, DEC_TEMPLATE);
  const chosen = trends.find((tr) => tr.key === indicator) ?? trends[0];
  const trendTable: TableExport = {
    title: t('dashboard.trendsTitle', { indicator: chosen?.label ?? '' }),
    subtitle,
    columns: [t('dashboard.col.institute'), ...(chosen?.points.map((p) => String(p.cycle)) ?? [])],
    rows: [
      ...orgs.map((org) => [name(org), ...(chosen?.points.map((p) => p.byOrg[org] ?? null) ?? [])]),
      [t('dashboard.total'), ...(chosen?.points.map((p) => p.total) ?? [])],
    ],
  };
  const trendChart: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: chosen?.points.map((p) => String(p.cycle)) ?? [] },
    yAxis: [
      { type: 'value', name: t('dashboard.total') },
      { type: 'value', name: t('dashboard.reporting'), minInterval: 1 },
    ],
    series: [
      {
        name: t('dashboard.total'),
        type: 'line',
        data: chosen?.points.map((p) => p.total) ?? [],
        label: { show: true },
      },
      {
        name: t('dashboard.reporting'),
        type: 'bar',
        yAxisIndex: 1,
        data: chosen?.points.map((p) => p.reported) ?? [],
        barMaxWidth: 24,
      },
    ],
  };

  return (
    <div className="panels">
      <Panel id="heatmap" table={heatTable}>
        {/* The coloured table is this panel's chart; "Show the table" gives the plain one. */}
        <div className="heatmap-scroll">
          <ScrollBox>
            <table className="heatmap" aria-describedby="heatmap-legend">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.col.institute')}</th>
                  {areas.map((a) => (
                    <th key={a.code} scope="col" title={a.name}>
                      {a.code}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {orgs.map((org) => {
                  const response = responseOf(org);
                  return (
                    <tr key={org}>
                      <th scope="row">{name(org)}</th>
                      {areas.map((a) => {
                        const cell = heat.get(org)?.get(a.code);
                        const priority = cell?.priority ?? null;
                        const text = cell ? (priority !== null ? String(priority) : '•') : '';
                        const label = cell
                          ? t('dashboard.heatCell', {
                              name: name(org),
                              area: a.name,
                              priority: priority ?? '–',
                              count: cell.count,
                            })
                          : '';
                        return (
                          <td
                            key={a.code}
                            className={
                              priority !== null ? `heat heat-${priority}` : cell ? 'heat heat-none' : 'heat'
                            }
                            style={
                              priority !== null ? { background: HEAT[Math.min(4, priority - 1)] } : undefined
                            }
                          >
                            {cell && response ? (
                              <Link
                                to={`/questionnaires/${encodeURIComponent(response.id)}?section=needs`}
                                aria-label={label}
                              >
                                {text}
                              </Link>
                            ) : (
                              text
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
          <p id="heatmap-legend" className="hint">
            {t('dashboard.heatmapLegend')}
          </p>
        </div>
      </Panel>
      <Panel
        id="completion-all"
        table={completionTable}
        note={
          notStarted.length > 0 ? (
            <p>
              {t('dashboard.notStartedList', {
                count: notStarted.length,
                names: notStarted.map((c) => name(c.org)).join(', '),
              })}
            </p>
          ) : (
            <p>{t('dashboard.allStarted')}</p>
          )
        }
      >
        <Chart
          option={completionChart}
          label={t('dashboard.completionChart', { cycle })}
          height={Math.max(200, completion.length * 22 + 40)}
        />
      </Panel>
      <SecretariatCmcPanels
        plans={plans ?? []}
        orgs={orgs}
        institutes={institutes}
        area={area}
        subtitle={subtitle}
      />
      <Panel
        id="trends"
        table={trendTable}
        note={
          <div className="field">
            <label htmlFor="dashboard-indicator">{t('dashboard.indicator')}</label>
            <select
              id="dashboard-indicator"
              value={chosen?.key ?? ''}
              onChange={(e) => onIndicator(e.target.value)}
            >
              {INDICATORS.map((i) => (
                <option key={i.key} value={i.key}>
                  {i.label}
                </option>
              ))}
            </select>
          </div>
        }
      >
        <Chart option={trendChart} label={t('dashboard.trendsChart', { indicator: chosen?.label ?? '' })} />
      </Panel>
      <CaseStudiesPanel
        rows={(stories ?? []).filter((s) => orgs.includes(s.org))}
        scope={filter || t('dashboard.all')}
      />
    </div>
  );
}
