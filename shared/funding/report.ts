/**
 * The annual report for the DEC meeting and the General Assembly (DEC plan LA3-WP3, "report
 * regularly on performance against key indicators"): the year's activities, their results
 * against targets, the follow-ups, the support flows by funder and by economy, the needs with
 * no support and the possible duplications; and, counted with the activities they serve, the
 * year's events with their participants' feedback and the DEN2DEN exchanges completed. Each part is one table, which the printable report
 * shows (with its chart) and the workbook holds as a sheet, so that they cannot disagree.
 */
import { leverageLabel } from '../case-studies/leverage';
import { completedInYear, completedOn, type ExchangeView } from '../den2den/exchange';
import { OFFER_KIND_LABELS } from '../den2den/kinds';
import { EVENT_KIND_LABELS, type EventKind } from '../events/kinds';
import type { TableExport } from '../excel/table-sheet';
import { SUPPORT_KIND_LABELS, type SupportKind } from './kinds';
import {
  activitiesOfYear,
  flowsBy,
  followupStatuses,
  funderName,
  indicatorProgress,
  needsWithoutSupport,
  possibleDuplicates,
  progressCells,
  type ActivityFacts,
  type FollowupFacts,
  type FunderFacts,
  type NeedRef,
  type SupportFacts,
} from './views';

export interface ReportInput {
  year: number;
  today: string;
  funders: readonly FunderFacts[];
  activities: readonly (ActivityFacts & { lead: string; budget: number | string | null; currency: string })[];
  followups: readonly FollowupFacts[];
  entries: readonly SupportFacts[];
  needs: readonly NeedRef[];
  /** An institute's name, and its economy. */
  name: (org: string) => string;
  economy: (org: string) => string;
  /** Events with what their feedback gave (shared/events/results.ts), and DEN2DEN exchanges. */
  events?: readonly EventFacts[];
  exchanges?: readonly ExchangeView[];
}

/** An event as the report counts it. */
export interface EventFacts {
  _id: string;
  org: string;
  title: string;
  kind: EventKind;
  start: string;
  end: string;
  status: string;
  activityId: string;
  participants: Readonly<Record<string, unknown>>;
  attendance: number | null;
  /** Feedback sent, and the mean of the overall rating (or of every rating) when any. */
  responses: number;
  meanRating?: number;
}

const amounts = (a: Record<string, number>) =>
  Object.entries(a)
    .map(([currency, n]) => `${n.toLocaleString('en')} ${currency}`)
    .join('; ');

const STATE_WORDS = {
  submitted: 'Sent',
  overdue: 'Overdue',
  due: 'Due within 30 days',
  later: 'Later',
} as const;

const OUTCOME_WORDS = { done: 'Done', partly: 'Partly done', not_done: 'Not done' } as const;

