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
