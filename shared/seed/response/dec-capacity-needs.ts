/**
 * Answers to the committee's capacity-and-needs assessment (`dec_capacity_needs`, see
 * scripts/templates/dec-capacity-needs.ts for its questions) for one institute and
 * cycle: figures that follow the institute's trend with some noise, services per area
 * served, a quality system that progresses, and needs carried across cycles with the
 * same repeat instance ids (as "start this cycle from last cycle's answers" keeps them).
 */
import type { AnswerValue } from '../../docs/response/schema';
import type { InstituteSeedContext } from '../context';
import type { Rng } from '../random';
import {
  AREA_SERVICES,
  EQUIPMENT_GAPS,
  FACILITY_GAPS,
  NATIONAL_PRIORITIES,
  SUPPORT_PROVIDERS,
} from '../text';
import { areasAt, maturityAt, type InstituteTraits } from './institute-traits';

type Values = Record<string, AnswerValue>;

const COMMON_SDGS = ['sdg3', 'sdg6', 'sdg7', 'sdg8', 'sdg9', 'sdg12', 'sdg13', 'sdg17'];

const BUDGET_BANDS = ['lt_100k', '100k_500k', '500k_2m', '2m_10m', 'gt_10m'] as const;

/** A figure that follows the institute's trend from cycle to cycle, with noise. */
function trend(base: number, traits: InstituteTraits, k: number, rng: Rng, noise = 0.08): number {
  return Math.max(0, Math.round(base * (1 + traits.growth) ** k * (1 + rng.normal(0, noise))));
}

/** The year of the RMO's approval of the quality system, if it happened by cycle `k`. */
function approvalYear(ctx: InstituteSeedContext, traits: InstituteTraits, k: number): number | undefined {
  for (let i = 0; i <= k; i++) {
    if (maturityAt(traits, i) >= 0.7) {
      const year = ctx.cycles[i] ?? 2026;
      // Approved before the first cycle: some years earlier, after the institute was founded.
      return i === 0
        ? Math.max(traits.yearEstablished + 5, year - 1 - Math.round(traits.maturity * 8))
        : year;
    }
  }
  return undefined;
}

