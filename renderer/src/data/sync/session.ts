/**
 * The app's sync, for one open workspace: restores the sign-in kept by the platform,
 * starts the live sync on launch and when the network comes back, stops it cleanly when
 * it goes, remembers history between sessions, keeps the count of changes waiting to go
 * up while offline, and carries out what the Sync screen asks (sign in, sync now, choose
 * in a conflict, save and load changes files). Screens read its state from the store.
 *
 * A secretariat account (its roles are kept with the sync record, so an offline launch
 * knows them) also syncs every institute of the directory and the library, in rounds
 * (./secretariat.ts); "waiting to go up" then counts every institute's documents and the
 * library's.
 */
import type { CredentialsSaveResult, SyncCredentials } from '@shared/platform-api';
import { SECRETARIAT_ROLE } from '@shared/sync/names';
import { loadSyncRecord, saveSyncRecord, deviceId, type SyncRecord } from '../device-settings';
import { openLibraryDb, type LocalDb, type PouchConstructor } from '../pouch';
import { resolveConflicts, resolveWithChoices } from './conflicts';
import {
  checkSignIn,
  initialStatus,
  SyncController,
  waitingCount,
  type Credentials,
  type SyncOptions,
  SLOW_LINK,
  type SyncStatus,
} from './controller';
import { loadBundle, saveBundle, type LoadedBundle, type SavedBundle } from './file-sync';
import { relayForSecretariat } from './relay';
import { directoryOrgs, InstituteRounds, type RoundsStatus } from './secretariat';
import { libraryWaiting, waitingByInstitute } from './waiting';

export interface CredentialKeeper {
  credentialsLoad(): Promise<SyncCredentials | null>;
  credentialsSave(credentials: SyncCredentials): Promise<CredentialsSaveResult>;
  credentialsClear(): Promise<void>;
}

export interface SessionState {
  status: SyncStatus;
  /** The server and account in use; undefined until someone signs in. */
  account?: { url: string; name: string };
  /** True when the password is kept for next time (desktop app with OS encryption). */
  remembered: boolean;
  /** The account has the secretariat role: this computer syncs every institute. */
  isSecretariat?: boolean;
  /** The rounds through every institute, on a secretariat account. */
  rounds?: RoundsStatus;
}

export interface SyncSessionDeps {
  db: LocalDb;
  org: string;
  Pouch: PouchConstructor;
  keeper: CredentialKeeper;
  online: boolean;
  onState: (state: SessionState) => void;
  options?: SyncOptions;
  /** The workspace's local library; opened here when not given. */
  library?: LocalDb;
  /** Milliseconds between the secretariat's rounds (tests shorten it). */
  roundsEveryMs?: number;
  /** Who is at this computer: the name the secretariat's relayed copies are written by. */
  user?: string;
}

const OFFLINE_MESSAGE =
  'This computer is offline; your work is saved here and goes up when it is back online.';

