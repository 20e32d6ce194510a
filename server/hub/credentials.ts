/**
 * The hub's secrets, kept in its data folder and readable only by its owner: the admin
 * password (from WORKBENCH_ADMIN_PASSWORD, else generated on first start and printed
 * once) and the secret that signs session cookies.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface HubSecrets {
  adminPassword: string;
  cookieSecret: string;
  /** True when the admin password was generated now and must be shown to the person starting the hub. */
  generated: boolean;
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeSecret(file: string, value: string): Promise<void> {
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

const generate = (): string => randomBytes(18).toString('base64url');

export async function loadSecrets(dataDir: string, fromEnv: string | undefined): Promise<HubSecrets> {
  const passwordFile = path.join(dataDir, 'admin-password');
  const secretFile = path.join(dataDir, 'cookie-secret');
  let cookieSecret = await readSecret(secretFile);
  if (!cookieSecret) {
    cookieSecret = generate();
    await writeSecret(secretFile, cookieSecret);
  }
  if (fromEnv) return { adminPassword: fromEnv, cookieSecret, generated: false };
  const stored = await readSecret(passwordFile);
  if (stored) return { adminPassword: stored, cookieSecret, generated: false };
  const adminPassword = generate();
  await writeSecret(passwordFile, adminPassword);
  return { adminPassword, cookieSecret, generated: true };
}
