/**
 * Everything one institute's data needs on this computer, opened together:
 * PouchDB (system of record), the repository over it, the Dexie read model and
 * its projector; and the local copy of the shared library (`workbench-library`),
 * projected into the same read model with its own checkpoint. The app holds one
 * workspace at a time.
 */
import Dexie from 'dexie';
import { WorkbenchError } from '@shared/errors';
import type { ChangesFollower } from './changes-follower';
import { CmcProjector } from './cmc-projector';
import { EventsLibraryProjector, EventsProjector } from './events-projector';
import { migrateSupportAnswers } from './funding';
import { FundingLibraryProjector, FundingProjector } from './funding-projector';
import { LibraryProjector } from './library-projector';
import { openLibraryDb, openLocalDb, type LocalDb, type PouchConstructor } from './pouch';
import { Projector } from './projector';
import { ReadModelDb } from './read-model';
import { Repository, type Author } from './repository';

export interface Workspace {
  author: Author;
  db: LocalDb;
  repository: Repository;
  readModel: ReadModelDb;
  projector: Projector;
  /** The library: read by everyone, written (through `libraryRepository`) by the secretariat. */
  library: LocalDb;
  libraryRepository: Repository;
  libraryProjector: LibraryProjector;
  /** CMC plans and the needs and capabilities of responses, from the same database. */
  cmcProjector: CmcProjector;
  /** The ledger and follow-ups (own database), funders and activities (library). */
  fundingProjectors: [FundingProjector, FundingLibraryProjector];
  /** Events, offers, exchanges and participants' responses (own database), published copies (library). */
  eventsProjectors: [EventsProjector, EventsLibraryProjector];
}

type Followers = Pick<
  Workspace,
  'projector' | 'libraryProjector' | 'cmcProjector' | 'fundingProjectors' | 'eventsProjectors'
>;

/** Every follower of a workspace's databases into its read model. */
function makeFollowers(db: LocalDb, library: LocalDb, readModel: ReadModelDb): Followers {
  return {
    projector: new Projector(db, readModel),
    libraryProjector: new LibraryProjector(library, readModel),
    cmcProjector: new CmcProjector(db, readModel),
    fundingProjectors: [new FundingProjector(db, readModel), new FundingLibraryProjector(library, readModel)],
    eventsProjectors: [new EventsProjector(db, readModel), new EventsLibraryProjector(library, readModel)],
  };
}

function allFollowers(f: Followers): ChangesFollower[] {
  return [f.projector, f.libraryProjector, f.cmcProjector, ...f.fundingProjectors, ...f.eventsProjectors];
}

export async function openWorkspace(
  author: Author,
  Pouch: PouchConstructor,
  /** Tests that keep several workspaces open give each its own library. */
  options: { libraryName?: string } = {},
): Promise<Workspace> {
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
  const library = options.libraryName ? new Pouch(options.libraryName) : openLibraryDb(Pouch);
  const readModel = new ReadModelDb(author.org);
  const followers = makeFollowers(db, library, readModel);
  const repository = new Repository(db, author);
  // The assessment's "support received" answers become ledger entries (once per response
  // revision) before the followers start; a failure (storage full) is tried at the next start.
  try {
    await migrateSupportAnswers(db, repository, author.org, new Date().toISOString(), author.user);
  } catch (error) {
    console.error('support ledger migration', error);
  }
  await Promise.all(allFollowers(followers).map((f) => f.start()));
  return {
    author,
    db,
    repository,
    readModel,
    library,
    libraryRepository: new Repository(library, author),
    ...followers,
  };
}

/**
 * Drops the read model and replays PouchDB's changes from the beginning. Returns a
 * new workspace object whose read model is complete; PouchDB is untouched.
 */
export async function rebuildReadModel(workspace: Workspace): Promise<Workspace> {
  for (const follower of allFollowers(workspace)) follower.stop();
  const name = workspace.readModel.name;
  workspace.readModel.close();
  await Dexie.delete(name);
  const readModel = new ReadModelDb(workspace.author.org);
  const followers = makeFollowers(workspace.db, workspace.library, readModel);
  await Promise.all(allFollowers(followers).map((f) => f.start()));
  return { ...workspace, readModel, ...followers };
}

export async function closeWorkspace(workspace: Workspace): Promise<void> {
  for (const follower of allFollowers(workspace)) follower.stop();
  workspace.readModel.close();
  await Promise.all([workspace.db.close(), workspace.library.close()]);
}
