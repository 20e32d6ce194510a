/** Two people editing one CMC plan offline: milestones merge milestone by milestone, field by field. */
import { describe, expect, it } from 'vitest';
import { newCmcPlanFields, type CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { parseDoc } from '@shared/docs/registry';
import { applyChoices, mergeLeaves, type Leaf } from '@shared/sync/merge';

const base: CmcPlanDoc = {
  _id: 'cmcplan:la-dsm:p1',
  type: 'cmcplan',
  schemaVersion: 2,
  org: 'la-dsm',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'maria',
  ...newCmcPlanFields('M', 'Mass standards', 'Weights'),
};

function edit(rev: string, by: string, change: (p: CmcPlanDoc) => void): Leaf {
  const copy = structuredClone(base);
  change(copy);
  return { ...copy, _rev: rev, updatedBy: by, updatedAt: `2026-11-0${rev[2] === 'a' ? 2 : 3}T00:00:00.000Z` };
}

describe('merging a CMC plan', () => {
  it('keeps both people’s milestones when they completed different ones', () => {
    const maria = edit('2-aaa', 'maria', (p) => {
      p.milestones.quality_system = { ...p.milestones.quality_system, status: 'done', actual: '2026-11-02' };
    });
    const jose = edit('2-bbb', 'jose', (p) => {
      p.milestones.training.planned = '2027-01-15';
      p.milestones.quality_system.notes = 'Audit booked';
      p.rangeUnit = 'kg';
    });
    const result = mergeLeaves([jose, maria], base);
    expect(result.conflicts).toEqual([]);
    const merged = parseDoc(result.merged) as CmcPlanDoc;
    expect(merged.milestones.quality_system).toMatchObject({
      status: 'done',
      actual: '2026-11-02',
      notes: 'Audit booked',
    });
    expect(merged.milestones.training.planned).toBe('2027-01-15');
    expect(merged.rangeUnit).toBe('kg');
    // The same whatever the order the revisions arrived in.
    expect(mergeLeaves([maria, jose], base).merged).toEqual(result.merged);
  });

  it('asks a person when both changed the same field of the same milestone, and applies the choice', () => {
    const maria = edit('2-aaa', 'maria', (p) => (p.milestones.training.planned = '2027-01-15'));
    const jose = edit('2-bbb', 'jose', (p) => (p.milestones.training.planned = '2027-03-01'));
    const result = mergeLeaves([maria, jose], base);
    expect(result.conflicts.map((c) => [c.field, c.options.map((o) => o.value)])).toEqual([
      ['milestones.training.planned', ['2027-03-01', '2027-01-15']],
    ]);
    const chosen = applyChoices(result, { 'milestones.training.planned': '2027-01-15' });
    expect((parseDoc(chosen) as CmcPlanDoc).milestones.training.planned).toBe('2027-01-15');
  });
});
