/**
 * `workbench form check FILE.xlsx`: reads an XLSForm as the app would import it and prints
 * what it found and every problem, row by row. Exit 0 when every row is understood, 1 when
 * the form has problems (warnings alone do not fail it), 2 for bad usage.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FormProblem } from '../../shared/forms/model';
import { importXlsForm, type ImportResult } from '../../shared/forms/xlsform/import';
import {
  badUsage,
  consoleOutput,
  flag,
  parseCommand,
  type Command,
  type CommandSpec,
  type Output,
} from '../command';

const FORM: CommandSpec = {
  name: 'form',
  usage: 'form check FILE.xlsx [--leave-out-unsupported]',
  summary: 'check an XLSForm workbook and print its problems, row by row',
  positionals: '"check FILE.xlsx"',
  options: {
    'leave-out-unsupported': {
      type: 'boolean',
      help: 'leave out questions of types the app does not support (e.g. geopoint) instead of failing',
    },
  },
  notes: ['Exit code 0 when every row is understood, 1 when the form has problems.'],
};
/** Larger files are not questionnaires; reading them would only exhaust memory. */
export const MAX_FORM_BYTES = 20 * 1024 * 1024;

export type { Output };

function where(problem: FormProblem): string {
  const parts = [problem.sheet];
  if (problem.row !== undefined) parts.push(`row ${problem.row}`);
  if (problem.column !== undefined) parts.push(`column "${problem.column}"`);
  return parts.join(', ');
}

export function formatReport(file: string, result: ImportResult): string[] {
  const { summary, problems } = result;
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const lines = [`Form: ${file}`];
  if (summary.title !== undefined || summary.id !== undefined) {
    lines.push(
      `  ${summary.title ?? '(no title)'} — id ${summary.id ?? '(none)'}, version ${summary.version ?? '(none)'}`,
    );
  }
  lines.push(
    `  ${summary.questions} questions, ${summary.groups} groups, ${summary.repeats} repeats, ` +
      `${summary.choiceLists} choice lists`,
    `  Languages: ${summary.languages.length > 0 ? summary.languages.join(', ') : '(none)'}`,
  );
  if (summary.leftOut.length > 0) {
    lines.push(
      `  Left out (unsupported): ${summary.leftOut.map((l) => `${l.name} (${l.type}, row ${l.row})`).join(', ')}`,
    );
  }
  if (problems.length === 0) {
    lines.push('', 'Every row is understood. The form can be imported.');
    return lines;
  }
  lines.push(
    '',
    `${errors.length} problem${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:`,
  );
  for (const problem of problems) {
    const tag = problem.severity === 'error' ? 'problem' : 'warning';
    lines.push(`  ${where(problem)}: ${tag}: ${problem.message}`);
    if (problem.fix) lines.push(`      fix: ${problem.fix}`);
  }
  lines.push(
    '',
    errors.length > 0
      ? 'The form cannot be imported until the problems above are fixed.'
      : 'The form can be imported; the warnings say what was adjusted.',
  );
  return lines;
}

export async function checkForm(args: readonly string[], out: Output): Promise<number> {
  const parsed = parseCommand(FORM, args, out);
  if (typeof parsed === 'number') return parsed;
  const [sub, ...files] = parsed.positionals;
  const leaveOut = flag(parsed, 'leave-out-unsupported');
  if (sub !== 'check' || files.length !== 1) return badUsage(FORM, out, ['Give one workbook to check.']);
  const file = files[0] as string;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return badUsage(FORM, out, [`${file} is not a file.`]);
    size = info.size;
  } catch {
    return badUsage(FORM, out, [`There is no file ${file}. Check the path.`]);
  }
  if (size > MAX_FORM_BYTES) {
    out.error(
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; an XLSForm is far smaller (the limit is ${MAX_FORM_BYTES / 1024 / 1024} MB). Is it the right file?`,
    );
    return 1;
  }
  const result = await importXlsForm(new Uint8Array(await readFile(file)), {
    leaveOutUnsupported: leaveOut,
    fileName: path.basename(file),
  });
  for (const line of formatReport(file, result)) out.log(line);
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

export const formCommand: Command = {
  ...FORM,
  run: (args, out = consoleOutput) => checkForm(args, out),
};
