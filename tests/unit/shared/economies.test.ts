import { describe, expect, it } from 'vitest';
import { slugSchema } from '../../../shared/ids';
import { listReferenceInstitutes } from '../../../shared/reference/economies';
import economies from '../../../resources/reference/apmp-economies.json';

describe('reference institutes', () => {
  const rows = listReferenceInstitutes(economies);

  it('gives every institute a unique, valid slug', () => {
    expect(rows.length).toBeGreaterThan(15);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(rows.length);
    for (const row of rows) expect(slugSchema.safeParse(row.slug).success, row.slug).toBe(true);
  });

  it('marks candidates and unverified names as inferred, verified entries not', () => {
    const nml = rows.find((r) => r.acronym === 'NML-ITDI');
    expect(nml).toMatchObject({ economy: 'Philippines', slug: 'ph-nml-itdi', inferred: false });
    const vmi = rows.find((r) => r.acronym === 'VMI');
    expect(vmi?.inferred).toBe(true);
    const bangladesh = rows.filter((r) => r.economy === 'Bangladesh');
    expect(bangladesh.length).toBeGreaterThan(0);
    for (const row of bangladesh) expect(row.inferred, row.name).toBe(true);
  });
});
