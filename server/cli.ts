/**
 * The `workbench` command: tools for facilitators and secretariat staff. Each
 * subcommand lives in ./commands/<name>.ts and exports a `Command`; this file only
 * dispatches. Exit codes: 0 done, 1 the input has problems (reported), 2 bad usage.
 */
import { formCommand } from './commands/form';
import { hubCommand } from './commands/hub';
import { exportCommand, importCommand } from './commands/returns';
import { seedCommand } from './commands/seed';
import { setupCommand } from './commands/setup';
import { userCommand } from './commands/user';
import type { Command } from './command';

const commands: readonly Command[] = [
  hubCommand,
  setupCommand,
  userCommand,
  formCommand,
  exportCommand,
  importCommand,
  seedCommand,
];

function usage(): string {
  const lines = commands.map((c) => `  workbench ${c.name.padEnd(8)} ${c.summary}`);
  return ['Usage:', ...lines, '', 'Run `workbench <command> --help` for the options of one command.'].join(
    '\n',
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === undefined) console.error(usage());
    else console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
