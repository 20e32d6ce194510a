/**
 * The milestones of every plan on a time axis with today's line. Overdue milestones and
 * those due in the next 30 days are listed first in words, and on the chart each mark
 * carries its state in its shape and in text (read by screen readers), never in colour alone.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MILESTONES, milestoneLabel, type MilestoneKey } from '@shared/cmc/milestones';
import { isIsoDate } from '@shared/forms/rules';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import type { CmcPlanRow } from '../../data/cmc-rows';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import {
  CmcNav,
  daysFrom,
  DueTag,
  dueKind,
  InstituteFilter,
  localToday,
  useInstituteFilter,
  type DueKind,
} from './parts';
import { fmt } from '../../app/format';

interface Mark {
  key: MilestoneKey;
  n: number;
  date: string;
  state: 'done' | DueKind;
  days: number;
}

function marksOf(row: CmcPlanRow, today: string): { marks: Mark[]; undated: number } {
  const marks: Mark[] = [];
  let undated = 0;
  MILESTONES.forEach(({ key }, i) => {
    const m = row.milestones[key];
    if (m.status === 'not_needed') return;
    if (m.status === 'done') {
      const date = isIsoDate(m.actual) ? m.actual : isIsoDate(m.planned) ? m.planned : '';
      if (date) marks.push({ key, n: i + 1, date, state: 'done', days: daysFrom(today, date) });
      else undated++;
      return;
    }
    if (!isIsoDate(m.planned)) {
      undated++;
      return;
    }
    const days = daysFrom(today, m.planned);
    marks.push({ key, n: i + 1, date: m.planned, state: dueKind(days), days });
  });
  return { marks, undated };
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Marks along the axis: the first of each month (every third month on a long axis), the year on January. */
function axisTicks(startDay: number, endDay: number): { iso: string; label: string; year: boolean }[] {
  const from = new Date(startDay * DAY);
  const months = (endDay - startDay) / 30;
  const step = months > 36 ? 12 : months > 12 ? 3 : 1;
  const ticks = [];
  for (
    let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    d.getTime() / DAY < endDay;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1))
  ) {
    if (step === 12 && d.getUTCMonth() !== 0) d = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
    if (d.getTime() / DAY >= endDay) break;
    const january = d.getUTCMonth() === 0;
    const iso = d.toISOString().slice(0, 10);
    ticks.push({
      iso,
      label: fmt.month(iso, january || ticks.length === 0),
      year: january,
    });
  }
  return ticks;
}

