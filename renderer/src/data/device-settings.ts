/**
 * Settings that belong to this computer only (which institute it works for, who
 * uses it). Kept in the `workbench-local` Dexie database and validated when read:
 * a damaged record is treated as absent, so the app asks again instead of failing.
 */
import { z } from 'zod';
import { slugSchema } from '@shared/ids';
import { DeviceDb } from './read-model';

export const profileSchema = z.object({
  org: slugSchema,
  instituteName: z.string().trim().min(2, 'Enter the institute’s name').max(200),
  acronym: z.string().trim().max(20),
  economy: z.string().trim().min(2, 'Enter the economy').max(100),
  /** True when the institute was picked from entries of the reference list marked inferred. */
  inferred: z.boolean(),
  userName: z.string().trim().min(2, 'Enter your name, as colleagues will see it').max(100),
});
export type Profile = z.infer<typeof profileSchema>;

const PROFILE_KEY = 'profile';

let deviceDb: DeviceDb | undefined;
function device(): DeviceDb {
  deviceDb ??= new DeviceDb();
  return deviceDb;
}

export async function loadProfile(): Promise<Profile | undefined> {
  const row = await device().settings.get(PROFILE_KEY);
  const parsed = profileSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveProfile(profile: Profile): Promise<Profile> {
  const valid = profileSchema.parse(profile);
  await device().settings.put({ key: PROFILE_KEY, value: valid });
  return valid;
}

/** What this computer remembers of its sync between sessions: never the password. */
export const syncRecordSchema = z.object({
  url: z.string().optional(),
  name: z.string().optional(),
  /** The account's roles as the server gave them at sign-in, so an offline launch knows them. */
  roles: z.array(z.string()).optional(),
  lastSyncedAt: z.string().optional(),
  history: z
    .array(
      z.object({
        at: z.string(),
        outcome: z.enum(['ok', 'offline', 'error']),
        up: z.number(),
        down: z.number(),
        message: z.string().optional(),
      }),
    )
    .default([]),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

export async function loadSyncRecord(org: string): Promise<SyncRecord> {
  const row = await device().settings.get(`sync:${org}`);
  const parsed = syncRecordSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { history: [] };
}

export async function saveSyncRecord(org: string, record: SyncRecord): Promise<void> {
  await device().settings.put({ key: `sync:${org}`, value: syncRecordSchema.parse(record) });
}

/** A random name for this computer, made once; sync-by-file bundles say which computer wrote them. */
export async function deviceId(): Promise<string> {
  return device().transaction('rw', device().settings, async () => {
    const row = await device().settings.get('device-id');
    if (typeof row?.value === 'string') return row.value;
    const id = crypto.randomUUID();
    await device().settings.put({ key: 'device-id', value: id });
    return id;
  });
}

/** Reads a setting of this computer through its schema; an absent or damaged value gives `fallback`. */
export async function readSetting<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const row = await device().settings.get(key);
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

export async function writeSetting(key: string, value: unknown): Promise<void> {
  await device().settings.put({ key, value });
}

export async function removeSetting(key: string): Promise<void> {
  await device().settings.delete(key);
}