export function decAnswers(ctx: InstituteSeedContext, traits: InstituteTraits, k: number): Values {
  const rng = ctx.rng('dec_capacity_needs', k);
  const cycle = ctx.cycles[k] ?? 2026;
  const maturity = maturityAt(traits, k);
  const optional = () => rng.chance(traits.keen);
  const values: Values = {};

  // Profile and staff.
  values['legal_status'] = traits.legalStatus;
  if (traits.legalStatusOther) values['legal_status_other'] = traits.legalStatusOther;
  if (optional()) values['parent_body'] = traits.parentBody;
  if (optional()) values['year_established'] = traits.yearEstablished;
  const staff = {
    scientists: trend(traits.staff.scientists, traits, k, rng, 0.05),
    technicians: trend(traits.staff.technicians, traits, k, rng, 0.05),
    support: trend(traits.staff.support, traits, k, rng, 0.05),
  };
  values['staff_scientists'] = staff.scientists;
  values['staff_technicians'] = staff.technicians;
  if (optional()) values['staff_support'] = staff.support;
  if (optional()) {
    const band = Math.min(BUDGET_BANDS.length - 1, Math.floor(traits.size * 4 + maturity * 1.2));
    values['budget_band'] = rng.chance(0.08) ? 'unknown' : (BUDGET_BANDS[band] ?? 'lt_100k');
  }

  // Services per area served (repeat_count: the instances are 1…n in the order selected).
  const areas = areasAt(traits, k);
  values['areas_served'] = areas;
  areas.forEach((area, i) => {
    const key = (name: string) => `area_services#${i + 1}/${name}`;
    const areaRng = ctx.rng('area', area);
    const weight = 1 - i / (areas.length + 1);
    values[key('service_area')] = area;
    if (optional())
      values[key('service_description')] = areaRng.pick(AREA_SERVICES[area] ?? ['Calibration services']);
    if (optional())
      values[key('service_customers')] = trend(
        Math.round(10 + 300 * traits.size * weight),
        traits,
        k,
        rng,
        0.15,
      );
    const published = Math.max(0, Math.floor((maturity - 0.45) * 12 * weight + areaRng.real(0, 1.5)));
    values[key('cmcs_published')] = published;
    if (optional())
      values[key('cmcs_planned')] = Math.max(0, Math.round(maturity * 5 * weight + rng.real(-1, 2)));
  });

  // Quality system: none → developing → implemented → approved by the RMO.
  values['iso17025'] = maturity < 0.25 ? 'none' : maturity < 0.5 ? 'developing' : 'implemented';
  if (values['iso17025'] === 'implemented') {
    const approved = approvalYear(ctx, traits, k);
    values['qs_rmo_approved'] = approved ? 'yes' : 'no';
    if (approved) values['qs_approval_year'] = approved;
  }
  if (maturity > 0.45 && optional()) {
    values['peer_review_year'] = Math.min(
      cycle,
      (ctx.cycles[0] ?? cycle) - 2 + Math.floor(k / 2) * 2 + (maturity > 0.7 ? 1 : 0),
    );
  }

  // Comparisons.
  const comparisons = Math.max(0, Math.round(maturity * 7 + rng.real(-2, 1.5)));
  values['comparisons_5y'] = comparisons;
  if (comparisons > 0)
    values['comparison_areas'] = rng.sample(
      areas,
      Math.min(areas.length, Math.max(1, Math.ceil(comparisons / 2))),
    );

  // Facilities and equipment.
  if (optional()) values['facility_gaps'] = ctx.rng('facility').pick(FACILITY_GAPS);
  if (optional()) values['equipment_gaps'] = rng.pick(EQUIPMENT_GAPS);

  // Needs: those listed in this cycle, in the order they were first added.
  const needs = traits.needs.filter((n) => n.from <= k && k <= n.to);
  values['need'] = needs.map((n) => n.id);
  for (const need of needs) {
    const key = (name: string) => `need#${need.id}/${name}`;
    values[key('need_area')] = need.area;
    values[key('need_type')] = need.type;
    // Priorities move a little as other needs come and go.
    values[key('need_priority')] = Math.max(
      1,
      Math.min(5, need.priority + (k > need.from ? rng.int(-1, 1) : 0)),
    );
    if (optional()) values[key('need_description')] = need.description;
  }

  // Support received in the last cycle.
  if (k > 0 || rng.chance(0.6)) {
    const count = rng.int(0, Math.min(3, 1 + Math.round(maturity * 3)));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `${ctx.window(cycle).start.toString(36)}${rng.base36(3)}`;
      ids.push(id);
      const key = (name: string) => `support_received#${id}/${name}`;
      values[key('support_provider')] = rng.pick(SUPPORT_PROVIDERS);
      if (optional())
        values[key('support_type')] = rng.pick([
          'training',
          'equipment',
          'traceability',
          'comparison',
          'peer_review',
        ]);
      if (optional()) values[key('support_days')] = Math.round(rng.real(0.5, 30) * 2) / 2;
    }
    if (ids.length > 0) values['support_received'] = ids;
  }

  // Key annual indicators.
  const calibrations = trend(staff.technicians * (40 + 110 * maturity), traits, 0, rng, 0.12);
  values['ind_calibrations'] = calibrations;
  values['ind_customers'] = Math.max(1, Math.round(calibrations / rng.real(3, 8)));
  if (optional())
    values['ind_staff_trained'] = rng.int(
      0,
      Math.max(1, Math.round((staff.scientists + staff.technicians) / 3)),
    );
  const submitted = Math.max(0, Math.round((maturity - 0.5) * 6 + rng.real(-1, 1.5)));
  if (optional()) values['ind_cmcs_submitted'] = submitted;
  if (optional()) values['ind_cmcs_published'] = Math.max(0, submitted - rng.int(0, 2));

  // National priorities and the SDGs they serve.
  if (optional()) {
    const pr = ctx.rng('priorities');
    values['national_priorities'] = pr.sample(NATIONAL_PRIORITIES, pr.int(1, 2)).join(' ');
  }
  if (optional())
    values['sdgs'] = ctx
      .rng('sdgs')
      .sample(COMMON_SDGS, rng.int(2, 4))
      .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  return values;
}
