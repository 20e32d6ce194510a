/**
 * Everything one institute's data needs on this computer, opened together:
 * PouchDB (system of record), the repository over it, the Dexie read model and
 * its projector. The app holds one workspace at a time.
 */
import Dexie from 'dexie';
import { WorkbenchError } from '@shared/errors';
import { openLocalDb, type LocalDb, type PouchConstructor } from './pouch';
import { Projector } from './projector';
import { ReadModelDb } from './read-model';
import { Repository, type Author } from './repository';

export interface Workspace {
  author: Author;
  db: LocalDb;
  repository: Repository;
  readModel: ReadModelDb;
  projector: Projector;
}

export async function openWorkspace(author: Author, Pouch: PouchConstructor): Promise<Workspace> {
  const db = openLocalDb(author.org, Pouch);
  try {
    await db.info();
  } catch (error) {
    throw new WorkbenchError(
      'storage-unavailable',
      'The local database (IndexedDB) could not be opened, so nothing can be read or saved.',
      [String((error as Error).message ?? error)],
      { cause: error },
    );
  }
  const readModel = new ReadModelDb(author.org);
  const projector = new Projector(db, readModel);
  await projector.start();
  return { author, db, repository: new Repository(db, author), readModel, projector };
}

/**
 * Drops the read model and replays PouchDB's changes from the beginning. Returns a
 * new workspace object whose read model is complete; PouchDB is untouched.
 */
export async function rebuildReadModel(workspace: Workspace): Promise<Workspace> {
  workspace.projector.stop();
  const name = workspace.readModel.name;
  workspace.readModel.close();
  await Dexie.delete(name);
  const readModel = new ReadModelDb(workspace.author.org);
  const projector = new Projector(workspace.db, readModel);
  await projector.start();
  return { ...workspace, readModel, projector };
}

export async function closeWorkspace(workspace: Workspace): Promise<void> {
  workspace.projector.stop();
  workspace.readModel.close();
  await workspace.db.close();
}
