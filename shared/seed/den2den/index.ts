/**
 * Seed generators of DEN2DEN (issue 22): among the dataset's first twelve institutes, offers
 * published from what their assessments could offer (calibrations, training attachments,
 * experts, comparisons) with their library copies; and exchanges in every state (requested,
 * proposed, accepted, completed with both outcomes, declined, withdrawn), each side's part in
 * its own database and the copies of the other side's part as the secretariat's computer
 * writes them (shared/sync/relay.ts, so a relay run on this data writes nothing).
 */
import { EXCHANGE_SCHEMA_VERSION, type ExchangeDoc } from '../../docs/exchange/schema';
import { OFFER_SCHEMA_VERSION, type OfferDoc } from '../../docs/offer/schema';
import { OFFER_KINDS, type OfferKind } from '../../den2den/kinds';
import { exchangeId, offerId } from '../../ids';
import { exchangeCopiesToWrite } from '../../sync/relay';
import {
  instituteContext,
  iso,
  libraryContext,
  type SeedDoc,
  type SeedGenerator,
  type SeedPlan,
} from '../context';
import type { SeedInstitute } from '../institutes';
import { AREA_NAMES, AREA_SERVICES } from '../text';

const DAY = 86_400_000;
const AREAS = Object.keys(AREA_SERVICES);
const TITLES: Readonly<Record<OfferKind, (area: string) => string>> = {
  calibration: (area) => AREA_SERVICES[area]?.[0] ?? `Calibrations in ${AREA_NAMES[area] ?? area}`,
  training_attachment: (area) => `Two-week attachment in our ${AREA_NAMES[area] ?? area} laboratory`,
  expert: (area) => `An expert in ${AREA_NAMES[area] ?? area} for a week's visit`,
  comparison: (area) => `Piloting a bilateral ${AREA_NAMES[area] ?? area} comparison`,
  other: () => 'Hosting a directors’ learning circle',
};

const providers = (plan: SeedPlan) => plan.institutes.slice(0, 12);

/** One institute's offers, the same for its database and the library. */
export function seedOffers(plan: SeedPlan, institute: SeedInstitute): OfferDoc[] {
  if (!providers(plan).some((i) => i.slug === institute.slug)) return [];
  const ctx = instituteContext(plan, institute, 'offer');
  const rng = ctx.rng('offers');
  if (!rng.chance(0.65)) return [];
  return Array.from({ length: rng.int(1, 2) }, (_, n): OfferDoc => {
    const kind = rng.pick(OFFER_KINDS.slice(0, 4));
    const area = rng.pick(AREAS);
    const at = iso(ctx.asOfMs - rng.int(10, 300) * DAY);
    const person = ctx.people[1] ?? ctx.people[0] ?? 'Head of laboratory';
    return {
      _id: offerId(institute.slug, `o${n + 1}`),
      type: 'offer',
      schemaVersion: OFFER_SCHEMA_VERSION,
      org: institute.slug,
      createdAt: at,
      updatedAt: at,
      updatedBy: person,
      kind,
      area,
      title: TITLES[kind](area),
      description:
        'Costs of travel and stay are the visitor’s; the service itself is free for DEC members (training data).',
      contact: `${person}, head of the ${AREA_NAMES[area] ?? area} laboratory (training data)`,
      status: rng.chance(0.85) ? 'published' : 'draft',
      fromAnswer: '',
    };
  });
}

type Plot = 'requested' | 'proposed' | 'accepted' | 'completed' | 'declined' | 'withdrawn';
const PLOTS: readonly Plot[] = [
  'completed',
  'accepted',
  'requested',
  'proposed',
  'completed',
  'declined',
  'withdrawn',
];

