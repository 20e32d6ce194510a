/**
 * Two Dexie databases with different lifetimes:
 * - `workbench-read-<org>`: the read model, derived from PouchDB by the projector;
 *   it can be dropped and rebuilt at any time.
 * - `workbench-local`: data that lives only on this computer (settings). Never
 *   dropped by a rebuild.
 */
import Dexie, { type EntityTable } from 'dexie';

export interface ResponseRow {
  id: string;
  org: string;
  templateId: string;
  templateVersion: string;
  cycle: number;
  status: 'draft' | 'submitted';
  answeredCount: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ProblemRow {
  id: string;
  message: string;
}

export interface MetaRow {
  key: string;
  /** PouchDB sequences are numbers locally and opaque strings from CouchDB: kept as given. */
  value: string | number;
}

export class ReadModelDb extends Dexie {
  responses!: EntityTable<ResponseRow, 'id'>;
  problems!: EntityTable<ProblemRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(org: string) {
    super(`workbench-read-${org}`);
    this.version(1).stores({
      responses: 'id, [templateId+cycle], cycle, status, updatedAt',
      problems: 'id',
      meta: 'key',
    });
  }
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class DeviceDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;

  constructor() {
    super('workbench-local');
    this.version(1).stores({ settings: 'key' });
  }
}
