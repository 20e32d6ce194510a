/**
 * The app's sync, for one open workspace: restores the sign-in kept by the platform,
 * starts the live sync on launch and when the network comes back, stops it cleanly when
 * it goes, remembers history between sessions, keeps the count of changes waiting to go
 * up while offline, and carries out what the Sync screen asks (sign in, sync now, choose
 * in a conflict, save and load changes files). Screens read its state from the store.
 */
import type { CredentialsSaveResult, SyncCredentials } from '@shared/platform-api';
import { loadSyncRecord, saveSyncRecord, deviceId, type SyncRecord } from '../device-settings';
import type { LocalDb, PouchConstructor } from '../pouch';
import { resolveConflicts, resolveWithChoices } from './conflicts';
import {
  checkSignIn,
  initialStatus,
  SyncController,
  waitingCount,
  type Credentials,
  type SyncOptions,
  type SyncStatus,
} from './controller';
import { loadBundle, saveBundle, type LoadedBundle, type SavedBundle } from './file-sync';

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
}

export interface SyncSessionDeps {
  db: LocalDb;
  org: string;
  Pouch: PouchConstructor;
  keeper: CredentialKeeper;
  online: boolean;
  onState: (state: SessionState) => void;
  options?: SyncOptions;
}

const OFFLINE_MESSAGE =
  'This computer is offline; your work is saved here and goes up when it is back online.';

export class SyncSession {
  private controller: SyncController | undefined;
  private state: SessionState = { status: initialStatus(), remembered: false };
  private record: SyncRecord = { history: [] };
  private online: boolean;
  private library: LocalDb | undefined;
  private watcher: PouchDB.Core.Changes<object> | undefined;
  private recount: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly deps: SyncSessionDeps) {
    this.online = deps.online;
  }

  private emit(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.deps.onState(this.state);
  }

  private onStatus = (status: SyncStatus): void => {
    if (this.disposed) return;
    this.emit({ status });
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
        waitingUp: await waitingCount(this.deps.db),
      },
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
  }

  private scheduleRecount(): void {
    if (this.recount) clearTimeout(this.recount);
    this.recount = setTimeout(() => {
      this.recount = undefined;
      const phase = this.state.status.phase;
      if (phase === 'syncing' || phase === 'connecting') return; // the replication reports it
      void waitingCount(this.deps.db).then((waitingUp) => {
        if (!this.disposed) this.emit({ status: { ...this.state.status, waitingUp } });
      });
    }, 500);
  }

  private begin(credentials: Credentials): void {
    this.controller?.stop();
    this.library ??= new this.deps.Pouch(`workbench-library`);
    this.controller = new SyncController({
      db: this.deps.db,
      library: this.library,
      org: this.deps.org,
      Pouch: this.deps.Pouch,
      credentials,
      onStatus: this.onStatus,
      history: this.record.history,
      ...(this.record.lastSyncedAt ? { lastSyncedAt: this.record.lastSyncedAt } : {}),
      ...(this.deps.options ? { options: this.deps.options } : {}),
    });
    void this.controller.countWaiting();
    if (this.online) this.controller.start();
    else this.controller.stop('offline', OFFLINE_MESSAGE);
  }

  /** Checks the sign-in with the server, keeps it, and starts syncing. Throws a plain sentence. */
  async signIn(credentials: Credentials): Promise<void> {
    await checkSignIn(credentials, this.deps.org);
    const url = credentials.url.trim().replace(/\/+$/, '');
    const kept = await this.deps.keeper
      .credentialsSave({ org: this.deps.org, url, name: credentials.name, password: credentials.password })
      .catch(() => ({ persisted: false }));
    this.record = { ...this.record, url, name: credentials.name };
    await saveSyncRecord(this.deps.org, this.record);
    this.emit({ account: { url, name: credentials.name }, remembered: kept.persisted });
    this.begin({ ...credentials, url });
  }

  /** Stops syncing and forgets the password; the history stays. */
  async signOut(): Promise<void> {
    this.controller?.stop();
    this.controller = undefined;
    await this.deps.keeper.credentialsClear();
    this.emit({ remembered: false, status: { ...this.state.status, phase: 'stopped', message: undefined } });
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (!this.controller) return;
    if (online) this.controller.start();
    else this.controller.stop('offline', OFFLINE_MESSAGE);
  }

  syncNow(): void {
    if (this.online) this.controller?.syncNow();
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
    await resolveWithChoices(this.deps.db, id, choices);
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
    void this.library?.close();
  }
}
