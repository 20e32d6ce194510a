/**
 * Answers to the two smaller shipped forms: the institute profile (filled once, in the
 * first cycle) and the workshop feedback form (after a workshop, in some cycles).
 */
import type { AnswerValue } from '../../docs/response/schema';
import type { InstituteSeedContext } from '../context';
import { MOST_USEFUL, TO_CHANGE, WORKSHOPS } from '../text';
import { maturityAt, type InstituteTraits } from './institute-traits';

type Values = Record<string, AnswerValue>;

export function profileAnswers(ctx: InstituteSeedContext, traits: InstituteTraits): Values {
  const rng = ctx.rng('institute_profile');
  const maturity = maturityAt(traits, 0);
  const values: Values = {
    director_name: ctx.people[1] ?? ctx.people[0] ?? 'Director',
    staff_total: traits.staff.scientists + traits.staff.technicians + traits.staff.support,
    quality_system:
      maturity < 0.25 ? 'none' : maturity < 0.5 ? 'developing' : maturity < 0.7 ? 'implemented' : 'approved',
  };
  const top = [...traits.needs].filter((n) => n.from === 0).sort((a, b) => a.priority - b.priority);
  if (top.length > 0 && rng.chance(traits.keen)) {
    values['main_needs'] = top
      .slice(0, 3)
      .map((n) => n.description)
      .join('; ');
  }
  return values;
}

export function feedbackAnswers(
  ctx: InstituteSeedContext,
  traits: InstituteTraits,
  k: number,
  createdDay: string,
): Values {
  const rng = ctx.rng('workshop_feedback', k);
  const optional = () => rng.chance(traits.keen);
  const overall = rng.weighted([
    ['5', 4],
    ['4', 5],
    ['3', 2],
    ['2', 0.5],
  ] as const);
  const near = (rating: string) => String(Math.max(1, Math.min(5, Number(rating) + rng.int(-1, 1))));
  const values: Values = { workshop_name: rng.pick(WORKSHOPS), rating_overall: overall };
  if (optional()) {
    const day = new Date(`${createdDay}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - rng.int(0, 3));
    values['workshop_date'] = day.toISOString().slice(0, 10);
  }
  const role = rng.weighted([
    ['director', 2],
    ['quality_manager', 2],
    ['technical', 5],
    ['other', 1],
  ] as const);
  values['role'] = role;
  if (role === 'other' && optional()) values['role_other'] = 'Head of customer services';
  for (const name of ['rating_content', 'rating_facilitation', 'rating_materials']) {
    if (optional()) values[name] = near(overall);
  }
  if (optional()) values['most_useful'] = rng.pick(MOST_USEFUL);
  if (optional()) values['to_change'] = rng.pick(TO_CHANGE);
  if (optional()) values['colleagues_to_train'] = rng.int(0, 12);
  if (optional()) values['would_recommend'] = Number(overall) >= 3 || rng.chance(0.3) ? 'yes' : 'no';
  return values;
}
