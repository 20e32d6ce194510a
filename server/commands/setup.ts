import { parseOptions, couchClient, CouchError } from '../couch-client';
import type { Command } from '../command';
import { checkSlugs, setupServer } from '../setup';
import { parseDirectoryOptions } from '../setup-directory';

const USAGE = 'setup --url URL --org SLUG [--org SLUG …] [--name|--acronym|--economy|--country SLUG=…]';
const DETAILS =
  'Directory entries: a slug in the reference list takes its name and economy; otherwise give them,\n' +
  'e.g. --name nml-x="National Metrology Laboratory" --acronym nml-x=NML --economy nml-x=Fiji --country nml-x=FJ.';

export const setupCommand: Command = {
  name: 'setup',
  usage: USAGE,
  summary:
    'prepare a CouchDB-compatible server: institute databases, library, directory, security, validation',
  run: async (args) => {
    const { options, positional, problems } = parseOptions(args);
    const url = options.get('url')?.[0];
    const slugs = options.get('org') ?? [];
    if (!url || slugs.length === 0 || positional.length > 0)
      problems.push('Give --url and at least one --org.');
    problems.push(...checkSlugs(slugs));
    const { details, problems: detailProblems } = parseDirectoryOptions(options, slugs);
    problems.push(...detailProblems);
    if (problems.length > 0) {
      for (const p of problems) console.error(p);
      console.error(
        `Usage: workbench ${USAGE}\n(admin credentials in the URL, or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD)\n${DETAILS}`,
      );
      return 2;
    }
    try {
      const client = couchClient(url as string);
      const steps = await setupServer(client, slugs, details);
      for (const step of steps) console.log(`${step.result.padEnd(9)} ${step.what}`);
      const changed = steps.filter((s) => s.result !== 'unchanged').length;
      console.log(
        changed === 0
          ? `${client.base} was already set up; nothing changed.`
          : `${client.base}: ${changed} change(s) made.`,
      );
      return 0;
    } catch (error) {
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
