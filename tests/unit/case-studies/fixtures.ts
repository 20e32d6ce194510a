/** A case study as tests need it: valid, with the essential sections written unless told otherwise. */
import type { CaseStudyDoc } from '../../../shared/docs/casestudy/schema';
import type { CaseStudyActor } from '../../../shared/case-studies/workflow';

export const AT = '2026-11-24T09:30:00.000Z';

export const author: CaseStudyActor = { user: 'Maria Santos', member: true, secretariat: false };
export const colleague: CaseStudyActor = { user: 'Jose Cruz', member: true, secretariat: false };
export const secretariat: CaseStudyActor = { user: 'Sam Secretariat', member: false, secretariat: true };
export const otherInstitute: CaseStudyActor = { user: 'Vika Naidu', member: false, secretariat: false };

export function words(n: number, word = 'metrology'): string {
  return Array.from({ length: n }, () => word).join(' ');
}

export function story(overrides: Partial<CaseStudyDoc> = {}): CaseStudyDoc {
  return {
    _id: 'casestudy:ph-nml-itdi:0b7c3d2e-1111-4a4a-8888-123456789abc',
    type: 'casestudy',
    schemaVersion: 2,
    org: 'ph-nml-itdi',
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'Maria Santos',
    title: 'Rice mills weigh fairly after weighbridge calibration',
    economy: 'Philippines',
    leverageArea: 'LA2',
    leverageAreaFormer: '',
    sdgs: [2, 9],
    areas: ['M'],
    context: words(70),
    challenge: words(60),
    actions: words(90),
    partners: words(20),
    results: words(60),
    impact: words(60),
    lessons: words(40),
    indicators: [
      { id: 'i1', name: 'Days to calibrate a weighbridge', before: '21', after: '3', unit: 'days' },
    ],
    quotes: [{ id: 'q1', text: 'Our customers trust the scale now.', who: 'Ana Reyes', role: 'Mill owner' }],
    photos: {},
    status: 'draft',
    history: [{ action: 'create', to: 'draft', at: AT, by: 'Maria Santos' }],
    comments: {},
    ...overrides,
  };
}

/** The value, or a failed test saying what was missing. */
export function must<T>(value: T | undefined, what = 'a value'): T {
  if (value === undefined) throw new Error(`Expected ${what}`);
  return value;
}
