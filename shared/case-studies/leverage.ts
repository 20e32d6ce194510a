/**
 * The leverage areas of the DEC strategic plan (LA1–LA5) and their work packages, read from
 * resources/reference/dec-strategic-plan.json, which holds the plan's own codes and titles
 * (nothing in it is inferred). Every kind of work the app tags by leverage area uses these
 * codes: case studies now, funding, activities and events later.
 *
 * Stories written before the plan's list reached the app were tagged with six provisional
 * areas invented for the project; `RETIRED_LEVERAGE_AREAS` says where each went
 * (shared/docs/casestudy/upgrade/001-plan-leverage-areas.ts).
 */
import planFile from '../../resources/reference/dec-strategic-plan.json' with { type: 'json' };
import { z } from 'zod';

const planSchema = z.object({
  source: z.string(),
  leverage_areas: z.array(
    z.object({
      code: z.string().regex(/^LA\d$/),
      title: z.string(),
      work_packages: z.array(
        z.object({ code: z.string().regex(/^LA\d-WP\d$/), activities: z.array(z.string()) }),
      ),
    }),
  ),
  plan_outcomes_for_monitoring: z.array(z.string()),
});

export interface WorkPackage {
  /** e.g. LA1-WP4 */
  code: string;
  activities: readonly string[];
}

export interface LeverageArea {
  /** LA1 … LA5 */
  code: string;
  label: string;
  workPackages: readonly WorkPackage[];
}

const plan = planSchema.parse(planFile);

/** Where the list comes from, for screens that cite it. */
export const LEVERAGE_SOURCE = plan.source;

export const LEVERAGE_AREAS: readonly LeverageArea[] = plan.leverage_areas.map((area) => ({
  code: area.code,
  label: area.title,
  workPackages: area.work_packages.map((wp) => ({ code: wp.code, activities: wp.activities })),
}));

export const WORK_PACKAGES: readonly WorkPackage[] = LEVERAGE_AREAS.flatMap((a) => a.workPackages);

/** The outcomes the plan says it will monitor (for reports). */
export const PLAN_OUTCOMES: readonly string[] = plan.plan_outcomes_for_monitoring;

export function isLeverageCode(code: string): boolean {
  return LEVERAGE_AREAS.some((a) => a.code === code);
}

/** "LA2 — Collaborate to contribute to the SDGs…", or the code as it is when unknown. */
export function leverageLabel(code: string): string {
  const area = LEVERAGE_AREAS.find((a) => a.code === code);
  return area ? `${area.code} — ${area.label}` : code;
}

/** The leverage area a work package belongs to (LA1-WP4 → LA1). */
export function leverageOfWorkPackage(code: string): string | undefined {
  return LEVERAGE_AREAS.find((a) => a.workPackages.some((wp) => wp.code === code))?.code;
}

/**
 * The provisional areas of the first release, with the plan's leverage area each moved to,
 * or none where no leverage area of the plan is near enough (the story keeps the old label in
 * `leverageAreaFormer` and says so until someone chooses).
 */
export const RETIRED_LEVERAGE_AREAS: Readonly<Record<string, { label: string; to: string | null }>> = {
  // LA5-WP2: priority activities toward CMCs, comparisons and peer assessments.
  capability: { label: 'Measurement capability and CMCs', to: 'LA5' },
  // Accreditation, standards and legal metrology are outside the plan's leverage areas.
  'quality-infrastructure': {
    label: 'Quality infrastructure: accreditation, standards, legal metrology',
    to: null,
  },
  // Training and retaining staff is spread over LA3 (leadership) and LA5 (targeted training).
  people: { label: 'People: training and retaining staff', to: null },
  // LA2: stakeholder engagement with industry and sectoral stakeholders (LA2-WP2).
  'industry-trade': { label: 'Services to industry, trade and regulators', to: 'LA2' },
  // LA2: collaborate with other regional stakeholders (LA2-WP3).
  cooperation: { label: 'Regional cooperation and partnerships', to: 'LA2' },
  // LA2: effective stakeholder engagement, national workshops with key stakeholders.
  awareness: { label: 'Awareness of metrology among decision makers', to: 'LA2' },
};
