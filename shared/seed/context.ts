/**
 * What every seed generator is given: the dataset's options, the institute it writes
 * for, that institute's staff (the authors of its documents), the cycles, a time window
 * per cycle, and named random streams. Everything here is a pure function of the
 * options, so the same options always give the same documents.
 */
import type { AnyDoc } from '../docs/registry';
import type { DocType } from '../ids';
import { PRACTICE_INSTITUTE, seedInstitutes, type SeedInstitute } from './institutes';
import { streamFor, type Rng } from './random';

export interface SeedOptions {
  /** Any whole number; the same seed (with the same other options) gives the same data. */
  seed: number;
  /** How many institutes: the reference list's, then invented ones. */
  institutes: number;
  /** How many yearly cycles, ending with the year of `asOf`. */
  cycles: number;
  /** The dataset's "today" (YYYY-MM-DD): its last cycle is this year and nothing is dated later. */
  asOf: string;
}

export const SEED_LIMITS = { institutes: 500, cycles: 20 } as const;

/** A document made by a generator, ready for `_bulk_docs` (no `_rev`). Attachments go inline. */
export type SeedDoc = AnyDoc & {
  _attachments?: Record<string, { content_type: string; data: string }>;
};

export interface SeedUser {
  /** The account name to sign in with. */
  name: string;
  /** The institute whose role the account has; absent for the secretariat. */
  org?: string;
  secretariat: boolean;
}

export interface SeedPlan {
  options: SeedOptions;
  /** The cycle years, oldest first. */
  cycles: number[];
  institutes: SeedInstitute[];
  /** One account per institute (named as its slug) and one of the secretariat. */
  users: SeedUser[];
}

export const SEED_SECRETARIAT_USER = 'training-secretariat';

