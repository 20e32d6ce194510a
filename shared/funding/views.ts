/**
 * The funding map, the support ledger and the monitoring of DEC activities as pure functions
 * over documents (or read-model rows shaped like them), so that every screen, its table and
 * the annual report's workbook come from the same numbers. The outcomes they serve are the
 * DEC plan's (resources/reference/dec-strategic-plan.json): donors have information to guide
 * their decisions, duplication of support is avoided, one-shot activities with unclear impact
 * are avoided.
 */
import type { ActivityDoc } from '../docs/activity/schema';
import type { FollowupDoc } from '../docs/followup/schema';
import type { FunderDoc } from '../docs/funder/schema';
import type { SupportDoc } from '../docs/support/schema';
import type { TableCell } from '../excel/table-sheet';
import { isIsoDate } from '../forms/rules';
import { NEED_OF_SUPPORT, type SupportKind } from './kinds';

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);

export type FunderFacts = Pick<FunderDoc, '_id' | 'name' | 'kind' | 'programmes'>;
export type SupportFacts = Pick<
  SupportDoc,
  | '_id'
  | 'org'
  | 'funderId'
  | 'programmeId'
  | 'funderText'
  | 'provider'
  | 'kind'
  | 'amount'
  | 'currency'
  | 'start'
  | 'end'
  | 'area'
  | 'needs'
  | 'status'
>;
export type ActivityFacts = Pick<
  ActivityDoc,
  '_id' | 'title' | 'leverageArea' | 'workPackage' | 'start' | 'end' | 'participants' | 'results' | 'funderId'
>;
export type FollowupFacts = Pick<
  FollowupDoc,
  '_id' | 'org' | 'activityId' | 'months' | 'submittedAt' | 'indicators'
>;

/** A call of a programme whose deadline is today or within `days` days. */
export interface DueCall {
  funderId: string;
  funder: string;
  programmeId: string;
  programme: string;
  call: string;
  deadline: string;
  /** Whole days from today; 0 is today. */
  days: number;
}

export function callsDueWithin(funders: readonly FunderFacts[], today: string, days = 30): DueCall[] {
  const now = dayNumber(today);
  const due: DueCall[] = [];
  for (const funder of funders)
    for (const [programmeId, programme] of Object.entries(funder.programmes))
      for (const call of Object.values(programme.calls)) {
        if (!isIsoDate(call.deadline)) continue;
        const left = dayNumber(call.deadline) - now;
        if (left >= 0 && left <= days)
          due.push({
            funderId: funder._id,
            funder: funder.name,
            programmeId,
            programme: programme.name,
            call: call.title,
            deadline: call.deadline,
            days: left,
          });
      }
  return due.sort((a, b) => a.days - b.days || a.funder.localeCompare(b.funder));
}

