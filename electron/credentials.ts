/**
 * The sync sign-in, kept by the main process encrypted with Electron's safeStorage (the
 * OS keychain: DPAPI, Keychain, libsecret). Where the system offers no encryption the
 * password is not written at all and the user signs in again next time.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  syncCredentialsSchema,
  type CredentialsSaveResult,
  type SyncCredentials,
} from '../shared/platform-api';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class CredentialStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
  ) {}

  async load(): Promise<SyncCredentials | null> {
    if (!this.safeStorage.isEncryptionAvailable()) return null;
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.file);
    } catch {
      return null;
    }
    try {
      const parsed = syncCredentialsSchema.safeParse(JSON.parse(this.safeStorage.decryptString(encrypted)));
      return parsed.success ? parsed.data : null;
    } catch {
      // Encrypted by another user account or damaged: as if nothing were kept.
      return null;
    }
  }

  async save(credentials: SyncCredentials): Promise<CredentialsSaveResult> {
    const valid = syncCredentialsSchema.parse(credentials);
    if (!this.safeStorage.isEncryptionAvailable()) {
      await this.clear();
      return { persisted: false };
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    const encrypted = new Uint8Array(this.safeStorage.encryptString(JSON.stringify(valid)));
    await writeFile(temporary, encrypted, { mode: 0o600 });
    await rename(temporary, this.file); // a crash never leaves half a file behind
    return { persisted: true };
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
