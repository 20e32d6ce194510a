/**
 * The `cmcplan` seed generator: each institute's CMC plans as they stand on the dataset's
 * day, following what its latest assessment says (earlier documents of the `response`
 * generator): plans in the areas it serves, fewer and earlier for a young institute, some
 * already published where it reports published CMCs, the quality-system milestone done
 * once the RMO approved it. Plans sit at every stage of the review path; past milestones
 * carry actual dates in order, the current one is overdue, due soon or later, and some
 * milestones ask for support (training, traceability, a comparison, a peer review) with a
 * provider chosen: another training institute or a programme. Now and then a draft keeps a
 * number as typed ("0,5"), which the editor explains.
 */
import {
  CMCPLAN_SCHEMA_VERSION,
  newCmcPlanFields,
  type CmcPlanDoc,
  type CmcPlanFields,
} from '../../docs/cmcplan/schema';
import type { AnswerValue, ResponseDoc } from '../../docs/response/schema';
import {
  CHECKLIST_KEYS,
  MILESTONES,
  ROUND_STAGES,
  type MilestoneKey,
  type RoundStage,
  type SupportType,
} from '../../cmc/milestones';
import { cmcPlanId } from '../../ids';
import { iso, type InstituteSeedContext, type SeedDoc, type SeedGenerator } from '../context';
import type { Rng } from '../random';
import { SUPPORT_PROVIDERS } from '../text';
import { CAPABILITY_SPECS, TRACEABILITY_NMIS, type CapabilitySpec } from './capabilities';

const DAY = 86_400_000;

/** What the latest assessment says about the institute, with defaults where there is none. */
interface Standing {
  areas: string[];
  /** Published CMCs per area. */
  published: Map<string, number>;
  qualityApproved: boolean;
  /** 0 none, 1 developing, 2 implemented. */
  quality: number;
  /** Areas with a need for support listed, by type. */
  needs: { area: string; type: string }[];
}

function standingOf(responses: readonly ResponseDoc[]): Standing {
  const latest = responses
    .filter((r) => r.templateId === 'dec_capacity_needs')
    .sort((a, b) => b.cycle - a.cycle)[0];
  const answers: Record<string, AnswerValue> = Object.fromEntries(
    Object.entries(latest?.answers ?? {}).map(([key, entry]) => [key, entry.value]),
  );
  const served = answers['areas_served'];
  const areas = Array.isArray(served) && served.length > 0 ? served : ['M'];
  const published = new Map<string, number>();
  for (const [key, value] of Object.entries(answers)) {
    const match = /^area_services#(\w+)\/cmcs_published$/.exec(key);
    const area = match ? answers[`area_services#${match[1]}/service_area`] : undefined;
    if (typeof area === 'string' && typeof value === 'number') published.set(area, value);
  }
  const needs = (Array.isArray(answers['need']) ? answers['need'] : []).flatMap((id) => {
    const area = answers[`need#${id}/need_area`];
    const type = answers[`need#${id}/need_type`];
    return typeof area === 'string' && typeof type === 'string' ? [{ area, type }] : [];
  });
  const iso17025 = answers['iso17025'];
  return {
    areas,
    published,
    qualityApproved: answers['qs_rmo_approved'] === 'yes',
    quality: iso17025 === 'implemented' ? 2 : iso17025 === 'developing' ? 1 : 0,
    needs,
  };
}

/** The support a milestone typically asks for. */
const SUPPORT_FOR: Partial<Record<MilestoneKey, readonly SupportType[]>> = {
  quality_system: ['quality_system', 'training'],
  traceability: ['traceability', 'equipment'],
  training: ['training'],
  comparison: ['comparison'],
  peer_review: ['peer_review'],
};

const STAGE_COUNT = MILESTONES.length; // 9 milestones; index 9 = published

