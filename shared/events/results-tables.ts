/**
 * An event's results as tables: what the results screen shows panel by panel and what "Export
 * results" writes, a sheet each (shared/excel/table-sheet.ts), so that they cannot disagree.
 * Comments are listed without names; plans with the name the participant chose to give.
 */
import type { TableExport } from '../excel/table-sheet';
import { EVENT_KIND_LABELS, type EventKind } from './kinds';
import type { EventResults, PlanFollowup } from './results';

export const PLAN_STATE_WORDS = {
  sent: 'Sent',
  started: 'Begun, not sent',
  overdue: 'Overdue',
  due: 'Due within 30 days',
  later: 'Later',
} as const;

export const PLAN_STATUS_WORDS: Readonly<Record<string, string>> = {
  done: 'Done',
  partly: 'Partly done',
  started: 'Started',
  not_started: 'Not started',
  dropped: 'Dropped',
};

export function resultTables(
  event: { title: string; kind: EventKind; start: string; end: string },
  results: EventResults,
  followups: readonly PlanFollowup[],
  /** An institute's name. */
  name: (org: string) => string,
  made: string,
): TableExport[] {
  const subtitle = `${event.title} · ${EVENT_KIND_LABELS[event.kind]} · ${[event.start, event.end].filter(Boolean).join(' – ')} · made ${made}`;
  return [
    {
      title: 'Response rate',
      subtitle,
      columns: ['Attended', 'Feedback sent', 'Begun, not sent', 'Response rate (%)'],
      rows: [
        [
          results.attendance ?? null,
          results.submitted,
          results.unfinished,
          results.rate === undefined ? null : Math.round(results.rate * 100),
        ],
      ],
    },
    {
      title: 'Ratings',
      subtitle,
      columns: ['Question', ...(results.ratings[0]?.choices.map((c) => c.label) ?? []), 'Answers', 'Mean'],
      rows: results.ratings.map((r) => [
        r.label,
        ...r.choices.map((c) => c.count),
        r.answered,
        r.mean ?? null,
      ]),
    },
    {
      title: 'Comments',
      subtitle,
      columns: ['Question', 'Comment'],
      rows: results.comments.flatMap((c) => c.texts.map((text) => [c.label, text])),
    },
    {
      title: 'Implementation plans',
      subtitle,
      columns: [
        'Participant',
        'Institute holding it',
        'Plan',
        'Follow-up due',
        'Follow-up',
        'How far it went',
      ],
      rows: followups.map((f) => [
        f.name || 'Anonymous',
        name(f.org),
        f.plan,
        f.due ?? null,
        PLAN_STATE_WORDS[f.state],
        f.status ? (PLAN_STATUS_WORDS[f.status] ?? f.status) : null,
      ]),
    },
  ];
}