/** Every exchange's parts (requester's and, once answered, provider's). */
export function seedExchangeParts(plan: SeedPlan): ExchangeDoc[] {
  const pool = providers(plan);
  if (pool.length < 2) return [];
  const ctx = libraryContext(plan, 'exchange');
  const out: ExchangeDoc[] = [];
  PLOTS.forEach((plot, i) => {
    const rng = ctx.rng('exchange', i);
    const [requester, provider] = rng.sample(pool, 2) as [SeedInstitute, SeedInstitute];
    const kind = rng.pick(OFFER_KINDS.slice(0, 4));
    const area = rng.pick(AREAS);
    const xid = `x${i + 1}`;
    const askedMs = ctx.asOfMs - rng.int(40, 300) * DAY;
    const answeredMs = askedMs + rng.int(3, 20) * DAY;
    const doneMs = Math.min(ctx.asOfMs - DAY, answeredMs + rng.int(20, 90) * DAY);
    const base = { type: 'exchange', schemaVersion: EXCHANGE_SCHEMA_VERSION, xid } as const;
    const who = (i: SeedInstitute) => `${i.acronym || i.slug} DEN2DEN contact`;
    const outcome = (ms: number, summary: string) => ({
      result: 'done' as const,
      on: iso(ms).slice(0, 10),
      summary,
      recordedAt: iso(ms),
    });
    const agreedMs = answeredMs + 2 * DAY;
    const requesterAt =
      plot === 'completed'
        ? doneMs
        : plot === 'withdrawn'
          ? answeredMs
          : plot === 'accepted'
            ? askedMs
            : askedMs;
    out.push({
      ...base,
      _id: exchangeId(requester.slug, xid),
      org: requester.slug,
      createdAt: iso(askedMs),
      updatedAt: iso(Math.max(requesterAt, askedMs)),
      updatedBy: who(requester),
      role: 'requester',
      requester: requester.slug,
      provider: provider.slug,
      request: {
        kind,
        area,
        title: TITLES[kind](area),
        message: 'We would like this before our peer review next year (training data).',
        wanted: 'Within six months',
        needRef: '',
        offerId: '',
      },
      requestState:
        plot === 'withdrawn' ? 'withdrawn' : plot === 'completed' && i % 2 === 0 ? 'agreed' : 'open',
      note: '',
      outcome:
        plot === 'completed' ? outcome(doneMs, 'Our staff calibrated the set under supervision.') : null,
    });
    if (plot === 'requested' || plot === 'withdrawn') return;
    const answer =
      plot === 'declined'
        ? 'declined'
        : plot === 'proposed' || (plot === 'completed' && i % 2 === 0)
          ? 'proposed'
          : 'accepted';
    out.push({
      ...base,
      _id: exchangeId(provider.slug, xid),
      org: provider.slug,
      createdAt: iso(answeredMs),
      updatedAt: iso(plot === 'completed' ? doneMs : answeredMs),
      updatedBy: who(provider),
      role: 'provider',
      requester: requester.slug,
      provider: provider.slug,
      answer,
      note:
        answer === 'declined'
          ? 'Our laboratory is closed for renovation this year.'
          : answer === 'proposed'
            ? 'We can host in March rather than January.'
            : '',
      outcome:
        plot === 'completed'
          ? outcome(Math.max(agreedMs, doneMs - DAY), 'Done as agreed; the certificate was issued.')
          : null,
    });
  });
  return out;
}

export const offerSeed: SeedGenerator = {
  type: 'offer',
  summary: 'DEN2DEN offers of the first twelve institutes, most published (with library copies)',
  forInstitute: (ctx) => seedOffers(ctx.plan, ctx.institute),
  forLibrary: (ctx) =>
    providers(ctx.plan)
      .flatMap((i) => seedOffers(ctx.plan, i))
      .filter((o) => o.status === 'published'),
};

export const exchangeSeed: SeedGenerator = {
  type: 'exchange',
  summary: 'DEN2DEN exchanges in every state, each side’s part in its own database',
  forInstitute: (ctx) => seedExchangeParts(ctx.plan).filter((p) => p.org === ctx.institute.slug),
};

export const exchangeCopySeed: SeedGenerator = {
  type: 'exchangecopy',
  summary: 'the other side’s part of each exchange, as the secretariat’s computer copies it',
  forInstitute(ctx) {
    const parts = seedExchangeParts(ctx.plan);
    const orgs = new Set([ctx.institute.slug]);
    // Copied by the secretariat's computer a day after each part was written.
    return parts.flatMap((part): SeedDoc[] =>
      exchangeCopiesToWrite(
        parts.filter((p) => p.role === 'requester' || p._id === part._id),
        [],
        orgs,
        iso(Math.min(ctx.asOfMs, Date.parse(part.updatedAt) + DAY)),
        'DEC secretariat',
      ).filter((c) => c.xid === part.xid && c.from === part.org),
    );
  },
};
