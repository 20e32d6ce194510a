import { describe, expect, it } from 'vitest';
import { readinessOf, sectionStatus } from '@shared/forms/readiness';
import { evaluateForm, GENERAL_SECTION } from '@shared/forms/rules';
import { findShippedTemplate } from '@shared/forms/shipped';

const feedback = findShippedTemplate('workshop_feedback');
const env = { now: new Date('2026-11-24T09:00:00Z') };
const everyGeneralAnswer = {
  workshop_name: 'Mass calibration',
  workshop_date: '2026-11-20',
  participant_name: 'Ana Cruz',
  participant_institute: 'NML-PH',
  role: 'quality_manager',
  implementation_plan: 'An uncertainty budget for every mass calibration',
  most_useful: 'Exercises',
  to_change: 'More lab time',
  would_recommend: 'yes',
  rating_overall: '4',
};

describe('ready to submit', () => {
  it('is not ready, and its section not complete, while an answer is out of range, even with every question answered', () => {
    if (!feedback) throw new Error('workshop feedback template missing');
    const evaluation = evaluateForm(feedback, { ...everyGeneralAnswer, colleagues_to_train: 600 }, env);
    // The top-level questions after the ratings are a section of their own, as the form orders them.
    const after = evaluation.sections.find((s) => s.name.startsWith(GENERAL_SECTION) && s.invalid.length > 0);
    expect(after && after.answered === after.total).toBe(true);
    expect(evaluation.missing).toEqual([]);
    expect(readinessOf(evaluation)).toMatchObject({ ready: false, toFix: ['colleagues_to_train'] });
    expect(after && sectionStatus(after)).toBe('to-fix');
  });

  it('is ready once every required answer is there and every answer is valid', () => {
    if (!feedback) throw new Error('workshop feedback template missing');
    const evaluation = evaluateForm(feedback, { ...everyGeneralAnswer, colleagues_to_train: 6 }, env);
    expect(readinessOf(evaluation)).toMatchObject({ ready: true, toFix: [] });
    for (const section of evaluation.sections.filter((s) => s.name.startsWith(GENERAL_SECTION))) {
      expect(sectionStatus(section), section.name).toBe('complete');
    }
  });

  it('lists what to complete and what to correct once each, in form order', () => {
    if (!feedback) throw new Error('workshop feedback template missing');
    const evaluation = evaluateForm(
      feedback,
      { workshop_date: '20/11/2026', colleagues_to_train: 'six' },
      env,
    );
    expect(readinessOf(evaluation).toFix).toEqual([
      'workshop_name',
      'workshop_date',
      'rating_overall',
      'colleagues_to_train',
    ]);
  });
});
