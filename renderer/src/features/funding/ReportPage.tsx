/**
 * The annual report for the DEC meeting and the General Assembly: every part of
 * shared/funding/report.ts as a panel (table, its own export), the first parts with a chart,
 * one workbook with a sheet per part, and a printable page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { exchangeViews } from '@shared/den2den/exchange';
import { eventResults } from '@shared/events/results';
import { findShippedTemplate } from '@shared/forms/shipped';
import { annualReport, type EventFacts } from '@shared/funding/report';
import { useEventRows, useExchangeRows, useFeedbackRows } from '../../data/events-hooks';
import { preferOwn } from '../../data/events-projector';
import { Chart, type ChartOption } from '../dashboard/Chart';
import { Panel } from '../dashboard/Panel';
import { saveWorkbook } from '../returns/workbook-file';
import { localToday, useFunding } from './use-funding';

function barChart(labels: readonly string[], values: readonly number[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [{ name, type: 'bar', data: values, label: { show: true, position: 'right' } }],
  };
}

export function ReportPage() {
  const { t } = useTranslation('funding');
  const data = useFunding();
  const today = localToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [message, setMessage] = useState<string>();
  const eventRows = useEventRows();
  const feedback = useFeedbackRows();
  const exchangeRows = useExchangeRows();
  // Events with their feedback counted (and the first rating's mean, the overall one in the
  // shipped form), and exchanges as both parts make them: what the M&E of activities counts.
  const events = useMemo<EventFacts[]>(
    () =>
      preferOwn(eventRows ?? []).map((e) => {
        const answers = (feedback ?? []).filter((f) => f.event === e.id);
        const template = findShippedTemplate(e.feedbackTemplateId, e.feedbackTemplateVersion);
        const results = template ? eventResults(template, answers, e.attendance) : undefined;
        const mean = results?.ratings[0]?.mean;
        return {
          ...e,
          responses:
            results?.submitted ??
            answers.filter((f) => f.templateId === e.feedbackTemplateId && f.status === 'submitted').length,
          ...(mean !== undefined ? { meanRating: mean } : {}),
        };
      }),
    [eventRows, feedback],
  );
  const exchanges = useMemo(() => exchangeViews(exchangeRows ?? []), [exchangeRows]);
  const tables = useMemo(
    () =>
      annualReport({
        year,
        today,
        funders: data.funders,
        activities: data.activities,
        followups: data.followups,
        entries: data.supports,
        needs: data.needs,
        name: (org) => data.institutes.get(org).name,
        economy: (org) => data.institutes.get(org).economy,
        events,
        exchanges,
      }),
    [
      year,
      today,
      data.funders,
      data.activities,
      data.followups,
      data.supports,
      data.needs,
      data.institutes,
      events,
      exchanges,
    ],
  );
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const exportAll = async () => {
    setMessage(undefined);
    try {
      const { exportTables } = await import('@shared/excel/table-sheet');
      const path = await saveWorkbook(`dec-annual-report-${year}.xlsx`, await exportTables(tables));
      if (path) setMessage(t('report.exported', { path }));
    } catch (error) {
      setMessage(t('report.failed', { message: toErrorData(error).message }));
    }
  };
  const years = [
    ...new Set([
      Number(today.slice(0, 4)),
      ...data.activities.map((a) => Number(a.start.slice(0, 4))),
      ...events.map((e) => Number(e.start.slice(0, 4))),
    ]),
  ]
    .filter((y) => Number.isInteger(y) && y > 1990)
    .sort((a, b) => b - a);
  const chartOf = (index: number, value: number, label: number) => {
    const table = tables[index];
    if (!table || table.rows.length === 0) return null;
    return (
      <Chart
        option={barChart(
          table.rows.map((r) => String(r[label] ?? '')),
          table.rows.map((r) => Number(r[value] ?? 0)),
          table.columns[value] ?? '',
        )}
        label={table.title}
        height={Math.max(160, table.rows.length * 32)}
      />
    );
  };
  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">
        {t('report.title')} {year}
      </h2>
      <p className="hint no-print">{t('report.intro')}</p>
      <div className="actions no-print">
        <label htmlFor="report-year">{t('report.year')}</label>{' '}
        <select id="report-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => void exportAll()}>
          {t('report.export')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        {message ? (
          <p role="status" className="hint">
            {message}
          </p>
        ) : null}
      </div>
      {tables.map((table, i) => (
        <Panel key={table.title} id={`report-${i}`} table={table}>
          {i === 1 ? chartOf(1, 7, 1) : i === 3 ? chartOf(3, 1, 0) : i === 4 ? chartOf(4, 1, 0) : undefined}
        </Panel>
      ))}
    </section>
  );
}