export function annualReport(input: ReportInput): TableExport[] {
  const subtitle = `${input.year} · made ${input.today}`;
  const activities = activitiesOfYear(input.activities, input.year);
  const ids = new Set(activities.map((a) => a._id));
  const followups = input.followups.filter((f) => ids.has(f.activityId));
  const inYear = (e: SupportFacts) =>
    (e.start || e.end || String(input.year)).slice(0, 4) <= String(input.year) &&
    (e.end || e.start || String(input.year)).slice(0, 4) >= String(input.year);
  const entries = input.entries.filter(inYear);
  const events = activitiesOfYear(input.events ?? [], input.year).filter((e) => e.status !== 'cancelled');
  const exchanges = completedInYear(input.exchanges ?? [], input.year);
  return [
    {
      title: `DEC activities ${input.year}`,
      subtitle,
      columns: [
        'Activity',
        'Leverage area',
        'Work package',
        'Lead',
        'Participants',
        'Budget',
        'Funder',
        'Start',
        'End',
        'Events',
      ],
      rows: activities.map((a) => [
        a.title,
        a.leverageArea ? leverageLabel(a.leverageArea) : null,
        a.workPackage || null,
        a.lead || null,
        Object.keys(a.participants).length,
        typeof a.budget === 'number' ? `${a.budget.toLocaleString('en')} ${a.currency}`.trim() : null,
        input.funders.find((f) => f._id === a.funderId)?.name ?? null,
        a.start || null,
        a.end || null,
        events.filter((e) => e.activityId === a._id).length,
      ]),
    },
    {
      title: `Results against targets ${input.year}`,
      subtitle,
      columns: [
        'Activity',
        'Expected result',
        'Indicator',
        'Baseline',
        'Target',
        'Reached',
        'Unit',
        'Of the way (%)',
        'Reached according to',
      ],
      rows: indicatorProgress(activities, followups).map((p) => [p.activity, ...progressCells(p)]),
    },
    {
      title: `Follow-ups ${input.year}`,
      subtitle,
      columns: ['Activity', 'Institute', 'Months', 'Due', 'State'],
      rows: followupStatuses(activities, followups, input.today).map((f) => [
        f.activity,
        input.name(f.org),
        f.months,
        f.due,
        STATE_WORDS[f.state],
      ]),
    },
    {
      title: `Support by funder ${input.year}`,
      subtitle,
      columns: ['Funder', 'Entries', 'Amounts'],
      rows: flowsBy(entries, (e) => funderName(e, input.funders)).map((r) => [
        r.key,
        r.entries,
        amounts(r.amounts),
      ]),
    },
    {
      title: `Support by economy ${input.year}`,
      subtitle,
      columns: ['Economy', 'Entries', 'Amounts'],
      rows: flowsBy(entries, (e) => input.economy(e.org)).map((r) => [r.key, r.entries, amounts(r.amounts)]),
    },
    {
      title: 'Needs with no support',
      subtitle,
      columns: ['Institute', 'Area', 'Need', 'Priority'],
      rows: needsWithoutSupport(input.needs, input.entries).map((n) => [
        input.name(n.org),
        n.area,
        n.type,
        n.priority ?? null,
      ]),
    },
    {
      title: 'Possible duplication of support',
      subtitle,
      columns: ['Institute', 'Need', 'First', 'Second'],
      rows: possibleDuplicates(input.entries).map((d) => [
        input.name(d.org),
        d.what,
        `${funderName(d.entries[0], input.funders)} (${SUPPORT_KIND_LABELS[d.entries[0].kind as SupportKind]}, ${d.entries[0].start}–${d.entries[0].end})`,
        `${funderName(d.entries[1], input.funders)} (${SUPPORT_KIND_LABELS[d.entries[1].kind as SupportKind]}, ${d.entries[1].start}–${d.entries[1].end})`,
      ]),
    },
    {
      title: `Events ${input.year}`,
      subtitle,
      columns: [
        'Event',
        'Kind',
        'Organiser',
        'Start',
        'End',
        'Institutes',
        'Attended',
        'Feedback sent',
        'Response rate (%)',
        'Mean rating',
        'Counts towards',
      ],
      rows: events.map((e) => [
        e.title,
        EVENT_KIND_LABELS[e.kind],
        input.name(e.org),
        e.start || null,
        e.end || null,
        Object.keys(e.participants).length,
        e.attendance,
        e.responses,
        e.attendance ? Math.round((e.responses / e.attendance) * 100) : null,
        e.meanRating ?? null,
        input.activities.find((a) => a._id === e.activityId)?.title ?? null,
      ]),
    },
    {
      title: `DEN2DEN exchanges completed ${input.year}`,
      subtitle,
      columns: [
        'Requester',
        'Provider',
        'Kind',
        'Area',
        'What',
        'Completed',
        'Requester says',
        'Provider says',
      ],
      rows: exchanges.map((x) => [
        input.name(x.requester),
        input.name(x.provider),
        x.request ? OFFER_KIND_LABELS[x.request.kind] : null,
        x.request?.area || null,
        x.request?.title ?? null,
        completedOn(x) ?? null,
        x.requesterOutcome
          ? `${OUTCOME_WORDS[x.requesterOutcome.result]}: ${x.requesterOutcome.summary}`
          : null,
        x.providerOutcome ? `${OUTCOME_WORDS[x.providerOutcome.result]}: ${x.providerOutcome.summary}` : null,
      ]),
    },
  ];
}
