/**
 * An event's results from the responses on this computer (shared/events/results.ts): the
 * response rate, each rating's distribution (chart and table) and mean, the comments, the
 * implementation plans with their follow-up three months on, and one workbook of all of it.
 * Shown to the organiser (its kiosk's responses) and the secretariat (every institute's); a
 * participating institute sees only its own feedback, not a partial result.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { PLAN_FOLLOWUP_TEMPLATE } from '@shared/events/kinds';
import { eventResults, planFollowups, type FeedbackFacts } from '@shared/events/results';
import { resultTables } from '@shared/events/results-tables';
import { tableFileName } from '@shared/excel/table-sheet';
import type { EventRow, FeedbackRow } from '../../data/events-projector';
import { Chart, type ChartOption } from '../dashboard/Chart';
import { Panel } from '../dashboard/Panel';
import { saveWorkbook } from '../returns/workbook-file';
import { localToday, useEvents, useEventTemplate } from './use-events';

export function EventResults({
  event,
  rows,
  onFollowup,
}: {
  event: EventRow;
  rows: readonly FeedbackRow[];
  onFollowup: (participant: string, plan: string) => void;
}) {
  const { t } = useTranslation('events');
  const data = useEvents();
  const template = useEventTemplate(event.feedbackTemplateId, event.feedbackTemplateVersion);
  const [message, setMessage] = useState<string>();
  const today = localToday();
  const computed = useMemo(() => {
    if (template.kind !== 'ready') return undefined;
    const facts: FeedbackFacts[] = rows.map((r) => ({ ...r }));
    const results = eventResults(template.template, facts, event.attendance);
    const followups = planFollowups(
      event,
      results.plans,
      facts.filter((f) => f.templateId === PLAN_FOLLOWUP_TEMPLATE),
      today,
    );
    const short = (org: string) => {
      const info = data.institutes.get(org);
      return info.acronym || info.name;
    };
    const tables = resultTables(event, results, followups, short, today);
    return { results, followups, tables };
  }, [template, rows, event, today, data.institutes]);
  if (event.org !== data.author.org && !data.isSecretariat) return null;
  if (template.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (template.kind === 'error') return <p role="alert">{template.message}</p>;
  if (!computed) return null;
  const { results, followups, tables } = computed;
  if (results.submitted + results.unfinished === 0)
    return (
      <section aria-labelledby="results-title" className="results">
        <h2 id="results-title">{t('results.title')}</h2>
        <p>{t('results.none')}</p>
      </section>
    );
  const exportAll = async () => {
    setMessage(undefined);
    try {
      const { exportTables } = await import('@shared/excel/table-sheet');
      const path = await saveWorkbook(tableFileName(`results ${event.title}`), await exportTables(tables));
      if (path) setMessage(t('results.exported', { path }));
    } catch (error) {
      setMessage(t('results.failed', { message: toErrorData(error).message }));
    }
  };
  const [rate, ratings, comments, plans] = tables;
  const chart: ChartOption | undefined =
    results.ratings.length > 0 && results.submitted > 0
      ? {
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0 },
          grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: results.ratings.map((r) => r.label) },
          series: (results.ratings[0]?.choices ?? []).map((choice, i) => ({
            name: choice.label,
            type: 'bar',
            stack: 'answers',
            data: results.ratings.map((r) => r.choices[i]?.count ?? 0),
          })),
        }
      : undefined;
  const own = followups.filter((f) => f.org === data.author.org && f.state !== 'sent');
  return (
    <section aria-labelledby="results-title" className="results">
      <div className="panel-head">
        <h2 id="results-title">{t('results.title')}</h2>
        <button type="button" onClick={() => void exportAll()}>
          {t('results.export')}
        </button>
      </div>
      <p className="hint">
        {data.isSecretariat ? t('results.introSecretariat') : t('results.introOrganiser')}
      </p>
      {message ? (
        <p role="status" className="hint">
          {message}
        </p>
      ) : null}
      <p className="summary" data-testid="results-summary">
        {t('results.summary', {
          sent: results.submitted,
          attended: results.attendance ?? t('notKnown'),
          rate: results.rate === undefined ? t('notKnown') : `${Math.round(results.rate * 100)} %`,
        })}
        {results.unfinished > 0 ? ` ${t('results.unfinished', { count: results.unfinished })}` : ''}
      </p>
      {rate ? <Panel id="results-rate" table={rate} /> : null}
      {ratings ? (
        <Panel id="results-ratings" table={ratings}>
          {chart ? (
            <Chart
              option={chart}
              label={ratings.title}
              height={Math.max(180, results.ratings.length * 48 + 60)}
            />
          ) : undefined}
        </Panel>
      ) : null}
      {comments ? <Panel id="results-comments" table={comments} /> : null}
      {plans ? (
        <Panel id="results-plans" table={plans} note={<p className="hint">{t('results.plansIntro')}</p>} />
      ) : null}
      {own.length > 0 ? (
        <ul className="plain-list followups">
          {own.map((f) => (
            <li key={f.responseId}>
              <button type="button" className="secondary" onClick={() => onFollowup(f.participant, f.plan)}>
                {t('results.recordFollowup', { who: f.name || t('results.anonymous') })}
              </button>{' '}
              <span className="hint">“{f.plan.length > 80 ? `${f.plan.slice(0, 77)}…` : f.plan}”</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
