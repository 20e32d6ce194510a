/**
 * A DEN2DEN exchange as people see it, from its two parts (shared/docs/exchange/schema.ts):
 * what was asked, the provider's answer, each side's outcome and the state they make together;
 * what each side may do next; and the exchanges completed in a year, which the M&E of DEC
 * activities counts (shared/funding/report.ts).
 *
 *   requested ──accept──▶ accepted ──both record the outcome──▶ completed
 *       │  └──propose──▶ proposed ──agree──▶ accepted
 *       └──decline──▶ declined          (the requester may withdraw until it is accepted)
 */
import type { ExchangeOutcome, ExchangePart, ExchangeRequest } from '../docs/exchange/schema';
import type { ProviderAnswer } from './kinds';

export const EXCHANGE_STATES = [
  'requested',
  'proposed',
  'accepted',
  'completed',
  'declined',
  'withdrawn',
] as const;
export type ExchangeState = (typeof EXCHANGE_STATES)[number];

/** A part as it was found: in its own institute's database, or copied into the other's. */
export interface PartFound {
  part: ExchangePart;
  /** The institute that wrote the part. */
  by: string;
  updatedAt: string;
  updatedBy: string;
  /** True when read from a copy the secretariat's computer made. */
  copy: boolean;
}

export interface ExchangeView {
  xid: string;
  requester: string;
  provider: string;
  request?: ExchangeRequest;
  answer?: ProviderAnswer;
  /** The provider's note: why it declined, or the terms it proposes. */
  answerNote: string;
  requesterOutcome: ExchangeOutcome | null;
  providerOutcome: ExchangeOutcome | null;
  state: ExchangeState;
  /** When either side last changed its part. */
  updatedAt: string;
  requestedAt?: string;
  answeredAt?: string;
}

export function exchangeState(requester?: ExchangePart, provider?: ExchangePart): ExchangeState {
  if (requester?.requestState === 'withdrawn') return 'withdrawn';
  if (!provider?.answer) return 'requested';
  if (provider.answer === 'declined') return 'declined';
  if (provider.answer === 'proposed' && requester?.requestState !== 'agreed') return 'proposed';
  return requester?.outcome && provider.outcome ? 'completed' : 'accepted';
}

/**
 * Every exchange the parts make, newest first. A part found both in its own institute's
 * database and as a copy (on the secretariat's computer) is read from its own database.
 */
export function exchangeViews(found: readonly PartFound[]): ExchangeView[] {
  const byXid = new Map<string, { requester?: PartFound; provider?: PartFound }>();
  for (const f of found) {
    const entry = byXid.get(f.part.xid) ?? {};
    const role = f.part.role;
    const held = entry[role];
    if (!held || (held.copy && !f.copy)) entry[role] = f;
    byXid.set(f.part.xid, entry);
  }
  const views: ExchangeView[] = [];
  for (const [xid, { requester, provider }] of byXid) {
    const any = requester ?? provider;
    if (!any) continue;
    // A provider's part for a request that is not the one it answers is not shown as an answer.
    const answers =
      provider &&
      (!requester ||
        (provider.part.requester === requester.part.requester &&
          provider.part.provider === requester.part.provider))
        ? provider
        : undefined;
    views.push({
      xid,
      requester: any.part.requester,
      provider: any.part.provider,
      ...(requester?.part.request ? { request: requester.part.request } : {}),
      ...(answers?.part.answer ? { answer: answers.part.answer } : {}),
      answerNote: answers?.part.note ?? '',
      requesterOutcome: requester?.part.outcome ?? null,
      providerOutcome: answers?.part.outcome ?? null,
      state: exchangeState(requester?.part, answers?.part),
      updatedAt: [requester?.updatedAt ?? '', answers?.updatedAt ?? ''].sort().at(-1) ?? '',
      ...(requester ? { requestedAt: requester.updatedAt } : {}),
      ...(answers ? { answeredAt: answers.updatedAt } : {}),
    });
  }
  return views.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.xid.localeCompare(b.xid));
}

export type ExchangeAction = 'accept' | 'decline' | 'propose' | 'agree' | 'withdraw' | 'outcome';

/** What institute `org` may do next on an exchange; nothing when it is not one of the two. */
export function exchangeActions(view: ExchangeView, org: string): ExchangeAction[] {
  const open = view.state === 'requested' || view.state === 'proposed';
  if (org === view.requester) {
    return [
      ...(view.state === 'proposed' ? (['agree'] as const) : []),
      ...(open ? (['withdraw'] as const) : []),
      ...(view.state === 'accepted' || view.state === 'completed' ? (['outcome'] as const) : []),
    ];
  }
  if (org === view.provider) {
    return [
      ...(open ? (['accept', 'decline', 'propose'] as const) : []),
      ...(view.state === 'accepted' || view.state === 'completed' ? (['outcome'] as const) : []),
    ];
  }
  return [];
}

/** The day an exchange was completed: the later of the two outcomes' dates. */
export function completedOn(view: ExchangeView): string | undefined {
  if (view.state !== 'completed' || !view.requesterOutcome || !view.providerOutcome) return undefined;
  const day = (o: ExchangeOutcome) => (/^\d{4}-\d{2}-\d{2}$/.test(o.on) ? o.on : o.recordedAt.slice(0, 10));
  return [day(view.requesterOutcome), day(view.providerOutcome)].sort().at(-1);
}

/** Exchanges completed in a year (by the later outcome's date), for the M&E of DEC activities. */
export function completedInYear(views: readonly ExchangeView[], year: number): ExchangeView[] {
  return views.filter((v) => completedOn(v)?.startsWith(String(year)));
}
