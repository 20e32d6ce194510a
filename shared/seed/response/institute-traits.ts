/**
 * What a training institute is like, decided once per institute so that its answers
 * tell one story across cycles: its size, how far along it is (quality system, CMCs,
 * comparisons), the metrology areas it serves, how fast it grows, and the needs it
 * carries from cycle to cycle until they are met.
 */
import type { InstituteSeedContext } from '../context';
import { AREA_EQUIPMENT, AREA_NAMES, NEED_TEXT, PARENT_BODIES } from '../text';

/** KCDB areas weighted by how often a developing economy's NMI serves them. */
const AREA_WEIGHTS: Readonly<Record<string, number>> = {
  M: 10,
  T: 9,
  L: 7,
  EM: 7,
  TF: 5,
  PR: 3,
  QM: 3,
  AUV: 2,
  RI: 2,
};

const NEED_TYPE_WEIGHTS = [
  ['training', 5],
  ['equipment', 4],
  ['traceability', 3],
  ['comparison', 2],
  ['peer_review', 2],
  ['quality_system', 2],
] as const;

export interface NeedSpec {
  /** The repeat instance id, made once as the app makes them and kept across cycles. */
  id: string;
  area: string;
  type: string;
  priority: number;
  description: string;
  /** Cycle indexes (0 = first cycle) in which the need is listed. */
  from: number;
  to: number;
}

export interface InstituteTraits {
  /** 0 (a handful of staff) to 1 (a large NMI). */
  size: number;
  /** 0 (just starting) to 1 (CMCs in several areas) at the first cycle. */
  maturity: number;
  /** Added to maturity each cycle. */
  maturityGain: number;
  /** Yearly growth of staff and activity (negative when budgets shrink). */
  growth: number;
  /** Chance of answering an optional question. */
  keen: number;
  /** 0–1: how early and how completely the institute submits. */
  diligence: number;
  legalStatus: string;
  legalStatusOther?: string;
  parentBody: string;
  yearEstablished: number;
  staff: { scientists: number; technicians: number; support: number };
  /** Areas served in the first cycle, most important first. */
  areas: string[];
  /** An area added in a later cycle, with the cycle index. */
  newArea?: { area: string; from: number };
  needs: NeedSpec[];
}

/** Maturity in cycle `k`, capped at 1. */
export function maturityAt(traits: InstituteTraits, k: number): number {
  return Math.min(1, traits.maturity + traits.maturityGain * k);
}

export function areasAt(traits: InstituteTraits, k: number): string[] {
  return traits.newArea && k >= traits.newArea.from ? [...traits.areas, traits.newArea.area] : traits.areas;
}

export function instituteTraits(ctx: InstituteSeedContext, areaCodes: readonly string[]): InstituteTraits {
  const rng = ctx.rng('traits');
  const size = rng.next() ** 1.4;
  const maturity = Math.min(0.95, rng.next() * 0.6 + size * 0.35);
  const weighted = areaCodes.map((code) => [code, AREA_WEIGHTS[code] ?? 1] as const);
  const areaCount = Math.max(
    1,
    Math.min(areaCodes.length - 1, Math.round(1 + size * 5 + rng.real(-0.5, 1.5))),
  );
  const areas: string[] = [];
  while (areas.length < areaCount) {
    const area = rng.weighted(weighted.filter(([code]) => !areas.includes(code)));
    areas.push(area);
  }
  const unused = areaCodes.filter((code) => !areas.includes(code));
  const cycles = ctx.cycles.length;
  const newArea =
    cycles > 1 && unused.length > 0 && rng.chance(0.35)
      ? { area: rng.pick(unused), from: rng.int(1, cycles - 1) }
      : undefined;
  const legalStatus = rng.weighted([
    ['government_agency', 5],
    ['ministry_laboratory', 3],
    ['statutory_body', 3],
    ['university', 1],
    ['private', 0.5],
    ['other', 0.5],
  ] as const);
  const scale = (min: number, max: number) =>
    Math.round(min * (max / min) ** (size * 0.8 + rng.real(0, 0.2)));
  const traits: InstituteTraits = {
    size,
    maturity,
    maturityGain: rng.real(0.02, 0.1),
    growth: rng.real(-0.04, 0.1),
    keen: rng.real(0.6, 0.97),
    diligence: rng.next(),
    legalStatus,
    ...(legalStatus === 'other'
      ? { legalStatusOther: 'Foundation under the ministry responsible for trade' }
      : {}),
    parentBody: rng.pick(PARENT_BODIES),
    yearEstablished: rng.int(1958, 2012),
    staff: { scientists: scale(2, 80), technicians: scale(2, 50), support: scale(1, 30) },
    areas,
    ...(newArea ? { newArea } : {}),
    needs: [],
  };
  traits.needs = needPool(ctx, traits, areaCodes);
  return traits;
}

/**
 * The needs an institute lists over the cycles: some met and dropped, new ones added,
 * mostly in its own areas but spread over every KCDB area across institutes.
 */
function needPool(
  ctx: InstituteSeedContext,
  traits: InstituteTraits,
  areaCodes: readonly string[],
): NeedSpec[] {
  const rng = ctx.rng('needs');
  const cycles = ctx.cycles.length;
  const count = rng.int(2, 4) + cycles * rng.int(1, 2);
  const needs: NeedSpec[] = [];
  for (let i = 0; i < count; i++) {
    const from = i < 3 ? 0 : rng.int(0, cycles - 1);
    const to = rng.chance(0.5) ? cycles - 1 : rng.int(from, cycles - 1);
    const own = rng.chance(0.65) ? areasAt(traits, from) : areaCodes;
    const area = rng.pick(own);
    // A young institute's first need is often its quality system; nobody lists it twice.
    const listed = needs.some((n) => n.type === 'quality_system');
    const young = maturityAt(traits, from) < 0.35;
    const type =
      young && !listed && rng.chance(0.5)
        ? 'quality_system'
        : rng.weighted(NEED_TYPE_WEIGHTS.filter(([t]) => !listed || t !== 'quality_system'));
    const equipment = rng.pick(AREA_EQUIPMENT[area] ?? ['reference standards']);
    const describe = NEED_TEXT[type] ?? NEED_TEXT['training'];
    const cycle = ctx.cycles[from] ?? ctx.cycles[0] ?? 2026;
    const madeAt = ctx.window(cycle).start + rng.int(0, 20 * 86_400_000);
    needs.push({
      id: `${madeAt.toString(36)}${rng.base36(3)}`,
      area,
      type,
      priority: rng.int(1, 5),
      description: describe ? describe(AREA_NAMES[area] ?? area, equipment) : `Support in ${area}`,
      from,
      to,
    });
  }
  // Listed in the order they were added, as the app appends new instances.
  return needs
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.from - b.n.from || a.i - b.i)
    .map(({ n }) => n);
}