export class SyncSession {
  private controller: SyncController | undefined;
  private rounds: InstituteRounds | undefined;
  private libraryWatcher: PouchDB.Core.Changes<object> | undefined;
  private libraryNudge: ReturnType<typeof setTimeout> | undefined;
  /** The rounds wait for the own institute's first sync (it matters most, and has the link first). */
  private roundsDue = false;
  private state: SessionState = { status: initialStatus(), remembered: false };
  private record: SyncRecord = { history: [] };
  private online: boolean;
  private library: LocalDb | undefined;
  /** Whether this session opened the library (then it closes it too). */
  private ownsLibrary = false;
  private watcher: PouchDB.Core.Changes<object> | undefined;
  private recount: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly deps: SyncSessionDeps) {
    this.online = deps.online;
    this.library = deps.library;
  }

  private get isSecretariat(): boolean {
    return this.record.roles?.includes(SECRETARIAT_ROLE) ?? false;
  }

  private libraryDb(): LocalDb {
    if (!this.library) {
      this.library = openLibraryDb(this.deps.Pouch);
      this.ownsLibrary = true;
    }
    return this.library;
  }

  /** Changes waiting to go up: on a secretariat computer, every institute's and the library's. */
  private async countWaitingNow(): Promise<number> {
    if (!this.isSecretariat) return waitingCount(this.deps.db);
    const library = this.libraryDb();
    const orgs = await directoryOrgs(library);
    const { total } = await waitingByInstitute(this.deps.db, this.deps.org, orgs);
    return total + (await libraryWaiting(library));
  }

  private emit(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.deps.onState(this.state);
  }

  private onStatus = (status: SyncStatus): void => {
    if (this.disposed) return;
    this.emit({ status });
    // The rounds start once this institute's own live sync has settled, one way or the other.
    const settled = status.phase === 'idle' || status.phase === 'error' || status.phase === 'offline';
    if (this.roundsDue && settled && this.online) {
      this.roundsDue = false;
      this.rounds?.start();
    }
    const changed =
      status.lastSyncedAt !== this.record.lastSyncedAt || status.history[0] !== this.record.history[0];
    if (changed) {
      this.record = { ...this.record, lastSyncedAt: status.lastSyncedAt, history: status.history };
      void saveSyncRecord(this.deps.org, this.record);
    }
  };

  /** Restores the last sign-in and starts syncing when it can. */
  async open(): Promise<void> {
    this.record = await loadSyncRecord(this.deps.org);
    this.emit({
      status: {
        ...initialStatus(),
        history: this.record.history,
        ...(this.record.lastSyncedAt ? { lastSyncedAt: this.record.lastSyncedAt } : {}),
        waitingUp: await this.countWaitingNow(),
      },
      isSecretariat: this.isSecretariat,
      ...(this.record.url && this.record.name
        ? { account: { url: this.record.url, name: this.record.name } }
        : {}),
    });
    // Edits made while not syncing still change the "waiting to go up" count.
    this.watcher = this.deps.db
      .changes({ since: 'now', live: true })
      .on('change', () => this.scheduleRecount())
      .on('error', () => undefined);
    await this.settle();
    const kept = await this.deps.keeper.credentialsLoad().catch(() => null);
    if (this.disposed || !kept || kept.org !== this.deps.org) return;
    this.emit({ remembered: true, account: { url: kept.url, name: kept.name } });
    this.begin(kept);
    if (this.online) void this.refreshRoles(kept);
  }

  /** Roles can change on the server (an account made secretariat): asked once per launch. */
  private async refreshRoles(credentials: Credentials): Promise<void> {
    const signedIn = await checkSignIn(credentials, this.deps.org).catch(() => undefined);
    if (!signedIn || this.disposed || !this.controller) return;
    const before = [...(this.record.roles ?? [])].sort().join(',');
    if ([...signedIn.roles].sort().join(',') === before) return;
    this.record = { ...this.record, roles: signedIn.roles };
    await saveSyncRecord(this.deps.org, this.record);
    if (!this.disposed && this.controller) this.begin(credentials);
  }

  private scheduleRecount(): void {
    if (this.recount) clearTimeout(this.recount);
    this.recount = setTimeout(() => {
      this.recount = undefined;
      // Counted from what the server acknowledged, whatever sync is doing: an edit made while
      // a push is failing still waits (the count once stayed at 0 until a reload).
      if (this.rounds?.current().running) return; // counted when the pass ends
      // Through the controller when there is one, which reports its whole status afterwards.
      if (this.controller) {
        void this.controller.countWaiting().catch(() => undefined);
        return;
      }
      void this.countWaitingNow().then((waitingUp) => {
        if (!this.disposed) this.emit({ status: { ...this.state.status, waitingUp } });
      });
    }, 500);
  }

  private begin(credentials: Credentials): void {
    this.controller?.stop();
    this.stopRounds();
    const library = this.libraryDb();
    const secretariat = this.isSecretariat;
    const controller = new SyncController({
      db: this.deps.db,
      library,
      org: this.deps.org,
      Pouch: this.deps.Pouch,
      credentials,
      onStatus: this.onStatus,
      history: this.record.history,
      ...(this.record.lastSyncedAt ? { lastSyncedAt: this.record.lastSyncedAt } : {}),
      ...(this.deps.options ? { options: this.deps.options } : {}),
      ...(secretariat ? { secretariat: true, countWaiting: () => this.countWaitingNow() } : {}),
    });
    this.controller = controller;
    this.emit({ isSecretariat: secretariat, rounds: undefined });
    if (secretariat) {
      this.rounds = new InstituteRounds({
        db: this.deps.db,
        library,
        own: this.deps.org,
        Pouch: this.deps.Pouch,
        credentials,
        options: this.deps.options ?? SLOW_LINK,
        ...(this.deps.roundsEveryMs ? { everyMs: this.deps.roundsEveryMs } : {}),
        onStatus: (rounds) => {
          if (!this.disposed) this.emit({ rounds });
        },
        afterPass: async () => {
          await controller.resolve();
          await this.relay();
          await controller.countWaiting();
        },
      });
      // The secretariat's own writes to the library go up soon, not only at the next pass.
      this.libraryWatcher = library
        .changes({ since: 'now', live: true })
        .on('change', () => this.nudgeLibrary())
        .on('error', () => undefined);
    }
    void controller.countWaiting();
    this.roundsDue = this.rounds !== undefined;
    if (this.online) controller.start();
    else controller.stop('offline', OFFLINE_MESSAGE);
  }

  /**
   * Carries what institutes cannot carry themselves (DEN2DEN parts, published events and
   * offers; ./relay.ts); institutes given copies are synced again at once. A failure is
   * logged and tried again after the next pass.
   */
  private async relay(): Promise<void> {
    try {
      const relayed = await relayForSecretariat(
        this.deps.db,
        this.libraryDb(),
        this.deps.org,
        this.deps.user ?? 'DEC secretariat',
      );
      const others = relayed.orgs.filter((org) => org !== this.deps.org);
      if (others.length > 0) this.rounds?.syncNow(others);
    } catch (error) {
      console.error('relay of exchanges and publications', error);
    }
  }

  private nudgeLibrary(): void {
    if (this.libraryNudge) clearTimeout(this.libraryNudge);
    this.libraryNudge = setTimeout(() => {
      this.libraryNudge = undefined;
      const rounds = this.rounds;
      if (!rounds || !this.online || rounds.current().running) return;
      // Documents the rounds pulled are already up; only writes made here wait.
      void libraryWaiting(this.libraryDb()).then((waiting) => {
        if (waiting > 0) rounds.syncNow('library');
        this.scheduleRecount();
      });
    }, 2_000);
  }

  private stopRounds(): void {
    this.roundsDue = false;
    this.rounds?.stop();
    this.rounds = undefined;
    this.libraryWatcher?.cancel();
    this.libraryWatcher = undefined;
    if (this.libraryNudge) clearTimeout(this.libraryNudge);
    this.libraryNudge = undefined;
  }

  /** Checks the sign-in with the server, keeps it, and starts syncing. Throws a plain sentence. */
  async signIn(credentials: Credentials): Promise<void> {
    const { roles } = await checkSignIn(credentials, this.deps.org);
    const url = credentials.url.trim().replace(/\/+$/, '');
    const kept = await this.deps.keeper
      .credentialsSave({ org: this.deps.org, url, name: credentials.name, password: credentials.password })
      .catch(() => ({ persisted: false }));
    this.record = { ...this.record, url, name: credentials.name, roles };
    await saveSyncRecord(this.deps.org, this.record);
    this.emit({ account: { url, name: credentials.name }, remembered: kept.persisted });
    this.begin({ ...credentials, url });
  }

  /** Stops syncing and forgets the password; the history stays. */
  async signOut(): Promise<void> {
    this.controller?.stop();
    this.controller = undefined;
    this.stopRounds();
    await this.deps.keeper.credentialsClear();
    this.emit({ remembered: false, status: { ...this.state.status, phase: 'stopped', message: undefined } });
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!this.controller) return;
    if (online) {
      this.roundsDue = this.rounds !== undefined;
      this.controller.start();
    } else {
      this.roundsDue = false;
      this.controller.stop('offline', OFFLINE_MESSAGE);
      this.rounds?.stop();
    }
  }

  syncNow(): void {
    if (!this.online) return;
    this.controller?.syncNow();
    if (this.roundsDue) {
      this.roundsDue = false;
      this.rounds?.start();
    } else this.rounds?.syncNow();
  }

  /**
   * Resolves when the secretariat's pass due or running now, if any, has ended (for tests and
   * the bench).
   */
  async roundsSettled(): Promise<void> {
    while (this.roundsDue && this.rounds && !this.disposed) await new Promise((r) => setTimeout(r, 50));
    await this.rounds?.settled();
  }

  get signedIn(): boolean {
    return this.controller !== undefined;
  }

  /** Merges what merges and refreshes the Conflicts inbox, with or without a server. */
  async settle(): Promise<void> {
    if (this.controller) {
      await this.controller.resolve();
      return;
    }
    const { inbox } = await resolveConflicts(this.deps.db);
    if (!this.disposed) this.emit({ status: { ...this.state.status, inbox } });
  }

  async choose(id: string, choices: Readonly<Record<string, unknown>>): Promise<void> {
    // A library document's conflict (a secretariat computer) is settled in the library.
    const here = await this.deps.db.get(id, { conflicts: true }).catch(() => undefined);
    const inLibrary = !here?._conflicts?.length && this.isSecretariat;
    await resolveWithChoices(inLibrary ? this.libraryDb() : this.deps.db, id, choices);
    await this.settle();
  }

  async saveChanges(): Promise<SavedBundle> {
    return saveBundle(this.deps.db, this.deps.org, await deviceId());
  }

  async loadChanges(bytes: Uint8Array): Promise<LoadedBundle> {
    const loaded = await loadBundle(this.deps.db, this.deps.org, await deviceId(), bytes);
    await this.settle();
    this.scheduleRecount();
    return loaded;
  }

  dispose(): void {
    this.disposed = true;
    if (this.recount) clearTimeout(this.recount);
    this.watcher?.cancel();
    this.controller?.stop();
    this.stopRounds();
    if (this.ownsLibrary) void this.library?.close();
  }
}
