/**
 * The dashboards' CMC panels: the director's plans by stage with overdue and upcoming
 * milestones; across institutes, plans by stage per area, the institutes without a
 * published CMC with their nearest plan, and the closest providers for the most urgent needs.
 */
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { needsOf } from '@shared/cmc/institutes';
import { matchNeeds, publishedCount } from '@shared/cmc/matching';
import { rightFirstTime, rightFirstTimeByInstitute, type RightFirstTime } from '@shared/cmc/review';
import { milestoneLabel } from '@shared/cmc/milestones';
import { dueMilestones, pipeline, STAGES } from '@shared/cmc/stage';
import {
  publishedEvidence,
  stageCountsByArea,
  withoutPublishedCmc,
  type PublishedEvidence,
} from '@shared/dashboard/aggregates';
import type { TableExport } from '@shared/excel/table-sheet';
import { useMatchFactsRows, useProviderSummaryRows } from '../../data/cmc-hooks';
import type { CmcPlanRow } from '../../data/cmc-rows';
import { useStageText } from '../cmc-plans/parts';
import { useMatchingData } from '../cmc-plans/use-matching';
import type { InstituteDirectory } from '../institutes/directory-view';
import { Chart, type ChartOption } from './Chart';
import { areaName, madeAt } from './dashboard-data';
import { Panel } from './Panel';
import { fmt } from '../../app/format';

export function DirectorCmcPanel({ plans, name }: { plans: readonly CmcPlanRow[]; name: string }) {
  const { t } = useTranslation();
  const stageText = useStageText();
  const now = new Date();
  const counts = pipeline(plans);
  const due = plans.flatMap((plan) => dueMilestones(plan, now).map((d) => ({ plan, ...d })));
  const table: TableExport = {
    title: t('dashboard.cmcTitle'),
    subtitle: `${name} · ${madeAt()}`,
    columns: [
      t('dashboard.col.area'),
      t('dashboard.col.service'),
      t('dashboard.col.stage'),
      t('dashboard.col.nextDue'),
    ],
    rows: plans.map((p) => [
      areaName(p.area),
      p.service || p.quantity || p.branch,
      stageText(p.stage),
      p.nextDue || null,
    ]),
  };
  const chart: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: counts.map((c) => stageText(c.stage)) },
    series: [
      {
        name: t('dashboard.col.plans'),
        type: 'bar',
        data: counts.map((c) => c.count),
        label: { show: true, position: 'right' },
      },
    ],
  };
  const rft = rightFirstTime(plans.map(reviewFacts));
  return (
    <>
      <Panel
        id="cmc"
        table={table}
        note={
          plans.length === 0 ? (
            <p>
              {t('dashboard.noPlans')} <Link to="/cmc-plans/new">{t('dashboard.planOne')}</Link>
            </p>
          ) : due.length > 0 ? (
            <ul className="due" data-testid="due-milestones">
              {due.map((d) => (
                <li key={`${d.plan.id}-${d.key}`} className={d.overdue ? 'overdue' : 'soon'}>
                  <strong>{d.overdue ? t('dashboard.overdue') : t('dashboard.dueSoon')}</strong>{' '}
                  <Link to={`/cmc-plans/${encodeURIComponent(d.plan.id)}`}>
                    {d.plan.service || d.plan.branch}
                  </Link>
                  : {milestoneLabel(d.key)} ({fmt.date(d.planned)})
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('dashboard.nothingDue')}</p>
          )
        }
      >
        {plans.length > 0 ? <Chart option={chart} label={t('dashboard.cmcChart')} height={280} /> : null}
      </Panel>
      <Panel
        id="right-first-time"
        table={{
          title: t('dashboard.rftTitle'),
          subtitle: `${name} · ${madeAt()}`,
          columns: [t('dashboard.col.service'), t('dashboard.col.rounds'), t('dashboard.col.returned')],
          rows: plans
            .filter((p) => p.stage === 'complete')
            .map((p) => [p.service || p.quantity || p.branch, p.rounds, p.returnedRounds]),
        }}
        note={<p data-testid="rft-figure">{figureText(t, rft)}</p>}
      />
    </>
  );
}

/** What the right-first-time figure reads of a plan row. */
function reviewFacts(p: CmcPlanRow) {
  return { org: p.org, published: p.stage === 'complete', returnedRounds: p.returnedRounds };
}

/** "Right first time: 2 of 3 published CMCs (67 %)", or that none is published yet. */
function figureText(t: TFunction, figure: RightFirstTime): string {
  if (figure.share === null) return t('dashboard.rftNone');
  return t('dashboard.rftFigure', {
    firstTime: figure.firstTime,
    published: figure.published,
    percent: Math.round(figure.share * 100),
  });
}

/**
 * What each source says of the institutes' published CMCs: their plans, the latest
 * assessment on this computer (published CMCs per area), and the provider summaries in the
 * library. Within an area chosen, only that area's figures.
 */
function usePublishedEvidence(
  plans: readonly CmcPlanRow[],
  orgs: readonly string[],
  area: string,
): PublishedEvidence[] {
  const facts = useMatchFactsRows();
  const summaries = useProviderSummaryRows();
  return useMemo(() => {
    const inArea = (a: string) => !area || a === area;
    const assessments = (facts ?? []).map((row) => ({
      org: row.org,
      cycle: row.cycle,
      published: row.capabilities.filter((c) => inArea(c.area)).reduce((n, c) => n + publishedCount(c), 0),
    }));
    // Several responses of one cycle (drafts and submitted) count once: the highest figure.
    const latest = new Map<string, { org: string; cycle: number; published: number }>();
    for (const a of assessments) {
      const known = latest.get(a.org);
      if (!known || a.cycle > known.cycle || (a.cycle === known.cycle && a.published > known.published))
        latest.set(a.org, a);
    }
    const shared = (summaries ?? []).map((s) => ({
      org: s.org,
      published: s.capabilities.filter((c) => inArea(c.area)).reduce((n, c) => n + publishedCount(c), 0),
    }));
    return publishedEvidence(
      plans.filter((p) => inArea(p.area)),
      orgs,
      [...latest.values()],
      shared,
    );
  }, [facts, summaries, plans, orgs, area]);
}

export function SecretariatCmcPanels({
  plans,
  orgs,
  institutes,
  area,
  subtitle,
}: {
  plans: readonly CmcPlanRow[];
  orgs: readonly string[];
  institutes: InstituteDirectory;
  area: string;
  subtitle: string;
}) {
  const { t } = useTranslation();
  const stageText = useStageText();
  const name = (org: string) => institutes.get(org).name;
  const inScope = plans.filter((p) => orgs.includes(p.org) && (!area || p.area === area));
  const byArea = stageCountsByArea(inScope);
  const progress: TableExport = {
    title: t('dashboard.cmcProgressTitle'),
    subtitle,
    columns: [t('dashboard.col.area'), ...STAGES.map((s) => stageText(s))],
    rows: byArea.map((a) => [areaName(a.area), ...STAGES.map((s) => a.counts[s])]),
  };
  const progressChart: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: byArea.map((a) => a.area) },
    yAxis: { type: 'value', minInterval: 1 },
    series: STAGES.map((s) => ({
      name: stageText(s),
      type: 'bar',
      stack: 'plans',
      data: byArea.map((a) => a.counts[s]),
    })),
  };
  const evidence = usePublishedEvidence(plans, orgs, area);
  const without = withoutPublishedCmc(
    plans.filter((p) => !area || p.area === area),
    orgs,
    evidence,
  );
  const sourceText = (e: PublishedEvidence) =>
    t(`dashboard.source.${e.source === 'provider summary' ? 'summary' : e.source}`, {
      count: e.count,
      note: e.note ?? '',
    });
  const withoutTable: TableExport = {
    title: t('dashboard.withoutCmcTitle'),
    subtitle: `${t('dashboard.withoutCmcSources')} ${subtitle}`,
    columns: [
      t('dashboard.col.institute'),
      t('dashboard.col.plans'),
      t('dashboard.col.nearest'),
      t('dashboard.col.stage'),
      t('dashboard.col.sources'),
    ],
    rows: without.map((w) => [
      name(w.org),
      w.plans,
      w.nearest ? `${areaName(w.nearest.area)}: ${w.nearest.service || w.nearest.branch}` : null,
      w.nearest ? stageText(w.nearest.stage) : null,
      w.sources.map(sourceText).join('; '),
    ]),
  };
  const byInstitute = rightFirstTimeByInstitute(inScope.map(reviewFacts));
  const overall = rightFirstTime(inScope.map(reviewFacts));
  const rftTable: TableExport = {
    title: t('dashboard.rftTitle'),
    subtitle: `${figureText(t, overall)} · ${subtitle}`,
    columns: [
      t('dashboard.col.institute'),
      t('dashboard.col.published'),
      t('dashboard.col.firstTime'),
      t('dashboard.col.rftShare'),
    ],
    rows: byInstitute.map(({ org, figure }) => [
      name(org),
      figure.published,
      figure.firstTime,
      figure.share === null ? null : Math.round(figure.share * 100),
    ]),
  };
  return (
    <>
      <Panel id="cmc-progress" table={progress}>
        <Chart option={progressChart} label={t('dashboard.cmcProgressChart')} />
      </Panel>
      <Panel id="without-cmc" table={withoutTable} />
      <Panel
        id="right-first-time"
        table={rftTable}
        note={<p data-testid="rft-figure">{figureText(t, overall)}</p>}
      />
      <MatchingPanel orgs={orgs} institutes={institutes} area={area} subtitle={subtitle} />
    </>
  );
}

