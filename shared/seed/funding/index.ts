/**
 * Seed generators of the funding map, the support ledger and DEC activities: funders with
 * programmes and calls (some closing within a month of the dataset's day), activities with a
 * results framework and the dataset's first institutes as participants (library); each
 * institute's ledger, following the needs of its latest assessment, with now and then the same
 * need supported by two funders at once (a duplication to find); and its follow-ups of the
 * activities it took part in, most sent, some overdue. The funders are written for this
 * project as training data: their names are shaped like real kinds of funder ("(training
 * data)"), not real programmes.
 */
import { ACTIVITY_SCHEMA_VERSION, type ActivityDoc } from '../../docs/activity/schema';
import { FOLLOWUP_SCHEMA_VERSION, type FollowupDoc } from '../../docs/followup/schema';
import { FUNDER_SCHEMA_VERSION, type FunderDoc, type Programme } from '../../docs/funder/schema';
import type { AnswerValue, ResponseDoc } from '../../docs/response/schema';
import { SUPPORT_SCHEMA_VERSION, type SupportDoc } from '../../docs/support/schema';
import { FOLLOWUP_USES, SUPPORT_KINDS, type FunderKind, type SupportKind } from '../../funding/kinds';
import { ledgerFromAnswers } from '../../funding/ledger-from-answers';
import { followupDue } from '../../funding/views';
import { activityId, followupId, funderId, supportId } from '../../ids';
import {
  iso,
  libraryContext,
  SEED_SECRETARIAT_USER,
  type SeedDoc,
  type SeedGenerator,
  type SeedPlan,
} from '../context';

const DAY = 86_400_000;
const day = (ms: number) => iso(ms).slice(0, 10);

const FUNDERS: readonly { name: string; kind: FunderKind; programmes: readonly string[] }[] = [
  {
    name: 'Partner NMI technical cooperation (training data)',
    kind: 'bilateral_nmi',
    programmes: ['Quality infrastructure project', 'Attachments at the partner NMI'],
  },
  {
    name: 'Industrial development agency (training data)',
    kind: 'multilateral',
    programmes: ['Trade capacity programme'],
  },
  {
    name: 'BIPM capacity building (training data)',
    kind: 'bipm_capacity_building',
    programmes: ['CBKT courses'],
  },
  {
    name: 'APMP Developing Economies Committee (training data)',
    kind: 'apmp_dec',
    programmes: ['DEC small grants', 'DEC comparisons for DENs'],
  },
  {
    name: 'Regional development bank (training data)',
    kind: 'development_bank',
    programmes: ['Standards and metrology loan'],
  },
];

const AREAS = ['M', 'T', 'L', 'EM', 'TF', 'PR', 'AUV', 'QM', 'RI'];

/** The library's funders, deterministic for the plan (the support generator reads them too). */
export function seedFunders(plan: SeedPlan): FunderDoc[] {
  const ctx = libraryContext(plan, 'funder');
  return FUNDERS.map((f, i) => {
    const rng = ctx.rng('funder', i);
    const programmes: Record<string, Programme> = {};
    f.programmes.forEach((name, j) => {
      const calls: Programme['calls'] = {};
      // One call closing within 30 days of the dataset's day, others later or passed.
      const deadline = ctx.asOfMs + (j === 0 && i % 2 === 0 ? rng.int(3, 28) : rng.int(-60, 200)) * DAY;
      calls[`c${j + 1}`] = {
        title: `${plan.cycles.at(-1) ?? 2026} call for proposals`,
        deadline: day(deadline),
        url: '',
      };
      programmes[`p${j + 1}`] = {
        name,
        areas: rng.sample(AREAS, rng.int(1, 4)),
        sdgs: rng.sample([3, 6, 7, 8, 9, 12, 17], rng.int(1, 3)).sort((a, b) => a - b),
        leverageAreas: rng.sample(['LA1', 'LA2', 'LA3', 'LA4', 'LA5'], rng.int(1, 2)).sort(),
        supportKinds: rng.sample(SUPPORT_KINDS, rng.int(2, 4)),
        eligibility: 'NMIs and designated institutes of developing economies in the region.',
        howToApply: 'A two-page concept note to the programme officer, endorsed by the NMI director.',
        contacts: 'Programme officer (training data)',
        calls,
      };
    });
    const at = iso(ctx.asOfMs - rng.int(30, 300) * DAY);
    return {
      _id: funderId(`f${i + 1}`),
      type: 'funder',
      schemaVersion: FUNDER_SCHEMA_VERSION,
      org: SEED_SECRETARIAT_USER,
      createdAt: at,
      updatedAt: at,
      updatedBy: 'Sam Secretariat',
      name: f.name,
      kind: f.kind,
      website: '',
      contacts: '',
      programmes,
    };
  });
}