/**
 * How far along (0 = nothing done … 9 = published) a plan in `area` is: an institute without
 * an implemented quality system has done nothing yet; one whose system is implemented but
 * not approved in its last return is at the start or, approved since, a few steps on; an
 * approved one anywhere on the path, published more often where it reports published CMCs.
 */
function drawProgress(rng: Rng, standing: Standing, area: string, slot: number): number {
  if (standing.quality < 2) return 0;
  if (!standing.qualityApproved) return rng.chance(0.5) ? 0 : rng.int(1, 4);
  const published = (standing.published.get(area) ?? 0) > 0;
  if (rng.chance(published ? 0.45 : 0.1)) return STAGE_COUNT;
  // An institute's plans stand at different steps (`slot` spreads them along the path).
  return 1 + (slot % (STAGE_COUNT - 1));
}

function isoDay(ms: number): string {
  return iso(ms).slice(0, 10);
}

/**
 * A provider: one of the dataset's first institutes (the reference list's best known, and the
 * same whatever the number of institutes asked for), or a programme.
 */
function providerFor(ctx: InstituteSeedContext, rng: Rng): string {
  const others = ctx.plan.institutes.slice(0, 12).filter((i) => i.slug !== ctx.institute.slug);
  return others.length > 0 && rng.chance(0.6) ? rng.pick(others).slug : rng.pick(SUPPORT_PROVIDERS);
}

