/**
 * The assessment's "support received" read from the support ledger (issue 21): the entries of
 * an institute for a cycle that the runner shows in place of the old free-text table, the
 * return carries on a read-only sheet and the consolidated return lists. One function decides
 * which entries and one which columns, so the screen and both workbooks cannot disagree.
 *
 * An entry counts for cycle Y when it was received or is under way and its period touches the
 * year Y (a missing start or end leaves that side open); entries migrated from a cycle's answers
 * carry that year as their period. Requested, approved and declined entries are not support
 * received.
 */
import type { SupportDoc } from '../docs/support/schema';
import type { TableExport } from '../excel/table-sheet';
import { isIsoDate } from '../forms/rules';
import { SUPPORT_KIND_LABELS, SUPPORT_STATUS_LABELS, type SupportKind, type SupportStatus } from './kinds';
import { funderName, type FunderFacts, type SupportFacts } from './views';

export type ReceivedFacts = SupportFacts & Pick<SupportDoc, 'results' | 'fromAnswer'>;

const RECEIVED: readonly SupportStatus[] = ['received', 'under_way'];

/** The support an institute received in a cycle, earliest first. */
export function supportOfCycle<T extends ReceivedFacts>(
  entries: readonly T[],
  org: string,
  cycle: number,
): T[] {
  const from = `${cycle}-01-01`;
  const to = `${cycle}-12-31`;
  return entries
    .filter((e) => {
      if (e.org !== org || !RECEIVED.includes(e.status)) return false;
      const start = isIsoDate(e.start) ? e.start : '0000-01-01';
      const end = isIsoDate(e.end) ? e.end : '9999-12-31';
      return start <= to && end >= from;
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a._id.localeCompare(b._id));
}

export const SUPPORT_RECEIVED_COLUMNS = [
  'Funder or programme',
  'Provider institute',
  'Kind of support',
  'Start',
  'End',
  'Status',
  'Amount',
  'Currency',
  'Results',
] as const;

/** The rows of support received, as the return's sheet and the consolidated return write them. */
export function supportReceivedTable(
  entries: readonly ReceivedFacts[],
  funders: readonly FunderFacts[],
  providerName: (org: string) => string,
  title: string,
): TableExport {
  return {
    title,
    subtitle: 'From the support ledger in NMI Workbench; change it there (Funding → Support ledger).',
    columns: SUPPORT_RECEIVED_COLUMNS,
    rows: entries.map((e) => [
      funderName(e, funders),
      e.provider ? providerName(e.provider) : null,
      SUPPORT_KIND_LABELS[e.kind as SupportKind] ?? e.kind,
      e.start || null,
      e.end || null,
      SUPPORT_STATUS_LABELS[e.status],
      typeof e.amount === 'number' ? e.amount : null,
      e.currency || null,
      e.results || null,
    ]),
  };
}