const ACTIVITIES = [
  {
    title: 'Regional workshop on measurement uncertainty',
    la: 'LA5',
    wp: 'LA5-WP2',
    indicator: 'Staff trained',
    unit: 'people',
  },
  {
    title: 'DEC mass comparison for developing-economy NMIs',
    la: 'LA5',
    wp: 'LA5-WP2',
    indicator: 'NMIs taking part in a comparison',
    unit: 'NMIs',
  },
  {
    title: 'Case study writing workshop',
    la: 'LA1',
    wp: 'LA1-WP2',
    indicator: 'Case studies published',
    unit: 'stories',
  },
  {
    title: 'Peer review of quality systems',
    la: 'LA5',
    wp: 'LA5-WP2',
    indicator: 'Quality systems approved by the RMO',
    unit: 'NMIs',
  },
];

/** The library's activities, with the dataset's first institutes taking part. */
export function seedActivities(plan: SeedPlan): ActivityDoc[] {
  const ctx = libraryContext(plan, 'activity');
  const funders = seedFunders(plan);
  const pool = plan.institutes.slice(0, 8).map((i) => i.slug);
  return ACTIVITIES.map((a, i) => {
    const rng = ctx.rng('activity', i);
    // Ended 2 to 15 months before the dataset's day: some follow-ups due, some overdue.
    const end = ctx.asOfMs - rng.int(60, 450) * DAY;
    const start = end - rng.int(2, 10) * DAY;
    const participants = Object.fromEntries(
      rng.sample(pool, Math.min(pool.length, rng.int(2, 5))).map((org) => [org, { people: 'Two staff' }]),
    );
    const funder = rng.pick(funders);
    const baseline = rng.int(0, 3);
    const at = iso(start - rng.int(30, 90) * DAY);
    return {
      _id: activityId(`a${i + 1}`),
      type: 'activity',
      schemaVersion: ACTIVITY_SCHEMA_VERSION,
      org: SEED_SECRETARIAT_USER,
      createdAt: at,
      updatedAt: at,
      updatedBy: 'Sam Secretariat',
      title: a.title,
      objective: `${a.title}: help developing-economy NMIs towards CMCs (training data).`,
      leverageArea: a.la,
      workPackage: a.wp,
      lead: rng.pick(pool),
      budget: rng.int(10, 80) * 1000,
      currency: 'EUR',
      funderId: funder._id,
      programmeId: Object.keys(funder.programmes)[0] ?? '',
      start: day(start),
      end: day(end),
      participants,
      results: {
        r1: {
          result: `${a.indicator} after the activity`,
          indicator: a.indicator,
          baseline,
          target: baseline + Object.keys(participants).length * 2,
          actual: null,
          actualOn: '',
          actualSource: '',
          unit: a.unit,
        },
      },
    };
  });
}

export const funderSeed: SeedGenerator = {
  type: 'funder',
  summary: 'funders with programmes and calls (some closing within 30 days)',
  forLibrary: (ctx) => seedFunders(ctx.plan),
};

export const activitySeed: SeedGenerator = {
  type: 'activity',
  summary: 'DEC activities with a results framework and participants',
  forLibrary: (ctx) => seedActivities(ctx.plan),
};

function needsOf(responses: readonly ResponseDoc[]): { ref: string; area: string; type: string }[] {
  const latest = responses
    .filter((r) => r.templateId === 'dec_capacity_needs')
    .sort((a, b) => b.cycle - a.cycle)[0];
  if (!latest) return [];
  const value = (key: string): AnswerValue | undefined => latest.answers[key]?.value;
  const ids = value('need');
  return (Array.isArray(ids) ? ids : []).flatMap((id) => {
    const area = value(`need#${id}/need_area`);
    const type = value(`need#${id}/need_type`);
    return typeof area === 'string' && typeof type === 'string'
      ? [{ ref: `${latest._id}#${id}`, area, type }]
      : [];
  });
}

