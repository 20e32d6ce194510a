import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BUNDLE_EXTENSION,
  checkSeedOptions,
  generateInstituteDocs,
  planDataset,
  seedBundle,
  type SeedOptions,
  type SeedPlan,
  type SeedUser,
} from '../../shared/seed';
import { parseDoc } from '../../shared/docs/registry';
import { orgDbName } from '../../shared/sync/names';
import type { Command } from '../command';
import { couchClient, CouchError, parseOptions } from '../couch-client';
import { SeedRefused, seedServer } from '../seed';

const USAGE =
  'seed (--url URL | --out PATH) [--institutes N] [--cycles C] [--seed S] [--as-of YYYY-MM-DD] [--password PW] [--beside-real-data]';

const DEFAULTS = { institutes: 20, cycles: 3 };

/** Twelve characters from an alphabet without look-alikes (about 60 bits), grouped for reading aloud. */
export function readablePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

function whole(text: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) {
    problems.push(`--${name} must be a whole number, not "${text}".`);
    return fallback;
  }
  return Number(text);
}

/** One gzip-compressed changes file per institute: the app's "Load changes from a file" format. */
async function writeBundles(plan: SeedPlan, out: string): Promise<string[]> {
  const single = out.endsWith(BUNDLE_EXTENSION);
  if (single && plan.institutes.length !== 1) {
    throw new SeedRefused(
      `A ${BUNDLE_EXTENSION} file holds one institute; give --institutes 1, or a folder for ${plan.institutes.length} institutes.`,
    );
  }
  const dir = single ? path.dirname(out) : out;
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const institute of plan.institutes) {
    const docs = generateInstituteDocs(plan, institute);
    for (const doc of docs) parseDoc(doc);
    const file = single ? out : path.join(dir, `${institute.slug}${BUNDLE_EXTENSION}`);
    await writeFile(file, new Uint8Array(gzipSync(JSON.stringify(seedBundle(plan, institute, docs)))));
    files.push(file);
  }
  return files;
}

function describeUser(plan: SeedPlan, user: SeedUser): string {
  if (user.secretariat) return 'secretariat (reads every institute)';
  const institute = plan.institutes.find((i) => i.slug === user.org);
  if (!institute) return user.org ?? '';
  return `${institute.name}${institute.acronym ? ` (${institute.acronym})` : ''}, ${institute.economy}`;
}

export const seedCommand: Command = {
  name: 'seed',
  usage: USAGE,
  summary: 'fill a server (or write changes files) with training data: institutes, responses, users',
  run: async (args) => {
    const { options, positional, problems } = parseOptions(args, ['beside-real-data']);
    const url = options.get('url')?.[0];
    const out = options.get('out')?.[0];
    const password = options.get('password')?.[0];
    if (Boolean(url) === Boolean(out))
      problems.push('Give either --url of a server or --out PATH for files.');
    if (positional.length > 0) problems.push(`Unexpected ${positional.join(' ')}.`);
    if (password !== undefined && password.length < 8)
      problems.push('Give --password with at least 8 characters (or leave it out for generated ones).');
    const seedOptions: SeedOptions = {
      seed: whole(options.get('seed')?.[0], randomInt(1, 1_000_000), 'seed', problems),
      institutes: whole(options.get('institutes')?.[0], DEFAULTS.institutes, 'institutes', problems),
      cycles: whole(options.get('cycles')?.[0], DEFAULTS.cycles, 'cycles', problems),
      asOf: options.get('as-of')?.[0] ?? new Date().toISOString().slice(0, 10),
    };
    problems.push(...checkSeedOptions(seedOptions).map((p) => p.replace('The seed', '--seed')));
    if (problems.length > 0) {
      for (const p of problems) console.error(p);
      console.error(
        `Usage: workbench ${USAGE}\n(admin credentials in the URL, or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD)`,
      );
      return 2;
    }
    const plan = planDataset(seedOptions);
    const { seed, institutes, cycles, asOf } = seedOptions;
    console.log(
      `Training data: ${institutes} institute(s), cycles ${plan.cycles[0]}–${plan.cycles.at(-1)}, seed ${seed}.`,
    );
    const again = `--institutes ${institutes} --cycles ${cycles} --seed ${seed} --as-of ${asOf}`;
    try {
      if (out) {
        const files = await writeBundles(plan, path.resolve(out));
        for (const file of files) console.log(`  wrote ${file}`);
        console.log(
          `${files.length} changes file(s). In the app: Settings → Training mode → "Practise with a facilitator's file".`,
        );
        console.log(`The same files again: workbench seed --out ${out} ${again}`);
        return 0;
      }
      const client = couchClient(url as string);
      const passwords = new Map(plan.users.map((u) => [u.name, password ?? readablePassword()]));
      const report = await seedServer(client, plan, {
        passwordFor: (user) => passwords.get(user.name) ?? '',
        besideRealData: options.has('beside-real-data'),
        log: (line) => console.log(line),
      });
      console.log(
        `${client.base}: ${report.databases} institute database(s), ${report.users} user(s), ${report.written} document(s) in ${(report.ms.total / 1000).toFixed(1)} s.`,
      );
      console.log('\nSign in with (keep this list; passwords are not shown again):');
      const width = Math.max(...plan.users.map((u) => u.name.length), 4);
      console.log(`  ${'user'.padEnd(width)}  ${'password'.padEnd(14)}  database / institute`);
      for (const user of plan.users) {
        const db = user.org ? `${orgDbName(user.org)}: ` : '';
        console.log(
          `  ${user.name.padEnd(width)}  ${(passwords.get(user.name) ?? '').padEnd(14)}  ${db}${describeUser(plan, user)}`,
        );
      }
      console.log(
        `\nThe same data again (on a fresh server, or to reset this one): workbench seed --url URL ${again}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof SeedRefused) {
        console.error(error.message);
        return 1;
      }
      if (error instanceof CouchError) {
        console.error(
          error.status === 401 || error.status === 403
            ? `The server refused: ${error.message}. Give the admin's name and password in the URL or in WORKBENCH_ADMIN_PASSWORD.`
            : error.message,
        );
        return 1;
      }
      throw error;
    }
  },
};
