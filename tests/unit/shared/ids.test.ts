import { describe, expect, it } from 'vitest';
import {
  caseStudyId,
  cmcPlanId,
  responseId,
  slugSchema,
  toSlug,
  typeOfId,
  typeRange,
} from '../../../shared/ids';

describe('document ids', () => {
  it('start with their type so a type is one key range', () => {
    const ids = [
      responseId('ph-nml-itdi', 'profile', 2026),
      cmcPlanId('ph-nml-itdi', 'u1'),
      caseStudyId('ph-nml-itdi', 'u2'),
    ];
    expect(ids).toEqual([
      'response:ph-nml-itdi:profile:2026',
      'cmcplan:ph-nml-itdi:u1',
      'casestudy:ph-nml-itdi:u2',
    ]);
    const { startkey, endkey } = typeRange('response');
    expect(ids.filter((id) => id >= startkey && id <= endkey)).toEqual([ids[0]]);
  });

  it('name their type, and only our types', () => {
    expect(typeOfId('response:a:b:2026')).toBe('response');
    expect(typeOfId('_design/validate')).toBeUndefined();
    expect(typeOfId('_local/checkpoint')).toBeUndefined();
    expect(typeOfId('responsexyz')).toBeUndefined();
  });

  it('make valid slugs from names with accents, punctuation and spaces', () => {
    expect(toSlug('PH', 'NML-ITDI')).toBe('ph-nml-itdi');
    expect(toSlug('VN', 'Viện Đo lường Việt Nam')).toBe('vn-vien-o-luong-viet-nam');
    expect(toSlug('JP', 'NMIJ/AIST')).toBe('jp-nmij-aist');
    expect(slugSchema.safeParse(toSlug('x'.repeat(80))).success).toBe(true);
  });

  it('refuse slugs that would break an id or a database name', () => {
    for (const bad of ['', 'Upper', 'a:b', '-lead', 'trail-', 'a b', 'x'.repeat(41)]) {
      expect(slugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
