import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/errors';
import type { ResponseDoc } from '../../../shared/docs/response/schema';
import { openLocalDb, type LocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const opened: LocalDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

function setup(user = 'Maria Santos') {
  const org = uniqueOrg('nml');
  const db = openLocalDb(org, MemoryPouch);
  opened.push(db);
  let tick = Date.parse('2026-11-24T09:00:00Z');
  const clock = () => new Date((tick += 1000));
  return { org, db, repo: new Repository(db, { org, user }, clock), clock };
}

describe('Repository', () => {
  it('creates one draft per template and cycle, and opens it again', async () => {
    const { org, repo } = setup();
    const first = await repo.createResponse('institute_profile', '2026.1', 2026);
    expect(first._id).toBe(`response:${org}:institute_profile:2026`);
    expect(first).toMatchObject({
      status: 'draft',
      schemaVersion: 2,
      revision: 1,
      history: [],
      updatedBy: 'Maria Santos',
      answers: {},
    });
    const again = await repo.createResponse('institute_profile', '2026.1', 2026);
    expect(again._rev).toBe(first._rev);
  });

  it('stamps each changed answer with who, when and what it replaced', async () => {
    const { repo } = setup();
    const doc = await repo.createResponse('institute_profile', '2026.1', 2026);
    const one = await repo.saveAnswers(doc._id, { staff_total: 12, director_name: 'Dr. Dizon' });
    const two = await repo.saveAnswers(doc._id, { staff_total: 13, director_name: 'Dr. Dizon' });
    const before = one.answers['staff_total'];
    const after = two.answers['staff_total'];
    expect(after?.value).toBe(13);
    expect(after?.prev).toBe(`${before?.at}|${before?.by}`);
    // An unchanged answer keeps its stamp: nothing was edited.
    expect(two.answers['director_name']).toEqual(one.answers['director_name']);
  });

  it('writes nothing when a document fails its schema, and says what is wrong', async () => {
    const { db, repo } = setup();
    const doc = await repo.createResponse('institute_profile', '2026.1', 2026);
    const bad = { ...doc, cycle: 1850 } as ResponseDoc;
    const error = await repo.put(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).code).toBe('validation-failed');
    expect((error as WorkbenchError).detail?.join('\n')).toMatch(/cycle:/);
    expect(((await db.get(doc._id)) as ResponseDoc).cycle).toBe(2026);
  });

  it('keeps edits made elsewhere to other questions when two saves race', async () => {
    const { org, db, repo } = setup('Maria Santos');
    const doc = await repo.createResponse('institute_profile', '2026.1', 2026);
    const other = new Repository(db, { org, user: 'Jose Reyes' });
    await Promise.all([
      repo.saveAnswers(doc._id, { staff_total: 37 }),
      other.saveAnswers(doc._id, { director_name: 'Dr. Dizon' }),
    ]);
    const saved = await repo.getResponse(doc._id);
    expect(saved?.answers['staff_total']?.value).toBe(37);
    expect(saved?.answers['director_name']?.value).toBe('Dr. Dizon');
  });

  it('reports a full disk in plain words', async () => {
    const { db, repo } = setup();
    const doc = await repo.createResponse('institute_profile', '2026.1', 2026);
    db.put = () =>
      Promise.reject(
        Object.assign(new Error('QuotaExceededError: The quota has been exceeded.'), {
          name: 'QuotaExceededError',
        }),
      );
    const error = (await repo
      .saveAnswers(doc._id, { staff_total: 1 })
      .catch((e: unknown) => e)) as WorkbenchError;
    expect(error.code).toBe('storage-full');
    expect(error.message).toMatch(/storage is full/);
  });

  it('submits, refuses changes while submitted, and reopens as a new revision with its reason', async () => {
    const { repo } = setup();
    const doc = await repo.createResponse('institute_profile', '2026.1', 2026, {
      director_name: 'Dr. Dizon',
    });
    expect(doc.answers['director_name']?.value).toBe('Dr. Dizon');

    const submitted = await repo.submitResponse(doc._id, { ended: '2026-11-24T10:00:00Z' });
    expect(submitted).toMatchObject({ status: 'submitted', revision: 1 });
    expect(submitted.history).toEqual([
      expect.objectContaining({ kind: 'submitted', revision: 1, by: 'Maria Santos' }),
    ]);
    expect(submitted.answers['ended']?.value).toBe('2026-11-24T10:00:00Z');

    await expect(repo.saveAnswers(doc._id, { director_name: 'Someone else' })).rejects.toMatchObject({
      code: 'read-only',
    });
    await expect(repo.reopenResponse(doc._id, '   ')).rejects.toMatchObject({ code: 'invalid-input' });

    const reopened = await repo.reopenResponse(doc._id, 'Budget figures were corrected');
    expect(reopened).toMatchObject({ status: 'draft', revision: 2 });
    expect(reopened.history.at(-1)).toMatchObject({
      kind: 'reopened',
      revision: 2,
      reason: 'Budget figures were corrected',
    });
    const edited = await repo.saveAnswers(doc._id, { director_name: 'Dr. R. Dizon' });
    expect(edited.answers['director_name']).toMatchObject({
      value: 'Dr. R. Dizon',
      prev: expect.any(String),
    });
  });

  it('upgrades a schema 1 response to revisions when it is read', async () => {
    const { org, db, repo } = setup();
    await db.put({
      _id: `response:${org}:institute_profile:2025`,
      type: 'response',
      schemaVersion: 1,
      org,
      createdAt: '2025-03-01T10:00:00Z',
      updatedAt: '2025-03-02T10:00:00Z',
      updatedBy: 'Ana',
      templateId: 'institute_profile',
      templateVersion: '2026.1',
      cycle: 2025,
      status: 'submitted',
      answers: {},
    });
    const doc = await repo.getResponse(`response:${org}:institute_profile:2025`);
    expect(doc).toMatchObject({ schemaVersion: 2, revision: 1, status: 'submitted' });
    expect(doc?.history).toEqual([{ kind: 'submitted', revision: 1, at: '2025-03-02T10:00:00Z', by: 'Ana' }]);
  });

  it('stores an imported template once, and refuses a different form under the same id and version', async () => {
    const { repo } = setup();
    const { instituteProfileTemplate } = await import('../../../shared/forms/builtin');
    const template = { ...instituteProfileTemplate, id: 'my_form' };
    await repo.saveTemplate(template, 'my_form.xlsx');
    await expect(repo.saveTemplate(template, 'again.xlsx')).resolves.toMatchObject({
      source: 'my_form.xlsx',
    });
    expect(await repo.getTemplate('my_form', '2026.1')).toEqual(template);
    await expect(repo.saveTemplate({ ...template, title: 'Changed' }, 'changed.xlsx')).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
