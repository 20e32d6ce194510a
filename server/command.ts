/**
 * One subcommand of `workbench`, and the one argument parser they share: node:util's
 * `parseArgs` in strict mode, with `--help` on every command. `run` returns the exit
 * code (0 done, 1 the input has problems, 2 bad usage); it never calls process.exit.
 */
import { parseArgs } from 'node:util';

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = { log: (l) => console.log(l), error: (l) => console.error(l) };

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's name in the help, e.g. `URL`. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** e.g. `hub --host H --port P --data DIR [--forward URL]` */
  usage: string;
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments taken (their names, for the help); none when absent. */
  positionals?: string;
  /** Lines printed after the options in `--help`. */
  notes?: readonly string[];
}

export interface Command extends CommandSpec {
  run(args: readonly string[], out?: Output): Promise<number>;
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function usageLine(spec: CommandSpec): string {
  return `Usage: workbench ${spec.usage}`;
}

/** The command's usage, what it does, and each option with what it is for. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => [
    `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
    `${o.help}${o.multiple ? ' (may be given more than once)' : ''}`,
  ]);
  rows.push(['-h, --help', 'print this help']);
  const width = Math.max(...rows.map(([flag]) => (flag as string).length));
  return [
    usageLine(spec),
    '',
    `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${(flag as string).padEnd(width)}  ${text}`),
    ...(spec.notes?.length ? ['', ...spec.notes] : []),
  ].join('\n');
}

/** A sentence for parseArgs' own errors, naming the option. */
function describeParseError(error: Error & { code?: string }, spec: CommandSpec): string {
  const named = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${named ?? ''} for workbench ${spec.name}.`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = named ? spec.options[named.replace(/^-+/, '')] : undefined;
      return option?.type === 'boolean'
        ? `${named} takes no value.`
        : `${named ?? 'An option'} needs a value${option?.value ? ` (${option.value})` : ''}.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const extra = /'([^']*)'/.exec(error.message)?.[1];
      return `Unexpected "${extra ?? ''}": workbench ${spec.name} takes ${spec.positionals ? `only ${spec.positionals}` : 'no arguments besides its options'}.`;
    }
    default:
      return error.message;
  }
}

/**
 * Parses a command's arguments. Gives the values, or the exit code when it has answered
 * already: 0 after `--help`, 2 after naming a bad option (with the usage).
 */
export function parseCommand(spec: CommandSpec, args: readonly string[], out: Output): Parsed | number {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  }
  let parsed: Parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: spec.positionals !== undefined,
    }) as Parsed;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    // --help wins over any other mistake on the line.
    if (args.includes('--help') || args.includes('-h')) {
      out.log(helpText(spec));
      return 0;
    }
    out.error(describeParseError(error, spec));
    out.error(usageLine(spec));
    out.error(`Run \`workbench ${spec.name} --help\` for what each option does.`);
    return 2;
  }
  if (parsed.values['help'] === true) {
    out.log(helpText(spec));
    return 0;
  }
  return parsed;
}

/** Prints the command's problems with its usage; exit code 2. */
export function badUsage(spec: CommandSpec, out: Output, problems: readonly string[]): number {
  for (const p of problems) out.error(p);
  out.error(usageLine(spec));
  out.error(`Run \`workbench ${spec.name} --help\` for what each option does.`);
  return 2;
}

export function text(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function texts(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

/** A sentence ends with one full stop, even when the server's reason already had one. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
