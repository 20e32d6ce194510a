/**
 * `npm run bench -- excel`: Excel returns on the training dataset (shared/seed).
 *
 * - consolidated export: the DEC assessment of 40 institutes for the latest cycle, against
 *   a baseline of ExcelJS writing the very same cells again, with no rules evaluated, no
 *   labels looked up and no styles;
 * - import of one filled DEC return (the busiest institute's, with a few cells changed):
 *   open, guard and check every cell, against ExcelJS loading the same bytes;
 * - export of that institute's return, for reference.
 *
 * Each case runs in a fresh Node process (five times, median time), so its peak memory is
 * the process's own maximum resident set, next to an idle process that only loads the
 * modules and the dataset.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run_ = promisify(execFile);
const CASES = [
  ['idle', 'idle process: modules and dataset loaded, nothing exported'],
  ['plain-write', 'baseline: ExcelJS writes the same cells, unstyled'],
  ['consolidated', 'consolidated return (wide + long, labels, 0/1 columns)'],
  ['load-only', 'baseline: ExcelJS loads the filled return'],
  ['import', 'import: guard, load, check every cell, report'],
  ['export-return', 'one institute return (cover, sections, tables, dropdowns)'],
] as const;

export async function run(): Promise<void> {
  const worker = fileURLToPath(new URL('./excel-case.ts', import.meta.url));
  const results = new Map<string, { ms: number; rssMb: number; detail: string }>();
  for (const [name] of CASES) {
    const { stdout } = await run_(process.execPath, ['--import', 'tsx', worker, name], {
      maxBuffer: 1024 * 1024,
    });
    results.set(name, JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
  }
  const idle = results.get('idle');
  console.log(
    `Training dataset: ${idle?.detail ?? ''}; median of 5 runs; peak = the process's max RSS, making the case's input included`,
  );
  const line = (name: string, label: string, base?: string) => {
    const r = results.get(name);
    if (!r) return;
    const b = base ? results.get(base) : undefined;
    const ratio = b && name !== base ? `  ×${(r.ms / b.ms).toFixed(2)} of baseline` : '';
    const time = name === 'idle' ? '        ' : `${r.ms.toFixed(0).padStart(5)} ms`;
    console.log(
      `${label.padEnd(58)} ${time}  peak ${r.rssMb.toFixed(0).padStart(4)} MB${ratio}${name !== 'idle' && r.detail ? `  (${r.detail})` : ''}`,
    );
  };
  line('idle', CASES[0][1]);
  line('plain-write', CASES[1][1], 'plain-write');
  line('consolidated', CASES[2][1], 'plain-write');
  line('load-only', CASES[3][1], 'load-only');
  line('import', CASES[4][1], 'load-only');
  line('export-return', CASES[5][1]);
}