/** Who funds what: one row per programme and thing funded (an area, a leverage area or a kind of support). */
export function programmesBy(
  funders: readonly FunderFacts[],
  by: 'areas' | 'leverageAreas' | 'supportKinds',
): { key: string; programmes: { funder: string; programme: string }[] }[] {
  const map = new Map<string, { funder: string; programme: string }[]>();
  for (const funder of funders)
    for (const programme of Object.values(funder.programmes))
      for (const key of programme[by] as readonly string[]) {
        const list = map.get(key) ?? [];
        list.push({ funder: funder.name, programme: programme.name });
        map.set(key, list);
      }
  return [...map]
    .map(([key, programmes]) => ({ key, programmes }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The funder of a ledger entry in words: the map's name, or what was typed. */
export function funderName(entry: SupportFacts, funders: readonly FunderFacts[]): string {
  const funder = funders.find((f) => f._id === entry.funderId);
  if (!funder) return entry.funderText || (entry.funderId ? 'A funder removed from the map' : '—');
  const programme = funder.programmes[entry.programmeId];
  return programme ? `${funder.name} — ${programme.name}` : funder.name;
}

/** Support flows (entries not declined) counted by a key: the funder, the economy, the area. */
export function flowsBy(
  entries: readonly SupportFacts[],
  key: (entry: SupportFacts) => string,
): { key: string; entries: number; amounts: Record<string, number> }[] {
  const map = new Map<string, { key: string; entries: number; amounts: Record<string, number> }>();
  for (const entry of entries) {
    if (entry.status === 'declined') continue;
    const k = key(entry) || '—';
    const row = map.get(k) ?? { key: k, entries: 0, amounts: {} };
    row.entries += 1;
    if (typeof entry.amount === 'number' && entry.currency)
      row.amounts[entry.currency] = (row.amounts[entry.currency] ?? 0) + entry.amount;
    map.set(k, row);
  }
  return [...map.values()].sort((a, b) => b.entries - a.entries || a.key.localeCompare(b.key));
}

/** A need of an assessment as the ledger refers to it: `<response id>#<need instance id>`. */
export interface NeedRef {
  ref: string;
  org: string;
  area: string;
  type: string;
  priority?: number;
}

/**
 * Needs no entry of the ledger answers: neither by reference, nor (for entries that name no
 * need) an entry of the same institute, area and kind of need that is not declined.
 */
export function needsWithoutSupport(needs: readonly NeedRef[], entries: readonly SupportFacts[]): NeedRef[] {
  const live = entries.filter((e) => e.status !== 'declined');
  return needs.filter(
    (need) =>
      !live.some(
        (e) =>
          e.needs.includes(need.ref) ||
          (e.needs.length === 0 &&
            e.org === need.org &&
            e.area === need.area &&
            NEED_OF_SUPPORT[e.kind as SupportKind] === need.type),
      ),
  );
}

function overlap(a: SupportFacts, b: SupportFacts): boolean {
  const from = (e: SupportFacts) => (isIsoDate(e.start) ? e.start : '0000-01-01');
  const to = (e: SupportFacts) => (isIsoDate(e.end) ? e.end : '9999-12-31');
  return from(a) <= to(b) && from(b) <= to(a);
}

function funderKey(e: SupportFacts): string {
  return e.funderId || e.funderText.trim().toLowerCase();
}

/**
 * Possible duplication: two entries of one institute, not declined, from different funders,
 * in overlapping periods, that answer the same need (the same reference, or the same area and
 * kind of need when they name none).
 */
export function possibleDuplicates(
  entries: readonly SupportFacts[],
): { org: string; what: string; entries: [SupportFacts, SupportFacts] }[] {
  const live = entries.filter((e) => e.status !== 'declined');
  const found: { org: string; what: string; entries: [SupportFacts, SupportFacts] }[] = [];
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i];
      const b = live[j];
      if (!a || !b || a.org !== b.org || funderKey(a) === funderKey(b) || !overlap(a, b)) continue;
      const shared = a.needs.find((ref) => b.needs.includes(ref));
      const sameKind =
        a.area !== '' &&
        a.area === b.area &&
        NEED_OF_SUPPORT[a.kind as SupportKind] === NEED_OF_SUPPORT[b.kind as SupportKind];
      if (shared) found.push({ org: a.org, what: shared, entries: [a, b] });
      else if (sameKind)
        found.push({
          org: a.org,
          what: `${a.area} · ${NEED_OF_SUPPORT[a.kind as SupportKind]}`,
          entries: [a, b],
        });
    }
  return found;
}

/** The date a follow-up is due: the activity's end (or start) plus 3 or 12 months. */
export function followupDue(
  activity: Pick<ActivityFacts, 'start' | 'end'>,
  months: 3 | 12,
): string | undefined {
  const base = isIsoDate(activity.end)
    ? activity.end
    : isIsoDate(activity.start)
      ? activity.start
      : undefined;
  if (!base) return undefined;
  const [y, m, d] = base.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y, m - 1 + months, d));
  return due.toISOString().slice(0, 10);
}

export interface FollowupStatus {
  activityId: string;
  activity: string;
  org: string;
  months: 3 | 12;
  due: string;
  state: 'submitted' | 'overdue' | 'due' | 'later';
  submittedAt?: string;
}

/**
 * Every follow-up each participant owes: submitted, overdue (due date passed), due within 30
 * days, or later.
 */