export function TimelinePage() {
  const { t } = useTranslation('cmcPlans');
  const allRows = useCmcPlanRows();
  const institutes = useInstitutes();
  const orgs = useMemo(() => [...new Set((allRows ?? []).map((r) => r.org))], [allRows]);
  const filter = useInstituteFilter(orgs);
  const today = localToday();
  const plans = useMemo(() => {
    const rows = (filter.shown ? allRows?.filter((r) => r.org === filter.shown) : allRows) ?? [];
    return rows
      .map((row) => ({ row, ...marksOf(row, today) }))
      .sort(
        (a, b) =>
          (a.row.nextDue || '9999').localeCompare(b.row.nextDue || '9999') ||
          a.row.service.localeCompare(b.row.service),
      );
  }, [allRows, filter.shown, today]);
  const attention = plans.flatMap(({ row, marks }) =>
    marks.filter((m) => m.state === 'overdue' || m.state === 'soon').map((mark) => ({ row, mark })),
  );
  const overdue = attention
    .filter((a) => a.mark.state === 'overdue')
    .sort((a, b) => a.mark.days - b.mark.days);
  const soon = attention.filter((a) => a.mark.state === 'soon').sort((a, b) => a.mark.days - b.mark.days);

  // The axis: from the earliest mark (or a month before today) to the latest (or a month after).
  const dated = plans.flatMap((p) => p.marks.map((m) => dayOf(m.date)));
  const start = Math.min(dayOf(today) - 30, ...dated);
  const end = Math.max(dayOf(today) + 30, ...dated) + 1;
  const at = (iso: string) => `${(((dayOf(iso) - start) / (end - start)) * 100).toFixed(2)}%`;
  const ticks = axisTicks(start, end);
  const name = (row: CmcPlanRow) =>
    `${row.service.trim() || t('list.unnamed')}${filter.several && !filter.shown ? ` — ${instituteLabel(institutes.get(row.org))}` : ''}`;

  const item = ({ row, mark }: { row: CmcPlanRow; mark: Mark }) => (
    <li key={`${row.id}:${mark.key}`}>
      <Link to={`/cmc-plans/${encodeURIComponent(row.id)}`}>{name(row)}</Link>: {milestoneLabel(mark.key)},{' '}
      <time dateTime={mark.date}>{fmt.date(mark.date)}</time> <DueTag days={mark.days} />
    </li>
  );

  if (allRows === undefined) return <p role="status">{t('loading')}</p>;
  return (
    <section aria-labelledby="timeline-title" className="cmc-plans timeline-page">
      <h1 id="timeline-title">{t('timeline.title')}</h1>
      <CmcNav />
      {filter.several ? (
        <InstituteFilter orgs={orgs} institutes={institutes} shown={filter.shown} onChange={filter.set} />
      ) : null}
      <section aria-labelledby="attention-title" className="attention" data-testid="timeline-attention">
        <h2 id="attention-title">{t('timeline.attentionTitle')}</h2>
        {attention.length === 0 ? <p>{t('timeline.nothingDue')}</p> : null}
        {overdue.length > 0 ? (
          <>
            <h3>{t('timeline.overdueTitle')}</h3>
            <ul data-testid="timeline-overdue">{overdue.map(item)}</ul>
          </>
        ) : null}
        {soon.length > 0 ? (
          <>
            <h3>{t('timeline.soonTitle')}</h3>
            <ul data-testid="timeline-soon">{soon.map(item)}</ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{t('timeline.chartTitle')}</h2>
        <p className="hint">{t('timeline.chartIntro')}</p>
        <ul className="timeline-legend" aria-hidden="true">
          <li>
            <span className="mark done">✓</span> {t('timeline.legendDone')}
          </li>
          <li>
            <span className="mark later">1</span> {t('timeline.legendPlanned')}
          </li>
          <li>
            <span className="mark soon">1</span> {t('timeline.legendSoon')}
          </li>
          <li>
            <span className="mark overdue">
              <span>!</span>
            </span>{' '}
            {t('timeline.legendOverdue')}
          </li>
        </ul>
        {dated.length === 0 ? (
          <p>{t('timeline.empty')}</p>
        ) : (
          <div className="timeline" data-testid="timeline">
            <div className="timeline-axis" aria-hidden="true">
              {ticks.map((tick) => (
                <span
                  key={tick.iso}
                  className={tick.year ? 'tick year' : 'tick'}
                  style={{ left: at(tick.iso) }}
                >
                  {tick.label}
                </span>
              ))}
            </div>
            <div className="timeline-rows">
              {/* Over the tracks only (not the labels' column), so that today's x is on the same scale as the marks. */}
              <div className="timeline-overlay">
                <div className="today-line" style={{ left: at(today) }} data-testid="today-line">
                  <span>{t('timeline.today', { date: fmt.date(today) })}</span>
                </div>
              </div>
              {plans.map(({ row, marks, undated }) => (
                <div className="timeline-row" key={row.id} data-testid="timeline-row">
                  <div className="timeline-label">
                    <Link to={`/cmc-plans/${encodeURIComponent(row.id)}`}>{name(row)}</Link>
                    {undated > 0 ? (
                      <span className="hint"> · {t('timeline.undated', { count: undated })}</span>
                    ) : null}
                  </div>
                  <ol className="timeline-track" aria-label={name(row)}>
                    {marks.map((mark) => (
                      <li
                        key={mark.key}
                        className={`mark ${mark.state}`}
                        style={{ left: at(mark.date) }}
                        title={`${mark.n}. ${milestoneLabel(mark.key)} — ${fmt.date(mark.date)}`}
                      >
                        <span aria-hidden="true">
                          {mark.state === 'done' ? '✓' : mark.state === 'overdue' ? '!' : mark.n}
                        </span>
                        <span className="visually-hidden">
                          {t('timeline.marker', {
                            n: mark.n,
                            milestone: milestoneLabel(mark.key),
                            state: t(
                              mark.state === 'done'
                                ? 'timeline.markerDone'
                                : mark.state === 'overdue'
                                  ? 'timeline.markerOverdue'
                                  : mark.state === 'soon'
                                    ? 'timeline.markerSoon'
                                    : 'timeline.markerPlanned',
                            ),
                            date: fmt.date(mark.date),
                          })}
                        </span>
                      </li>
                    ))}
                  </ol>
                </div>
              ))}
            </div>
          </div>
        )}
      </section>
    </section>
  );
}
