/**
 * A password typed at the terminal without showing it, or the first line of standard
 * input when it comes from a pipe or a file (`… < password.txt`), so that it never
 * stands on a command line that npm, the shell's history or a process list shows.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

interface Terminal {
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: Writable;
}

function askHidden(question: string, terminal: Terminal): Promise<string> {
  return new Promise((resolve) => {
    const { input, output } = terminal;
    const rl = createInterface({ input, output, terminal: true });
    // The prompt is written; then nothing of what is typed is echoed.
    let muted = false;
    const line = rl as unknown as { _writeToOutput: (s: string) => void };
    line._writeToOutput = (s) => {
      if (!muted) output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function firstLine(input: Readable): Promise<string> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** The password: asked twice at a terminal (must match), else read from standard input. */
export async function readPassword(
  who: string,
  terminal: Terminal = { input: process.stdin, output: process.stderr },
): Promise<{ ok: true; password: string } | { ok: false; problem: string }> {
  if (!terminal.input.isTTY) {
    const password = await firstLine(terminal.input);
    return password
      ? { ok: true, password }
      : {
          ok: false,
          problem:
            'Give the password on standard input (one line), or run the command at a terminal to type it.',
        };
  }
  const password = await askHidden(`Password for ${who} (not shown): `, terminal);
  const again = await askHidden('The same password again: ', terminal);
  return password === again
    ? { ok: true, password }
    : { ok: false, problem: 'The two passwords differ; nothing was changed. Run the command again.' };
}
