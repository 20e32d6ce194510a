import { describe, expect, it } from 'vitest';
import { applyChoices, mergeLeaves, type Leaf } from '@shared/sync/merge';

const base = {
  _id: 'response:a:dec:2026',
  type: 'response',
  schemaVersion: 2,
  org: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  templateId: 'dec',
  templateVersion: '1',
  cycle: 2026,
  status: 'draft',
  revision: 1,
  history: [],
};
const answer = (value: unknown, at: string, by: string, prev?: string) => ({
  value,
  at,
  by,
  ...(prev ? { prev } : {}),
});
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-02-01T00:00:00.000Z';
const T2 = '2026-03-01T00:00:00.000Z';

function leaf(rev: string, answers: Record<string, unknown>, updatedAt = T1, updatedBy = 'x'): Leaf {
  return { ...base, _rev: rev, answers, updatedAt, updatedBy };
}

describe('merging conflicting revisions', () => {
  const common = { director: answer('Ana', T0, 'ana'), staff: answer(10, T0, 'ana') };

  it('merges edits of different answers, identically whatever the order', () => {
    const mine = leaf('2-aaa', { ...common, director: answer('Ana Cruz', T1, 'ana', `${T0}|ana`) });
    const theirs = leaf('2-bbb', { ...common, staff: answer(12, T2, 'ben', `${T0}|ana`) }, T2, 'ben');
    const one = mergeLeaves([mine, theirs]);
    const two = mergeLeaves([theirs, mine]);
    expect(one).toEqual(two);
    expect(one.conflicts).toEqual([]);
    const answers = one.merged['answers'] as Record<string, { value: unknown }>;
    expect(answers['director']?.value).toBe('Ana Cruz');
    expect(answers['staff']?.value).toBe(12);
    expect(one.merged['updatedBy']).toBe('ben');
    expect(one.identical).toBe(false);
  });

  it('sends two different answers to the same question to the inbox, with who and when', () => {
    const mine = leaf('2-aaa', { ...common, staff: answer(11, T1, 'ana', `${T0}|ana`) });
    const theirs = leaf('2-bbb', { ...common, staff: answer(12, T2, 'ben', `${T0}|ana`) });
    const result = mergeLeaves([mine, theirs]);
    expect(result.conflicts).toEqual([
      {
        field: 'answers.staff',
        options: [
          { rev: '2-bbb', value: 12, at: T2, by: 'ben' },
          { rev: '2-aaa', value: 11, at: T1, by: 'ana' },
        ],
      },
    ]);
    const chosen = applyChoices(result, { 'answers.staff': 11 });
    expect((chosen['answers'] as Record<string, { value: unknown }>)['staff']?.value).toBe(11);
  });

  it('treats an answer made on top of another as the newer one, not a conflict', () => {
    const first = answer(11, T1, 'ana', `${T0}|ana`);
    const onTop = answer(13, T2, 'ben', `${T1}|ana`);
    const result = mergeLeaves([
      leaf('3-ccc', { ...common, staff: onTop }),
      leaf('2-aaa', { ...common, staff: first }),
    ]);
    expect(result.conflicts).toEqual([]);
    expect((result.merged['answers'] as Record<string, { value: unknown }>)['staff']?.value).toBe(13);
  });

  it('does not call it a conflict when both sides typed the same value', () => {
    const result = mergeLeaves([
      leaf('2-aaa', { ...common, staff: answer(12, T1, 'ana', `${T0}|ana`) }),
      leaf('2-bbb', { ...common, staff: answer(12, T2, 'ben', `${T0}|ana`) }),
    ]);
    expect(result.conflicts).toEqual([]);
  });

  it('keeps a submission made on one device and the history of both', () => {
    const submitted = {
      ...leaf('3-sss', common),
      status: 'submitted',
      history: [{ kind: 'submitted', revision: 1, at: T2, by: 'ana' }],
    };
    const result = mergeLeaves([submitted, leaf('2-bbb', { ...common, extra: answer('x', T1, 'ben') })]);
    expect(result.merged['status']).toBe('submitted');
    expect(result.merged['history']).toEqual(submitted.history);
    expect(result.conflicts).toEqual([]);
  });

  it('merges any other document field by field against the common ancestor', () => {
    const ancestor = { _id: 'cmcplan:a:1', type: 'cmcplan', title: 'Mass', unit: 'kg', range: [1, 10] };
    const mine = { ...ancestor, _rev: '2-aaa', title: 'Mass 1 kg' };
    const theirs = { ...ancestor, _rev: '2-bbb', unit: 'g' };
    const merged = mergeLeaves([mine, theirs], ancestor);
    expect(merged.conflicts).toEqual([]);
    expect(merged.merged).toMatchObject({ title: 'Mass 1 kg', unit: 'g', range: [1, 10] });
    const clash = mergeLeaves([mine, { ...theirs, title: 'Mass 5 kg' }], ancestor);
    expect(clash.conflicts.map((c) => c.field)).toEqual(['title']);
    // Without the ancestor, every differing field is for a person to decide.
    expect(mergeLeaves([mine, theirs]).conflicts.map((c) => c.field)).toEqual(['title', 'unit']);
  });

  it('reports identical content, so only the losing revisions need removing', () => {
    const same = leaf('2-aaa', common);
    expect(mergeLeaves([same, { ...same, _rev: '2-bbb' }]).identical).toBe(true);
  });
});
