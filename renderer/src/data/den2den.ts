/**
 * Writing DEN2DEN documents on an institute's computer: its offers, and its own part of each
 * exchange — the request (as requester), the answer (as provider), agreeing to a proposal or
 * withdrawing, and its outcome. Each write goes to the institute's own part only
 * (`exchange:<own org>:<xid>`); the other side learns of it when the secretariat's computer
 * copies it across (./sync/relay.ts). Saves re-read the latest revision and retry a conflict
 * like every other editor (./funding.ts `saveDoc`).
 */
import type { ExchangeView } from '@shared/den2den/exchange';
import type { ProviderAnswer } from '@shared/den2den/kinds';
import {
  EXCHANGE_SCHEMA_VERSION,
  type ExchangeDoc,
  type ExchangeOutcome,
  type ExchangeRequest,
} from '@shared/docs/exchange/schema';
import { exchangeId } from '@shared/ids';
import { saveDoc } from './funding';
import type { Author, Repository } from './repository';

const now = () => new Date().toISOString();

/** A new exchange id, the same in both institutes' parts. */
export function newExchangeId(): string {
  return `x${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Asks `provider` for something: the requester's part of a new exchange. */
export function makeRequest(
  repository: Repository,
  author: Author,
  provider: string,
  request: ExchangeRequest,
): Promise<ExchangeDoc> {
  const at = now();
  const xid = newExchangeId();
  const doc: ExchangeDoc = {
    _id: exchangeId(author.org, xid),
    type: 'exchange',
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    org: author.org,
    createdAt: at,
    updatedAt: at,
    updatedBy: author.user,
    xid,
    role: 'requester',
    requester: author.org,
    provider,
    request,
    requestState: 'open',
    note: '',
    outcome: null,
  };
  return saveDoc(repository, doc, {}, at, author.user);
}

/** The provider's answer: accepted, declined, or other terms proposed (in `note`). */
export function answerRequest(
  repository: Repository,
  author: Author,
  view: ExchangeView,
  answer: ProviderAnswer,
  note: string,
): Promise<ExchangeDoc> {
  const at = now();
  const doc: ExchangeDoc = {
    _id: exchangeId(author.org, view.xid),
    type: 'exchange',
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    org: author.org,
    createdAt: at,
    updatedAt: at,
    updatedBy: author.user,
    xid: view.xid,
    role: 'provider',
    requester: view.requester,
    provider: author.org,
    answer,
    note,
    outcome: null,
  };
  return saveDoc(repository, doc, { answer, note }, at, author.user);
}

/** The requester agrees to the provider's proposal, or withdraws the request. */
export function setRequestState(
  repository: Repository,
  author: Author,
  view: ExchangeView,
  requestState: 'agreed' | 'withdrawn',
): Promise<ExchangeDoc> {
  return patchOwnPart(repository, author, view, { requestState });
}

/** This side's record of how the exchange went. */
export function recordOutcome(
  repository: Repository,
  author: Author,
  view: ExchangeView,
  outcome: Omit<ExchangeOutcome, 'recordedAt'>,
): Promise<ExchangeDoc> {
  return patchOwnPart(repository, author, view, { outcome: { ...outcome, recordedAt: now() } });
}

async function patchOwnPart(
  repository: Repository,
  author: Author,
  view: ExchangeView,
  patch: Partial<ExchangeDoc>,
): Promise<ExchangeDoc> {
  const id = exchangeId(author.org, view.xid);
  const own = await repository.get(id);
  if (own?.type !== 'exchange')
    throw new Error(
      'This institute has no part in that exchange on this computer yet; sync, then try again.',
    );
  const at = now();
  return saveDoc(repository, own, patch, at, author.user);
}