export const supportSeed: SeedGenerator = {
  type: 'support',
  summary: 'each institute’s support ledger, following its needs (a few duplicated)',
  forInstitute(ctx, earlier) {
    const rng = ctx.rng('ledger');
    const funders = seedFunders(ctx.plan);
    const needs = needsOf(earlier.filter((d): d is ResponseDoc & SeedDoc => d.type === 'response'));
    const out: SupportDoc[] = [];
    const entry = (
      n: number,
      need: { ref: string; area: string; type: string } | undefined,
      funderIndex: number,
      startMs: number,
    ) => {
      const funder = funders[funderIndex % funders.length] as FunderDoc;
      const kind = (SUPPORT_KINDS as readonly string[]).includes(need?.type ?? '')
        ? (need?.type as SupportKind)
        : rng.pick(SUPPORT_KINDS);
      const end = startMs + rng.int(20, 200) * DAY;
      const at = iso(Math.min(ctx.asOfMs, startMs));
      const status =
        end < ctx.asOfMs
          ? 'received'
          : startMs < ctx.asOfMs
            ? 'under_way'
            : rng.pick(['requested', 'approved'] as const);
      const others = ctx.plan.institutes.slice(0, 12).filter((i) => i.slug !== ctx.institute.slug);
      out.push({
        _id: supportId(ctx.institute.slug, `s${n}`),
        type: 'support',
        schemaVersion: SUPPORT_SCHEMA_VERSION,
        org: ctx.institute.slug,
        createdAt: at,
        updatedAt: at,
        updatedBy: rng.pick(ctx.people),
        funderId: funder._id,
        programmeId: Object.keys(funder.programmes)[0] ?? '',
        funderText: '',
        provider: others.length > 0 && rng.chance(0.5) ? rng.pick(others).slug : '',
        kind,
        amount: rng.chance(0.6) ? rng.int(2, 60) * 1000 : null,
        currency: 'EUR',
        start: day(startMs),
        end: day(end),
        area: need?.area ?? rng.pick(AREAS),
        needs: need ? [need.ref] : [],
        status,
        results: status === 'received' ? 'Done as planned (training data).' : '',
        fromAnswer: '',
      });
    };
    // What the assessments report as support received is in the ledger too, as the app's
    // migration would have put it (shared/funding/ledger-from-answers.ts).
    const fromAnswers = earlier
      .filter((d): d is ResponseDoc & SeedDoc => d.type === 'response')
      .flatMap((r) => ledgerFromAnswers(r, r.updatedAt, r.updatedBy));
    const count = Math.min(needs.length, rng.int(0, 3));
    const chosen = rng.sample(needs, count);
    chosen.forEach((need, i) => entry(i + 1, need, rng.int(0, 9), ctx.asOfMs - rng.int(-60, 300) * DAY));
    // Now and then the same need funded twice at once: the duplication the map should show.
    const first = out[0];
    if (first && rng.chance(0.35)) {
      const need = chosen[0];
      entry(
        out.length + 1,
        need,
        funders.findIndex((f) => f._id !== first.funderId),
        Date.parse(`${first.start}T00:00:00Z`) + 10 * DAY,
      );
    }
    return [...fromAnswers, ...out];
  },
};

export const followupSeed: SeedGenerator = {
  type: 'followup',
  summary: 'follow-ups of the DEC activities each institute took part in (some overdue)',
  forInstitute(ctx) {
    const rng = ctx.rng('followups');
    const today = day(ctx.asOfMs);
    return seedActivities(ctx.plan)
      .filter((a) => Object.hasOwn(a.participants, ctx.institute.slug))
      .flatMap((activity) =>
        ([3, 12] as const).flatMap((months): FollowupDoc[] => {
          const due = followupDue(activity, months);
          // Not due yet, or (now and then) overdue and not written: nothing to generate.
          if (!due || due > today || rng.chance(0.25)) return [];
          const at = iso(Math.min(ctx.asOfMs, Date.parse(`${due}T00:00:00Z`) + rng.int(-10, 20) * DAY));
          const uses = rng.sample(FOLLOWUP_USES.slice(0, 4), rng.int(1, 2));
          return [
            {
              _id: followupId(ctx.institute.slug, activity._id, months),
              type: 'followup',
              schemaVersion: FOLLOWUP_SCHEMA_VERSION,
              org: ctx.institute.slug,
              createdAt: at,
              updatedAt: at,
              updatedBy: rng.pick(ctx.people),
              activityId: activity._id,
              months,
              uses,
              story: `At ${months} months: ${uses.join(', ').replace(/_/g, ' ')} (training data).`,
              indicators: { r1: rng.int(0, 3) },
              ...(rng.chance(0.85) ? { submittedAt: at } : {}),
            },
          ];
        }),
      );
  },
};