/** Problems with the options, each a sentence; empty when they are usable. */
export function checkSeedOptions(options: SeedOptions): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.seed)) problems.push('The seed must be a whole number.');
  if (
    !Number.isInteger(options.institutes) ||
    options.institutes < 1 ||
    options.institutes > SEED_LIMITS.institutes
  )
    problems.push(`The number of institutes must be from 1 to ${SEED_LIMITS.institutes}.`);
  if (!Number.isInteger(options.cycles) || options.cycles < 1 || options.cycles > SEED_LIMITS.cycles)
    problems.push(`The number of cycles must be from 1 to ${SEED_LIMITS.cycles}.`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.asOf);
  const day = match ? new Date(`${options.asOf}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || !day.toISOString().startsWith(options.asOf)) {
    problems.push(`"${options.asOf}" is not a date written as YYYY-MM-DD.`);
  } else {
    const first = day.getUTCFullYear() - options.cycles + 1;
    if (first < 2000 || day.getUTCFullYear() > 2100)
      problems.push('The cycles must fall within the years 2000 to 2100.');
  }
  return problems;
}

export function planDataset(options: SeedOptions, institutes?: readonly SeedInstitute[]): SeedPlan {
  const problems = checkSeedOptions(options);
  if (problems.length > 0) throw new Error(problems.join(' '));
  const last = Number(options.asOf.slice(0, 4));
  const cycles = Array.from({ length: options.cycles }, (_, i) => last - options.cycles + 1 + i);
  const chosen = institutes ? [...institutes] : seedInstitutes(options.institutes);
  return {
    options,
    cycles,
    institutes: chosen,
    users: [
      ...chosen.map((i) => ({ name: i.slug, org: i.slug, secretariat: false })),
      { name: SEED_SECRETARIAT_USER, secretariat: true },
    ],
  };
}

/**
 * The seed of the app's practice data, the same on every computer so that a facilitator
 * can say "open the 2025 return". Chosen because it gives the practice institute what a
 * workshop needs (a unit test holds it to that): two submitted cycles, one of them
 * reopened and submitted again, and the latest cycle's return about half done, needs
 * included.
 */
export const PRACTICE_SEED = 850;

/** The plan of the app's training mode: the practice institute alone, three cycles up to `asOf`. */
export function practicePlan(asOf: string, seed = PRACTICE_SEED): SeedPlan {
  return planDataset({ seed, institutes: 1, cycles: 3, asOf }, [PRACTICE_INSTITUTE]);
}

export interface InstituteSeedContext {
  plan: SeedPlan;
  seed: number;
  institute: SeedInstitute;
  cycles: readonly number[];
  /** Staff of the institute: the names its documents are written by. */
  people: readonly string[];
  /** A random stream named by the generator's type, the institute and the given parts. */
  rng(...parts: readonly (string | number)[]): Rng;
  /** Milliseconds from which and until which a cycle's documents are dated. */
  window(cycle: number): { start: number; end: number };
  /** The end of the dataset's "today": nothing is dated later. */
  asOfMs: number;
}

/** Library documents are not one institute's: their generators get this. */
export interface LibrarySeedContext {
  plan: SeedPlan;
  seed: number;
  rng(...parts: readonly (string | number)[]): Rng;
  window(cycle: number): { start: number; end: number };
  asOfMs: number;
}

const GIVEN = [
  'Maria',
  'Anh',
  'Rahul',
  'Siti',
  'Tenzin',
  'Nimal',
  'Aigerim',
  'Bolor',
  'Kenji',
  'Mei',
  'Arjun',
  'Farah',
  'Lani',
  'Sokha',
  'Priya',
  'Hamid',
  'Ana',
  'Tevita',
  'Nurul',
  'Kamal',
  'Lina',
  'Omar',
  'Ravi',
  'Thida',
  'Joon',
  'Dilnoza',
  'Samuel',
  'Grace',
] as const;

const FAMILY = [
  'Santos',
  'Nguyen',
  'Sharma',
  'Rahman',
  'Perera',
  'Tanaka',
  'Lee',
  'Wong',
  'Karimova',
  'Batbayar',
  'Fernando',
  'Silva',
  'Ali',
  'Chen',
  'Phan',
  'Dorji',
  'Gurung',
  'Tuilagi',
  'Hassan',
  'Ibrahim',
  'Kim',
  'Sok',
  'Lim',
  'Chowdhury',
  'Reyes',
  'Wijaya',
] as const;

function staffOf(seed: number, institute: SeedInstitute): string[] {
  const rng = streamFor(seed, 'people', institute.slug);
  const names = new Set<string>();
  while (names.size < 3) names.add(`${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`);
  return [...names];
}

const DAY = 24 * 60 * 60 * 1000;

function windowsFor(plan: SeedPlan): {
  window: (cycle: number) => { start: number; end: number };
  asOfMs: number;
} {
  const asOfMs = Date.parse(`${plan.options.asOf}T17:00:00Z`);
  return {
    asOfMs,
    window: (cycle) => {
      const end = Math.min(Date.UTC(cycle, 10, 28, 17), asOfMs);
      const start = Math.min(Date.UTC(cycle, 0, 12, 8), end - 10 * DAY);
      return { start, end };
    },
  };
}

export function instituteContext(
  plan: SeedPlan,
  institute: SeedInstitute,
  type: string,
): InstituteSeedContext {
  const seed = plan.options.seed;
  return {
    plan,
    seed,
    institute,
    cycles: plan.cycles,
    people: staffOf(seed, institute),
    rng: (...parts) => streamFor(seed, type, institute.slug, ...parts),
    ...windowsFor(plan),
  };
}

export function libraryContext(plan: SeedPlan, type: string): LibrarySeedContext {
  const seed = plan.options.seed;
  return { plan, seed, rng: (...parts) => streamFor(seed, type, 'library', ...parts), ...windowsFor(plan) };
}

/**
 * A generator of one document type (see ./registry.ts for the list and how to add one).
 * Both functions are pure: the same context gives deep-equal documents.
 */
export interface SeedGenerator {
  /** The type of every document it makes. */
  type: DocType;
  /** A few words for reports, e.g. "questionnaire responses to the shipped templates". */
  summary: string;
  /**
   * One institute's documents for every cycle of the plan. `earlier` holds what the
   * generators listed before this one made for the same institute, so that a CMC plan
   * can follow the needs of a response, or a case study the stage of a CMC plan.
   */
  forInstitute?(ctx: InstituteSeedContext, earlier: readonly SeedDoc[]): SeedDoc[];
  /** Documents of the shared library (`dec-library`), written by the secretariat. */
  forLibrary?(ctx: LibrarySeedContext): SeedDoc[];
}

/** An ISO instant as the app writes them. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Base64 of bytes without the DOM or Node (shared/ has neither): for inline
 * attachments such as a case study's small photos.
 */
export function toBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}