function planOf(
  ctx: InstituteSeedContext,
  index: number,
  spec: CapabilitySpec,
  standing: Standing,
  slot: number,
): CmcPlanDoc {
  const rng = ctx.rng('plan', index);
  const progress = drawProgress(rng, standing, spec.area, slot);
  const fields: CmcPlanFields = newCmcPlanFields(spec.area, spec.branch, spec.service);
  const bare = progress === 0 && rng.chance(0.25); // just started: nothing but the service
  if (!bare) {
    // A young institute's uncertainties are somewhat larger than the typical ones, never smaller.
    const factor = rng.real(1, 1.6);
    const round = (x: number) => Number((x * factor).toPrecision(2));
    Object.assign(fields, {
      quantity: spec.quantity,
      instrument: spec.instrument,
      instrumentType: spec.instrumentType,
      method: spec.method,
      ...(spec.qm ?? {}),
      ...(spec.ri ?? {}),
      rangeMin: spec.range[0],
      rangeMax: spec.range[1],
      rangeUnit: spec.rangeUnit,
      parameterList: rng.chance(0.8) ? spec.parameters.map((p, i) => ({ id: `p${i + 1}`, ...p })) : [],
      uncertaintyForm: spec.equation ? 'equation' : 'range',
      uncertaintyMin: round(spec.uncertainty[0]),
      uncertaintyMax: round(spec.uncertainty[1]),
      uncertaintyUnit: spec.uncertaintyUnit,
      uncertaintyMode: spec.mode,
      uncertaintyEquation: spec.equation ?? '',
      coverageFactor: 2,
      confidenceLevel: rng.chance(0.8) ? '95.45' : '95',
      referenceStandard: spec.referenceStandard,
      traceabilitySource: `${spec.referenceStandard} calibrated by ${rng.pick(TRACEABILITY_NMIS)}`,
      comparisons: progress > 3 ? [spec.comparison] : [],
      internationalStandard: spec.internationalStandard,
    });
    // A draft sometimes keeps a number as typed: a decimal comma, or the unit typed with it.
    if (progress < STAGE_COUNT && rng.chance(0.1)) {
      const value = String(fields.uncertaintyMax);
      fields.uncertaintyMax = value.includes('.')
        ? value.replace('.', ',')
        : `${value} ${spec.uncertaintyUnit}`;
    }
  }
  // Checked before submission: all of it once submitted, some of it on the way.
  const submitted = progress >= MILESTONES.findIndex((m) => m.key === 'rmo_tc');
  for (const key of CHECKLIST_KEYS)
    fields.checklist[key] = { done: submitted || (progress > 2 && rng.chance(0.4)), note: '' };

  // Done milestones, counted back from the latest: a few months apart, each planned a
  // little before it was done. Then the current one (overdue, due soon or later) and the
  // rest planned ahead, far ones often not yet. Planned and actual dates run in order.
  const actuals: number[] = [];
  let back = ctx.asOfMs - rng.int(10, 120) * DAY;
  for (let i = progress - 1; i >= 0; i--) {
    actuals[i] = back;
    back -= rng.int(60, 200) * DAY;
  }
  let lastPlanned = Number.NEGATIVE_INFINITY;
  let ahead = ctx.asOfMs;
  MILESTONES.forEach(({ key }, i) => {
    const milestone = fields.milestones[key];
    if (i < progress) {
      if (key === 'traceability' && i < progress - 1 && rng.chance(0.1)) {
        milestone.status = 'not_needed';
        milestone.notes = 'Traceability already held through the existing calibration service.';
        return;
      }
      const actual = actuals[i] ?? ctx.asOfMs;
      const planned = actual - rng.int(0, 30) * DAY;
      milestone.status = 'done';
      milestone.actual = isoDay(actual);
      if (rng.chance(0.8)) {
        milestone.planned = isoDay(planned);
        lastPlanned = planned;
      }
      return;
    }
    if (bare) return;
    if (i === progress) {
      milestone.status = rng.chance(0.75) ? 'in_progress' : 'not_started';
      const when = rng.weighted([
        ['overdue', 0.3],
        ['soon', 0.3],
        ['later', 0.4],
      ] as const);
      const planned =
        when === 'overdue'
          ? ctx.asOfMs - rng.int(5, 90) * DAY
          : when === 'soon'
            ? ctx.asOfMs + rng.int(1, 28) * DAY
            : ctx.asOfMs + rng.int(45, 200) * DAY;
      ahead = Math.max(planned, lastPlanned + DAY);
      milestone.planned = isoDay(ahead);
    } else {
      ahead += rng.int(60, 200) * DAY;
      // Far milestones are often not planned yet.
      if (i - progress <= 3 || rng.chance(0.5)) milestone.planned = isoDay(ahead);
    }
    const support = SUPPORT_FOR[key];
    if (support && rng.chance(i === progress ? 0.6 : 0.3)) {
      milestone.support = rng.sample(support, rng.chance(0.8) ? 1 : 2);
      if (rng.chance(0.5)) milestone.provider = providerFor(ctx, rng);
    }
  });
  fields.reviewRounds = roundsOf(rng, progress, fields, spec);
  if (progress === STAGE_COUNT) {
    // KCDB numbers are letters and digits (e.g. APMP-EM-KR-000006OF-2).
    const serial = `${String(rng.int(100, 9999)).padStart(6, '0')}${rng.pick(['', 'A', 'OF', 'JZ', 'CO'])}`;
    fields.kcdbId = `APMP-${spec.area}-${ctx.institute.iso2}-${serial.padStart(8, '0')}-1`;
    const published = Date.parse(`${fields.milestones.published.actual}T00:00:00Z`);
    fields.maintenanceDue = isoDay(published + rng.int(3, 5) * 365 * DAY);
  }
  if (rng.chance(0.4)) fields.serviceId = `${spec.area}-${rng.int(1, 40)}`;

  const earliest = ctx.window(ctx.cycles[0] ?? 2026).start;
  const first = actuals[0] ?? ctx.asOfMs - rng.int(10, 300) * DAY;
  const createdAt = Math.max(earliest, Math.min(first - rng.int(30, 120) * DAY, ctx.asOfMs - DAY));
  const lastDone = actuals[progress - 1] ?? createdAt;
  const updatedAt = Math.min(ctx.asOfMs, Math.max(createdAt, lastDone) + rng.int(0, 20) * DAY);
  return {
    _id: cmcPlanId(ctx.institute.slug, rng.uuid()),
    type: 'cmcplan',
    schemaVersion: CMCPLAN_SCHEMA_VERSION,
    org: ctx.institute.slug,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    updatedBy: rng.pick(ctx.people),
    ...fields,
  };
}

