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
import { MILESTONES, type MilestoneKey, type SupportType } from '../../cmc/milestones';
import { cmcPlanId } from '../../ids';
import { iso, type InstituteSeedContext, type SeedDoc, type SeedGenerator } from '../context';
import type { Rng } from '../random';
import { SUPPORT_PROVIDERS } from '../text';
import { CAPABILITY_SPECS, TRACEABILITY_SOURCES, type CapabilitySpec } from './capabilities';

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
  quality_system: ['peer_review', 'training'],
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
    Object.assign(fields, {
      quantity: spec.quantity,
      instrument: spec.instrument,
      instrumentType: spec.instrumentType,
      rangeMin: spec.range[0],
      rangeMax: spec.range[1],
      rangeUnit: spec.rangeUnit,
      parameters: rng.chance(0.7) ? spec.parameters : '',
      uncertaintyValue: Number((spec.uncertainty * rng.real(0.8, 1.6)).toPrecision(2)),
      uncertaintyUnit: spec.uncertaintyUnit,
      coverageFactor: 2,
      confidenceLevel: rng.chance(0.8) ? '95.45' : '95',
      relative: spec.relative,
      referenceStandard: spec.referenceStandard,
      traceabilitySource: rng.pick(TRACEABILITY_SOURCES),
      comparisons: progress > 3 ? [spec.comparison] : [],
    });
    // A draft sometimes keeps a number as typed: a decimal comma, or the unit typed with it.
    if (progress < STAGE_COUNT && rng.chance(0.1)) {
      const value = String(fields.uncertaintyValue);
      fields.uncertaintyValue = value.includes('.')
        ? value.replace('.', ',')
        : `${value} ${spec.uncertaintyUnit}`;
    }
  }

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
  if (progress === STAGE_COUNT) {
    const serial = String(rng.int(100, 99999)).padStart(8, '0');
    fields.kcdbId = `APMP-${spec.area}-${ctx.institute.iso2}-${serial}-1`;
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
