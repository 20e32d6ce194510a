import { describe, expect, it } from 'vitest';
import { parseDoc } from '../../../shared/docs/registry';
import { upgradeToCurrent, type UpgradeStep } from '../../../shared/docs/upgrade';
import { WorkbenchError } from '../../../shared/errors';

const NOW = '2026-11-24T09:30:00.000Z';

function response(overrides: Record<string, unknown> = {}) {
  return {
    _id: 'response:ph-nml-itdi:institute_profile:2026',
    type: 'response',
    schemaVersion: 1,
    org: 'ph-nml-itdi',
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'Maria Santos',
    templateId: 'institute_profile',
    templateVersion: '2026.1',
    cycle: 2026,
    status: 'draft',
    answers: { staff_total: { value: 37, at: NOW, by: 'Maria Santos' } },
    ...overrides,
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseDoc(raw);
  } catch (error) {
    if (error instanceof WorkbenchError) return [error.code, ...(error.detail ?? [])];
    throw error;
  }
  return [];
}

describe('parseDoc', () => {
  it('accepts a valid response', () => {
    expect(parseDoc(response()).type).toBe('response');
  });

  it('lists every problem with its field, not just the first', () => {
    const problems = problemsOf(response({ org: 'Bad Org', cycle: 1850, updatedBy: '' }));
    expect(problems[0]).toBe('validation-failed');
    expect(problems.some((p) => p.startsWith('org:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('cycle:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('updatedBy:'))).toBe(true);
  });

  it('refuses an id that does not match the institute, template and cycle', () => {
    expect(problemsOf(response({ _id: 'response:other:institute_profile:2026' }))).toContain(
      '_id: The id must be response:ph-nml-itdi:institute_profile:2026 for this institute, template and cycle',
    );
  });

  it('refuses unknown types and documents from a newer app', () => {
    expect(problemsOf({ ...response(), type: 'spaceship' })[0]).toBe('unknown-document-type');
    expect(problemsOf(response({ schemaVersion: 99 }))[0]).toBe('newer-schema');
  });
});

describe('upgradeToCurrent', () => {
  const steps: UpgradeStep[] = [
    { from: 1, name: 'split-name', run: (d) => ({ ...d, first: String(d['name']).split(' ')[0] }) },
    { from: 2, name: 'add-tags', run: (d) => ({ ...d, tags: [] }) },
  ];

  it('applies each step in order and sets the version', () => {
    expect(upgradeToCurrent({ _id: 'x', schemaVersion: 1, name: 'Ana Cruz' }, 3, steps)).toEqual({
      _id: 'x',
      schemaVersion: 3,
      name: 'Ana Cruz',
      first: 'Ana',
      tags: [],
    });
  });

  it('leaves a current document as it is', () => {
    const doc = { _id: 'x', schemaVersion: 3 };
    expect(upgradeToCurrent(doc, 3, steps)).toBe(doc);
  });

  it('says when a step is missing', () => {
    expect(() => upgradeToCurrent({ _id: 'x', schemaVersion: 1 }, 3, steps.slice(1))).toThrow(
      /No upgrade from schema 1/,
    );
  });
});