const REVIEWERS = ['APMP TC reviewer', 'Intra-regional reviewer', 'JCRB reviewer from another RMO'];
const COMMENTS = [
  'The uncertainty budget does not include the air buoyancy correction at the smallest values.',
  'Please give the technical evidence for the upper end of the range.',
  'The reference standard named is not traceable through a CMC; state the calibration certificate.',
  'Editorial: units should be in their own column.',
];

/**
 * Review rounds for a plan that reached the submission path: comments at the stages passed
 * or under way, a few of them sending the CMC back (revised and resubmitted about a month
 * later); about two thirds of published CMCs go through without being sent back.
 */
function roundsOf(
  rng: Rng,
  progress: number,
  fields: CmcPlanFields,
  spec: CapabilitySpec,
): CmcPlanFields['reviewRounds'] {
  const rounds: CmcPlanFields['reviewRounds'] = {};
  const reached = ROUND_STAGES.filter((stage) => progress > MILESTONES.findIndex((m) => m.key === stage));
  const sentBack = progress === STAGE_COUNT ? rng.chance(0.35) : rng.chance(0.3);
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  reached.forEach((stage: RoundStage, i) => {
    // Comments arrive while the stage is under way: after the step before it, before it ends.
    const index = MILESTONES.findIndex((m) => m.key === stage);
    const before = MILESTONES[index - 1]?.key;
    const start = before ? fields.milestones[before].actual : '';
    const end = fields.milestones[stage].actual;
    if (!start || !end || day(end) - day(start) < 20 * DAY || !rng.chance(0.7)) return;
    const span = day(end) - day(start);
    const received = day(start) + Math.round(span * 0.3);
    const returned = sentBack && i === reached.length - 1;
    const answered = received + Math.round(span * 0.2);
    rounds[`r${i + 1}`] = {
      stage,
      received: isoDay(received),
      from: `${rng.pick(REVIEWERS)}`,
      comments: rng.pick(COMMENTS),
      answered: isoDay(answered),
      answer: `Revised: ${spec.service.toLowerCase()} rows and evidence updated.`,
      returned,
      resubmitted: returned ? isoDay(answered + Math.round(span * 0.2)) : '',
    };
  });
  return rounds;
}

export const cmcPlanSeed: SeedGenerator = {
  type: 'cmcplan',
  summary: 'CMC plans at every stage of the review path, following each institute’s assessment',
  forInstitute(ctx, earlier) {
    const responses = earlier.filter((d): d is ResponseDoc & SeedDoc => d.type === 'response');
    const standing = standingOf(responses);
    const rng = ctx.rng('plans');
    // A young institute plans one CMC or none; an established one several.
    const count = standing.qualityApproved
      ? rng.int(3, 6)
      : rng.chance(0.12)
        ? 0
        : rng.int(1, standing.quality === 0 ? 1 : 3);
    // First the areas it serves and needs support in, then the others it serves.
    const preferred = [
      ...new Set([
        ...standing.needs.filter((n) => standing.areas.includes(n.area)).map((n) => n.area),
        ...standing.areas,
      ]),
    ];
    const specs = [
      ...preferred.flatMap((area) => rng.shuffle(CAPABILITY_SPECS.filter((spec) => spec.area === area))),
      // and, for an institute that plans more, capabilities in areas it does not serve yet
      ...rng.shuffle(CAPABILITY_SPECS.filter((spec) => !preferred.includes(spec.area))),
    ];
    const first = rng.int(0, STAGE_COUNT - 2);
    return specs.slice(0, count).map((spec, i) => planOf(ctx, i, spec, standing, first + i * 5));
  },
};
