/**
 * Kiosk mode: the facilitator's computer collects one participant's feedback after another,
 * with no account, showing nothing but an empty form to each (see features/events/KioskPage).
 * While it is on, the app opens on the kiosk whatever the address or a restart; leaving it
 * asks for the facilitator's password.
 *
 * The password belongs to this computer, not to a sync account: it is chosen the first time
 * kiosk mode is opened here (and changed under Settings, knowing the old one), because the
 * facilitator's laptop may not be signed in to any server, a browser never keeps the sync
 * password, and typing the sync password in front of a room would show it to everyone. It is
 * kept in `workbench-local` (never synced, never in the read model) as a PBKDF2-SHA-256 hash of
 * 600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256) with a random 16-byte salt; the
 * password itself is not stored anywhere. Checking takes a noticeable fraction of a second,
 * which is also what slows down guessing at the kiosk.
 */
import { z } from 'zod';
import { readSetting, removeSetting, writeSetting } from './device-settings';

const PASSWORD_KEY = 'kiosk-password';
const STATE_KEY = 'kiosk';
export const KIOSK_ITERATIONS = 600_000;
export const KIOSK_PASSWORD_MIN = 6;

const passwordSchema = z.object({
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(1),
  salt: z.string().min(1),
  hash: z.string().min(1),
});
type PasswordRecord = z.infer<typeof passwordSchema>;

export const kioskStateSchema = z.object({
  /** The event whose feedback is collected. */
  eventId: z.string().regex(/^event:[a-z0-9-]{1,40}:[a-z0-9-]{1,64}$/),
  startedAt: z.string(),
  /** Who opened it (the answers are stamped "Kiosk (<facilitator>)"). */
  facilitator: z.string().min(1),
});
export type KioskState = z.infer<typeof kioskStateSchema>;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so the time taken does not tell how close a guess was. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function stored(): Promise<PasswordRecord | undefined> {
  return readSetting<PasswordRecord | undefined>(PASSWORD_KEY, passwordSchema, undefined);
}

export async function kioskPasswordIsSet(): Promise<boolean> {
  return (await stored()) !== undefined;
}

export async function checkKioskPassword(password: string): Promise<boolean> {
  const record = await stored();
  if (!record) return false;
  const hash = await derive(password, fromBase64(record.salt), record.iterations);
  return sameBytes(hash, fromBase64(record.hash));
}

/**
 * Sets the facilitator's password; when one is set already, `current` must be it. Throws a
 * sentence to show when the password is too short or the current one is wrong.
 */
export async function setKioskPassword(password: string, current?: string): Promise<void> {
  if ((await kioskPasswordIsSet()) && !(await checkKioskPassword(current ?? '')))
    throw new Error('The current kiosk password is not right.');
  if (password.length < KIOSK_PASSWORD_MIN)
    throw new Error(`Choose a password of at least ${KIOSK_PASSWORD_MIN} characters.`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, KIOSK_ITERATIONS);
  await writeSetting(PASSWORD_KEY, {
    algorithm: 'PBKDF2-SHA-256',
    iterations: KIOSK_ITERATIONS,
    salt: toBase64(salt),
    hash: toBase64(hash),
  } satisfies PasswordRecord);
}

/** The kiosk this computer is in, or undefined; a damaged record counts as off. */
export async function loadKiosk(): Promise<KioskState | undefined> {
  return readSetting<KioskState | undefined>(STATE_KEY, kioskStateSchema, undefined);
}

/** Turns kiosk mode on for an event; the facilitator's password must be set first. */
export async function enterKiosk(eventId: string, facilitator: string): Promise<KioskState> {
  if (!(await kioskPasswordIsSet())) throw new Error('Choose the facilitator’s password first.');
  const state = kioskStateSchema.parse({ eventId, startedAt: new Date().toISOString(), facilitator });
  await writeSetting(STATE_KEY, state);
  return state;
}

/** Turns kiosk mode off when the password is right; false (and still on) when it is not. */
export async function leaveKiosk(password: string): Promise<boolean> {
  if (!(await checkKioskPassword(password))) return false;
  await removeSetting(STATE_KEY);
  return true;
}
