import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { InstituteDoc } from '../../../shared/docs/institute/schema';
import { shippedTemplates } from '../../../shared/forms/shipped';
import { adoptLibraryTemplate } from '../../../renderer/src/data/library-templates';
import {
  closeWorkspace,
  openWorkspace,
  rebuildReadModel,
  type Workspace,
} from '../../../renderer/src/data/workspace';
import { directoryView, instituteLabel } from '../../../renderer/src/features/institutes/directory-view';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const NOW = '2026-11-24T09:30:00.000Z';
const [shipped] = shippedTemplates;
if (!shipped) throw new Error('the app ships at least one template');
const open: Workspace[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) {
    await closeWorkspace(ws);
    await Dexie.delete(ws.readModel.name);
  }
});

async function workspace(): Promise<Workspace> {
  const org = uniqueOrg('lib');
  const ws = await openWorkspace({ org, user: 'Sam' }, MemoryPouch, { libraryName: `library-${org}` });
  open.push(ws);
  return ws;
}

function institute(org: string, name: string, extra: Partial<InstituteDoc> = {}): InstituteDoc {
  return {
    _id: `institute:${org}`,
    type: 'institute',
    schemaVersion: 1,
    org,
    createdAt: NOW,
    updatedAt: NOW,
    updatedBy: 'workbench setup',
    name,
    acronym: '',
    economy: 'Testland',
    inferred: false,
    source: 'given',
    ...extra,
  };
}

describe('the library in the read model', () => {
  it('lists the directory and published templates from their own checkpoint, and rebuilds both', async () => {
    const ws = await workspace();
    await ws.library.bulkDocs([institute('b', 'Bureau B'), institute('a', 'Institute A')]);
    const published = {
      ...shipped,
      id: 'published_form',
      version: '1',
      title: 'Published form',
    };
    await ws.libraryRepository.saveTemplate(published, 'published.xlsx');
    await ws.libraryProjector.catchUp();
    expect((await ws.readModel.institutes.orderBy('name').toArray()).map((r) => r.name)).toEqual([
      'Bureau B',
      'Institute A',
    ]);
    expect(await ws.readModel.libraryTemplates.toArray()).toEqual([
      expect.objectContaining({ templateId: 'published_form', title: 'Published form' }),
    ]);
    // The institute's own projector has its own checkpoint and lists none of it.
    expect(await ws.readModel.templates.count()).toBe(0);
    expect(await ws.readModel.meta.get('checkpoint:library')).toBeDefined();

    // A document of a newer app version is a problem, named as the library's.
    await ws.library.put({ ...institute('c', 'C'), schemaVersion: 9 });
    await ws.libraryProjector.catchUp();
    expect((await ws.readModel.problems.toArray()).map((p) => p.id)).toEqual(['dec-library/institute:c']);

    const rebuilt = await rebuildReadModel(ws);
    open.splice(open.indexOf(ws), 1, rebuilt);
    expect(await rebuilt.readModel.institutes.count()).toBe(2);
    expect(await rebuilt.readModel.libraryTemplates.count()).toBe(1);
    expect(await rebuilt.readModel.problems.count()).toBe(1);
    // Still following the library after the rebuild.
    await rebuilt.library.put(institute('d', 'Directorate D'));
    await rebuilt.libraryProjector.catchUp();
    expect(await rebuilt.readModel.institutes.count()).toBe(3);
  });

  it('copies a published template into the institute’s database when a response starts from it', async () => {
    const ws = await workspace();
    const published = { ...shipped, id: 'adopted_form', version: '2', title: 'Adopted form' };
    await ws.libraryRepository.saveTemplate(published, 'adopted.xlsx');
    expect(await ws.repository.getTemplate('adopted_form', '2')).toBeUndefined();
    const template = await adoptLibraryTemplate(ws, 'adopted_form', '2');
    expect(template?.title).toBe('Adopted form');
    expect((await ws.repository.get('template:adopted_form:2'))?.org).toBe(ws.author.org);
    expect(await adoptLibraryTemplate(ws, 'missing', '1')).toBeUndefined();
  });
});

describe('who an institute is, for screens', () => {
  const rowOf = (doc: InstituteDoc) => ({
    id: doc._id,
    org: doc.org,
    name: doc.name,
    acronym: doc.acronym,
    economy: doc.economy,
    inferred: doc.inferred,
    source: doc.source,
    updatedAt: doc.updatedAt,
  });
  const profile = {
    org: 'own',
    instituteName: 'Own Institute',
    acronym: 'OI',
    economy: 'Here',
    inferred: false,
  };
  const reference = [
    {
      slug: 'ref',
      name: 'Reference Institute',
      acronym: 'RI',
      economy: 'There',
      iso2: 'TH',
      inferred: true,
      developing: true,
      developingInferred: true,
    },
  ];

  it('takes the directory first, then the own profile, then the reference list, then the slug', () => {
    const view = directoryView(
      [
        rowOf(institute('b', 'Bureau B', { acronym: 'BB' })),
        rowOf(institute('own', 'own', { source: 'slug' })),
      ],
      profile,
      reference,
    );
    expect(view.get('b')).toMatchObject({ name: 'Bureau B', from: 'directory' });
    expect(view.get('own')).toMatchObject({ name: 'Own Institute', from: 'profile' });
    expect(view.get('ref')).toMatchObject({ name: 'Reference Institute', inferred: true, from: 'reference' });
    expect(view.get('zz')).toMatchObject({ name: 'zz', from: 'slug' });
    expect(view.list.map((i) => i.org)).toEqual(['b', 'own']);
    expect(instituteLabel(view.get('b'))).toBe('Bureau B (BB)');
  });

  it('lists this computer’s own institute before the library has it', () => {
    expect(directoryView([], profile, reference).list).toEqual([
      expect.objectContaining({ org: 'own', name: 'Own Institute', from: 'profile' }),
    ]);
  });
});
