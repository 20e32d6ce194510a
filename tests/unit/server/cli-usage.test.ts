/**
 * Every `workbench` command answers `--help` with its usage and options (exit 0), and an
 * unknown option or a missing value with a sentence naming it and the usage (exit 2).
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../server/command';
import { formCommand } from '../../../server/commands/form';
import { hubCommand } from '../../../server/commands/hub';
import { exportCommand, importCommand } from '../../../server/commands/returns';
import { seedCommand } from '../../../server/commands/seed';
import { setupCommand } from '../../../server/commands/setup';
import { userCommand } from '../../../server/commands/user';

const commands: [Command, string[]][] = [
  [hubCommand, []],
  [setupCommand, []],
  [userCommand, ['add', 'maria']],
  [formCommand, ['check']],
  [exportCommand, []],
  [importCommand, []],
  [seedCommand, []],
];

async function run(command: Command, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(commands)('workbench %s', (command, before) => {
  it('--help prints the usage and every option, exit 0', async () => {
    for (const args of [[...before, '--help'], ['-h'], ['--help', '--no-such-option']]) {
      const result = await run(command, args);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toContain(`Usage: workbench ${command.usage}`);
      for (const name of Object.keys(command.options)) expect(result.out).toContain(`--${name}`);
      expect(result.out).toContain('-h, --help');
    }
  });

  it('an unknown option is named, with the usage, exit 2', async () => {
    const result = await run(command, [...before, '--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toEqual([
      `Unknown option --colour for workbench ${command.name}.`,
      `Usage: workbench ${command.usage}`,
      `Run \`workbench ${command.name} --help\` for what each option does.`,
    ]);
  });

  it('an option without its value is named, with the usage, exit 2', async () => {
    const valued = Object.entries(command.options).find(([, o]) => o.type === 'string');
    if (!valued) return;
    const [name, option] = valued;
    const result = await run(command, [...before, `--${name}`]);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(`--${name} needs a value (${option.value}).`);
    expect(result.err).toContain(`Usage: workbench ${command.usage}`);
  });
});

describe('a flag given a value', () => {
  it('is named', async () => {
    const result = await run(importCommand, ['--dry-run=yes']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe('--dry-run takes no value.');
  });
});
