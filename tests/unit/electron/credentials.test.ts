import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, type SafeStorageLike } from '../../../electron/credentials';
import { registerIpcHandlers, type InvokeEvent } from '../../../electron/ipc';
import { IPC, type SyncCredentials } from '../../../shared/platform-api';

/** Stands in for the OS keychain: reversible, and never the plain text on disk. */
function keychain(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
    },
  };
}

const signIn: SyncCredentials = {
  org: 'nmisa',
  url: 'http://192.168.1.20:5984',
  name: 'thandi',
  password: 'pässwörd-1234',
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-credentials-'));
  file = path.join(dir, 'user-data', 'sync-sign-in.bin');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CredentialStore', () => {
  it('keeps the sign-in encrypted, readable only by its owner, and gives it back', async () => {
    const store = new CredentialStore(keychain(), file);
    expect(await store.load()).toBeNull();
    expect(await store.save(signIn)).toEqual({ persisted: true });
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('pässwörd');
    expect(onDisk).not.toContain('thandi');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await new CredentialStore(keychain(), file).load()).toEqual(signIn);
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('writes no password where the system offers no encryption, and forgets an older one', async () => {
    await new CredentialStore(keychain(), file).save(signIn);
    const plain = new CredentialStore(keychain(false), file);
    expect(await plain.save({ ...signIn, password: 'new' })).toEqual({ persisted: false });
    await expect(stat(file)).rejects.toThrow();
    expect(await plain.load()).toBeNull();
  });

  it('treats a damaged or foreign file as no sign-in', async () => {
    const store = new CredentialStore(keychain(), file);
    await store.save(signIn);
    await writeFile(file, 'garbage');
    expect(await store.load()).toBeNull();
    await writeFile(file, new Uint8Array(keychain().encryptString(JSON.stringify({ url: 'ftp://x' }))));
    expect(await store.load()).toBeNull();
  });
});

describe('credential IPC', () => {
  type Listener = (event: InvokeEvent, payload: unknown) => unknown;
  const trusted: InvokeEvent = { senderFrame: { url: 'app://workbench/index.html#/sync' } };

  function handlers(store: CredentialStore): Map<string, Listener> {
    const map = new Map<string, Listener>();
    registerIpcHandlers(
      { handle: (channel, listener) => map.set(channel, listener) },
      {
        app: { getName: () => 'NMI Workbench', getVersion: () => '1' },
        platform: 'linux',
        showSaveDialog: async () => ({ canceled: true }),
        credentials: store,
      },
    );
    return map;
  }

  it('saves, loads and clears for the app, and refuses a malformed sign-in', async () => {
    const map = handlers(new CredentialStore(keychain(), file));
    const call = async (channel: string, payload?: unknown) => map.get(channel)?.(trusted, payload);
    await expect(call(IPC.credentialsSave, { ...signIn, url: 'file:///etc/passwd' })).rejects.toThrow(
      /Invalid sign-in/,
    );
    await expect(call(IPC.credentialsSave, { ...signIn, password: '' })).rejects.toThrow(/Invalid sign-in/);
    expect(await call(IPC.credentialsLoad)).toBeNull();
    expect(await call(IPC.credentialsSave, signIn)).toEqual({ persisted: true });
    expect(await call(IPC.credentialsLoad)).toEqual(signIn);
    await call(IPC.credentialsClear);
    expect(await call(IPC.credentialsLoad)).toBeNull();
  });
});