/**
 * Needs with their closest providers: every need of the area chosen, or across all areas
 * the most urgent (priority 1–2, and plan milestones asking for support).
 */
function MatchingPanel({
  orgs,
  institutes,
  area,
  subtitle,
}: {
  orgs: readonly string[];
  institutes: InstituteDirectory;
  area: string;
  subtitle: string;
}) {
  const { t } = useTranslation();
  const data = useMatchingData();
  const matches = useMemo(() => {
    const needs = needsOf([...data.institutes.values()].filter((f) => orgs.includes(f.org))).filter(
      // Every need of the area chosen; across all areas, the most urgent ones.
      (n) => (area ? n.area === area : n.source === 'plan' || (n.priority ?? 5) <= 2),
    );
    return matchNeeds(needs, data.capabilities, 3);
  }, [data, orgs, area]);
  const table: TableExport = {
    title: t('dashboard.matchingTitle'),
    subtitle: `${area ? t('dashboard.matchingArea') : t('dashboard.matchingExplain')} ${subtitle}`,
    columns: [
      t('dashboard.col.institute'),
      t('dashboard.col.area'),
      t('dashboard.col.need'),
      t('dashboard.col.priority'),
      t('dashboard.col.providers'),
    ],
    rows: matches.map((m) => [
      institutes.get(m.need.org).name,
      areaName(m.need.area),
      t(`dashboard.needType.${m.need.type}`),
      m.need.priority ?? null,
      m.providers.map((p) => institutes.get(p.org).name).join('; ') || null,
    ]),
  };
  return (
    <Panel
      id="matching"
      table={table}
      note={
        <p>
          <Link to="/cmc-plans/matching">{t('dashboard.openMatching')}</Link>
        </p>
      }
    />
  );
}
