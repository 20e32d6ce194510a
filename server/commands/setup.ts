import {
  badUsage,
  consoleOutput,
  parseCommand,
  sentence,
  text,
  texts,
  type Command,
  type CommandSpec,
} from '../command';
import { couchClient, CouchError } from '../couch-client';
import { checkSlugs, setupServer } from '../setup';
import { parseDirectoryOptions } from '../setup-directory';

const SETUP: CommandSpec = {
  name: 'setup',
  usage: 'setup --url URL --org SLUG [--org SLUG …] [--name|--acronym|--economy|--country SLUG=…]',
  summary:
    'prepare a CouchDB-compatible server: institute databases, library, directory, security, validation',
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help: 'the server, with an admin account (or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD)',
    },
    org: { type: 'string', multiple: true, value: 'SLUG', help: 'an institute to serve' },
    name: {
      type: 'string',
      multiple: true,
      value: 'SLUG=NAME',
      help: 'an institute’s name in the directory',
    },
    acronym: { type: 'string', multiple: true, value: 'SLUG=ACRONYM', help: 'its acronym' },
    economy: { type: 'string', multiple: true, value: 'SLUG=ECONOMY', help: 'its economy' },
    country: {
      type: 'string',
      multiple: true,
      value: 'SLUG=CODE',
      help: 'its country code (ISO 3166, e.g. FJ)',
    },
  },
  notes: [
    'Directory entries: a slug in the reference list takes its name and economy; otherwise give them,',
    'e.g. --name nml-x="National Metrology Laboratory" --acronym nml-x=NML --economy nml-x=Fiji --country nml-x=FJ.',
  ],
};

export const setupCommand: Command = {
  ...SETUP,
  run: async (args, out = consoleOutput) => {
    const parsed = parseCommand(SETUP, args, out);
    if (typeof parsed === 'number') return parsed;
    const problems: string[] = [];
    const url = text(parsed, 'url');
    const slugs = texts(parsed, 'org');
    if (!url || slugs.length === 0) problems.push('Give --url and at least one --org.');
    problems.push(...checkSlugs(slugs));
    const options = new Map(
      ['name', 'acronym', 'economy', 'country'].map((key) => [key, texts(parsed, key)] as const),
    );
    const { details, problems: detailProblems } = parseDirectoryOptions(options, slugs);
    problems.push(...detailProblems);
    if (problems.length > 0) return badUsage(SETUP, out, problems);
    try {
      const client = couchClient(url as string);
      const steps = await setupServer(client, slugs, details);
      for (const step of steps) out.log(`${step.result.padEnd(9)} ${step.what}`);
      const changed = steps.filter((s) => s.result !== 'unchanged').length;
      out.log(
        changed === 0
          ? `${client.base} was already set up; nothing changed.`
          : `${client.base}: ${changed} change(s) made.`,
      );
      return 0;
    } catch (error) {
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
