/**
 * The `response` seed generator: for each institute and cycle, responses to the shipped
 * questionnaires as people really leave them. The committee's assessment in most cycles
 * (older cycles mostly submitted, some reopened and submitted again; the latest cycle
 * spread between not started, drafts at every stage, and submitted), the institute
 * profile once, in the first cycle, and workshop feedback in about half the cycles.
 */
import type { ResponseDoc } from '../../docs/response/schema';
import type { Template } from '../../forms/model';
import { findShippedTemplate } from '../../forms/shipped';
import { iso, type InstituteSeedContext, type SeedGenerator } from '../context';
import { buildResponse, type ResponseShape } from './build';
import { decAnswers } from './dec-capacity-needs';
import { instituteTraits } from './institute-traits';
import { feedbackAnswers, profileAnswers } from './other-forms';

function shipped(id: string, version?: string): Template {
  const template = findShippedTemplate(id, version);
  if (!template)
    throw new Error(`The shipped template ${id} is missing; the response seed generator needs it.`);
  return template;
}

type State = 'absent' | 'draft' | 'submitted';

function decShape(
  ctx: InstituteSeedContext,
  template: Template,
  k: number,
  diligence: number,
): ResponseShape | undefined {
  const rng = ctx.rng('dec-state', k);
  const latest = k === ctx.cycles.length - 1;
  const state: State = latest
    ? rng.weighted<State>([
        ['absent', 0.18],
        ['draft', 0.5 - 0.25 * diligence],
        ['submitted', 0.25 + 0.35 * diligence],
      ])
    : rng.weighted<State>([
        ['absent', 0.06],
        ['draft', 0.14 - 0.1 * diligence],
        ['submitted', 0.8],
      ]);
  if (state === 'absent') return undefined;
  const draft = state === 'draft';
  return {
    template,
    cycle: ctx.cycles[k] ?? 2026,
    status: state,
    completeness: latest ? rng.real(0.1, 0.95) : rng.real(0.5, 0.95),
    reopened: draft ? latest && rng.chance(0.12) : rng.chance(0.2),
    typed: draft && rng.chance(0.3) ? rng.int(1, 2) : 0,
  };
}

function simpleShape(
  ctx: InstituteSeedContext,
  template: Template,
  k: number,
  submitted: number,
): ResponseShape {
  const rng = ctx.rng(`${template.id}-state`, k);
  const status = rng.chance(submitted) ? 'submitted' : 'draft';
  return {
    template,
    cycle: ctx.cycles[k] ?? 2026,
    status,
    completeness: rng.real(0.4, 0.95),
    reopened: false,
    typed: status === 'draft' && rng.chance(0.2) ? 1 : 0,
  };
}

export const responseSeed: SeedGenerator = {
  type: 'response',
  summary: 'questionnaire responses to the shipped templates, per institute and cycle',
  forInstitute(ctx) {
    const dec = shipped('dec_capacity_needs');
    const profile = shipped('institute_profile');
    // An institute's own feedback (one per cycle, the way before events) stays on the first
    // version, so that a seed keeps giving the data it gave; events' feedback is version 2
    // (../events).
    const feedback = shipped('workshop_feedback', '2026.1');
    const areaCodes = (dec.choiceLists['kcdb_area'] ?? []).map((c) => c.name);
    const traits = instituteTraits(ctx, areaCodes);
    const docs: ResponseDoc[] = [];
    ctx.cycles.forEach((_cycle, k) => {
      const shape = decShape(ctx, dec, k, traits.diligence);
      if (shape) docs.push(buildResponse(ctx, ctx.rng('dec-build', k), shape, decAnswers(ctx, traits, k)));
      if (k === 0 && ctx.rng('profile-present').chance(0.85)) {
        docs.push(
          buildResponse(
            ctx,
            ctx.rng('profile-build'),
            simpleShape(ctx, profile, k, 0.8),
            profileAnswers(ctx, traits),
          ),
        );
      }
      if (ctx.rng('feedback-present', k).chance(0.5)) {
        docs.push(
          buildResponse(ctx, ctx.rng('feedback-build', k), simpleShape(ctx, feedback, k, 0.85), (createdMs) =>
            feedbackAnswers(ctx, traits, k, iso(createdMs).slice(0, 10)),
          ),
        );
      }
    });
    return docs;
  },
};