export function followupStatuses(
  activities: readonly ActivityFacts[],
  followups: readonly FollowupFacts[],
  today: string,
): FollowupStatus[] {
  const out: FollowupStatus[] = [];
  for (const activity of activities)
    for (const org of Object.keys(activity.participants).sort())
      for (const months of [3, 12] as const) {
        const due = followupDue(activity, months);
        if (!due) continue;
        const done = followups.find(
          (f) => f.activityId === activity._id && f.org === org && f.months === months && f.submittedAt,
        );
        const left = dayNumber(due) - dayNumber(today);
        out.push({
          activityId: activity._id,
          activity: activity.title,
          org,
          months,
          due,
          state: done ? 'submitted' : left < 0 ? 'overdue' : left <= 30 ? 'due' : 'later',
          ...(done?.submittedAt ? { submittedAt: done.submittedAt } : {}),
        });
      }
  return out;
}

function num(value: number | string | null | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

export interface IndicatorProgress {
  activityId: string;
  activity: string;
  resultId: string;
  result: string;
  indicator: string;
  unit: string;
  baseline?: number;
  target?: number;
  /** The value recorded on the activity, or the sum of what participants report. */
  reached?: number;
  /**
   * Where `reached` comes from: recorded by the secretariat by hand (with the day it was
   * recorded and its source in words), or the sum of the participants' latest follow-ups.
   */
  basis?: { kind: 'recorded'; on: string; source: string } | { kind: 'followups'; participants: number };
  /** Share of the way from baseline to target, 0–1 (may exceed 1); undefined when not computable. */
  share?: number;
}

/** In words, where a reached value comes from, for tables and workbooks. */
export function basisText(basis: IndicatorProgress['basis']): string {
  if (!basis) return '';
  if (basis.kind === 'followups')
    return `Sum of ${basis.participants} participant${basis.participants === 1 ? '’s' : 's’'} follow-ups`;
  return [basis.on ? `Recorded ${basis.on}` : 'Recorded', basis.source].filter(Boolean).join(': ');
}

/**
 * An indicator's progress as a table's cells: result, indicator, baseline, target, reached,
 * unit, the share of the way in % and where the reached value comes from.
 */
export function progressCells(p: IndicatorProgress): TableCell[] {
  return [
    p.result,
    p.indicator,
    p.baseline ?? null,
    p.target ?? null,
    p.reached ?? null,
    p.unit,
    p.share === undefined ? null : Math.round(p.share * 100),
    basisText(p.basis) || null,
  ];
}

/** Each expected result's indicator against its target. */
export function indicatorProgress(
  activities: readonly ActivityFacts[],
  followups: readonly FollowupFacts[],
): IndicatorProgress[] {
  return activities.flatMap((activity) =>
    Object.entries(activity.results).map(([resultId, r]) => {
      const reported = followups
        .filter((f) => f.activityId === activity._id && f.submittedAt)
        // A participant's 12-month figure replaces its 3-month one.
        .sort((a, b) => a.months - b.months)
        .reduce((byOrg, f) => {
          const v = num(f.indicators[resultId]);
          if (v !== undefined) byOrg.set(f.org, v);
          return byOrg;
        }, new Map<string, number>());
      const baseline = num(r.baseline);
      const target = num(r.target);
      const recorded = num(r.actual);
      const reached =
        recorded ?? (reported.size > 0 ? [...reported.values()].reduce((a, b) => a + b, 0) : undefined);
      const share =
        reached !== undefined && target !== undefined && target !== (baseline ?? 0)
          ? (reached - (baseline ?? 0)) / (target - (baseline ?? 0))
          : undefined;
      const basis: IndicatorProgress['basis'] =
        recorded !== undefined
          ? { kind: 'recorded', on: r.actualOn, source: r.actualSource }
          : reported.size > 0
            ? { kind: 'followups', participants: reported.size }
            : undefined;
      return {
        activityId: activity._id,
        activity: activity.title,
        resultId,
        result: r.result,
        indicator: r.indicator,
        unit: r.unit,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(target !== undefined ? { target } : {}),
        ...(reached !== undefined ? { reached } : {}),
        ...(share !== undefined ? { share } : {}),
        ...(basis ? { basis } : {}),
      };
    }),
  );
}

/** Activities of a year: started or ended in it. */
export function activitiesOfYear<T extends Pick<ActivityFacts, 'start' | 'end'>>(
  activities: readonly T[],
  year: number,
): T[] {
  const y = String(year);
  return activities.filter((a) => a.start.startsWith(y) || a.end.startsWith(y));
}
