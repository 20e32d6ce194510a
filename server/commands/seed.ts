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
import {
  badUsage,
  consoleOutput,
  flag,
  parseCommand,
  sentence,
  text,
  type Command,
  type CommandSpec,
} from '../command';
import { couchClient, CouchError } from '../couch-client';
import { SeedRefused, seedServer } from '../seed';

const SEED: CommandSpec = {
  name: 'seed',
  usage:
    'seed (--url URL | --out PATH) [--institutes N] [--cycles C] [--seed S] [--as-of YYYY-MM-DD] [--password PW] [--beside-real-data]',
  summary: 'fill a server (or write changes files) with training data: institutes, responses, users',
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help: 'the server to fill, with an admin account (or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD)',
    },
    out: {
      type: 'string',
      value: 'PATH',
      help: 'write one changes file per institute into this folder instead (or FILE.wbsync with --institutes 1)',
    },
    institutes: { type: 'string', value: 'N', help: 'how many institutes (default 20)' },
    cycles: { type: 'string', value: 'C', help: 'how many cycles, ending this year (default 3)' },
    seed: {
      type: 'string',
      value: 'S',
      help: 'the same seed and --as-of give the same data (default: chosen and printed)',
    },
    'as-of': { type: 'string', value: 'YYYY-MM-DD', help: 'the dataset’s "today" (default: today)' },
    password: {
      type: 'string',
      value: 'PW',
      help: 'one password for every user instead of generated ones (not printed)',
    },
    'beside-real-data': {
      type: 'boolean',
      help: 'fill a server that also holds real institutes (their databases are never touched)',
    },
  },
  notes: ['Generated passwords are printed once, at the end: keep that list.'],
};

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
  ...SEED,
  run: async (args, out = consoleOutput) => {
    const parsed = parseCommand(SEED, args, out);
    if (typeof parsed === 'number') return parsed;
    const problems: string[] = [];
    const url = text(parsed, 'url');
    const outPath = text(parsed, 'out');
    const password = text(parsed, 'password');
    if (Boolean(url) === Boolean(outPath))
      problems.push('Give either --url of a server or --out PATH for files.');
    if (password !== undefined && password.length < 8)
      problems.push('Give --password with at least 8 characters (or leave it out for generated ones).');
    const seedOptions: SeedOptions = {
      seed: whole(text(parsed, 'seed'), randomInt(1, 1_000_000), 'seed', problems),
      institutes: whole(text(parsed, 'institutes'), DEFAULTS.institutes, 'institutes', problems),
      cycles: whole(text(parsed, 'cycles'), DEFAULTS.cycles, 'cycles', problems),
      asOf: text(parsed, 'as-of') ?? new Date().toISOString().slice(0, 10),
    };
    problems.push(...checkSeedOptions(seedOptions).map((p) => p.replace('The seed', '--seed')));
    if (problems.length > 0) return badUsage(SEED, out, problems);
    const plan = planDataset(seedOptions);
    const { seed, institutes, cycles, asOf } = seedOptions;
    out.log(
      `Training data: ${institutes} institute(s), cycles ${plan.cycles[0]}–${plan.cycles.at(-1)}, seed ${seed}.`,
    );
    const again = `--institutes ${institutes} --cycles ${cycles} --seed ${seed} --as-of ${asOf}`;
    try {
      if (outPath) {
        const files = await writeBundles(plan, path.resolve(outPath));
        for (const file of files) out.log(`  wrote ${file}`);
        out.log(
          `${files.length} changes file(s). In the app: Settings → Training mode → "Practise with a facilitator's file".`,
        );
        out.log(`The same files again: workbench seed --out ${outPath} ${again}`);
        return 0;
      }
      const client = couchClient(url as string);
      const passwords = new Map(plan.users.map((u) => [u.name, password ?? readablePassword()]));
      const report = await seedServer(client, plan, {
        passwordFor: (user) => passwords.get(user.name) ?? '',
        besideRealData: flag(parsed, 'beside-real-data'),
        log: (line) => out.log(line),
      });
      out.log(
        `${client.base}: ${report.databases} institute database(s), ${report.users} user(s), ${report.written} document(s) in ${(report.ms.total / 1000).toFixed(1)} s.`,
      );
      if (password !== undefined) {
        out.log(`\nEvery user signs in with the password given with --password (not printed here).`);
        out.log(`  users: ${plan.users.map((u) => u.name).join(', ')}`);
      } else {
        out.log('\nSign in with these generated passwords. They are shown this once: keep this list.');
        const width = Math.max(...plan.users.map((u) => u.name.length), 4);
        out.log(`  ${'user'.padEnd(width)}  ${'password'.padEnd(14)}  database / institute`);
        for (const user of plan.users) {
          const db = user.org ? `${orgDbName(user.org)}: ` : '';
          out.log(
            `  ${user.name.padEnd(width)}  ${(passwords.get(user.name) ?? '').padEnd(14)}  ${db}${describeUser(plan, user)}`,
          );
        }
      }
      out.log(
        `\nThe same data again (on a fresh server, or to reset this one): workbench seed --url URL ${again}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof SeedRefused) {
        out.error(error.message);
        return 1;
      }
      if (error instanceof CouchError) {
        out.error(
          error.status === 401 || error.status === 403
            ? `The server refused: ${sentence(error.message)} Give the admin's name and password in the URL or in WORKBENCH_ADMIN_PASSWORD.`
            : sentence(error.message),
        );
        return 1;
      }
      throw error;
    }
  },
};
