/**
 * `workbench export` builds the consolidated return of a questionnaire and cycle straight
 * from a server's institute databases; `workbench import` reads a filled institute return,
 * prints every problem with its sheet and cell, and, when there are none, writes the next
 * revision of that institute's response on the server (all of it, in one document).
 * Exit codes: 0 done, 1 problems (nothing written), 2 bad usage.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResponseDoc } from '../../shared/docs/response/schema';
import { RETURN_LIMITS } from '../../shared/excel/guard';
import { exportConsolidated } from '../../shared/excel/consolidated';
import { applyReturn } from '../../shared/excel/apply-return';
import {
  checkReturn,
  openReturn,
  type ReturnProblem,
  type ReturnReport,
} from '../../shared/excel/return-import';
import { SLUG_PATTERN } from '../../shared/ids';
import pkg from '../../package.json' with { type: 'json' };
import type { Command } from '../command';
import { couchClient, CouchError, parseOptions } from '../couch-client';
import {
  instituteInfo,
  saveServerResponse,
  serverInstitutes,
  serverResponse,
  serverTemplate,
} from '../returns';
import type { Output } from './form';

const EXPORT_USAGE =
  'export --url URL --template ID --cycle YEAR --out FILE.xlsx [--org SLUG …] [--version V]';
const IMPORT_USAGE = 'import --url URL FILE.xlsx [--submit] [--dry-run]';

function fail(out: Output, usage: string, problems: readonly string[]): number {
  for (const p of problems) out.error(p);
  out.error(`Usage: workbench ${usage}`);
  return 2;
}

function serverError(out: Output, error: unknown): number {
  if (!(error instanceof CouchError)) throw error;
  out.error(
    error.status === 401 || error.status === 403
      ? `The server refused: ${error.message}. Use a secretariat or admin account (in the URL, or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD).`
      : error.message,
  );
  return 1;
}

export async function runExport(args: readonly string[], out: Output): Promise<number> {
  const { options, positional, problems } = parseOptions(args);
  const url = options.get('url')?.[0];
  const templateId = options.get('template')?.[0];
  const cycleText = options.get('cycle')?.[0];
  const file = options.get('out')?.[0];
  const orgs = options.get('org') ?? [];
  const version = options.get('version')?.[0];
  const cycle = Number(cycleText);
  if (!url) problems.push('Give --url of the server.');
  if (!templateId) problems.push('Give --template, the questionnaire id (e.g. dec_capacity_needs).');
  if (!cycleText || !Number.isInteger(cycle) || cycle < 2000 || cycle > 2100)
    problems.push('Give --cycle, a year from 2000 to 2100.');
  if (!file) problems.push('Give --out FILE.xlsx.');
  else if (!file.toLowerCase().endsWith('.xlsx')) problems.push('The --out file must end in .xlsx.');
  for (const org of orgs) if (!SLUG_PATTERN.test(org)) problems.push(`"${org}" is not an institute slug.`);
  if (positional.length > 0) problems.push(`Unexpected ${positional.join(' ')}.`);
  if (problems.length > 0) return fail(out, EXPORT_USAGE, problems);

  try {
    const client = couchClient(url as string);
    const institutes =
      orgs.length > 0 ? orgs.map((org) => instituteInfo(org)) : await serverInstitutes(client);
    if (institutes.length === 0) {
      out.error(`${client.base} serves no institutes yet; run \`workbench setup\` first.`);
      return 1;
    }
    const rows: { institute: (typeof institutes)[number]; response?: ResponseDoc }[] = [];
    for (const [index, institute] of institutes.entries()) {
      out.error(`Reading ${institute.org} (${index + 1} of ${institutes.length})…`);
      const response = await serverResponse(client, institute.org, templateId as string, cycle);
      rows.push(response ? { institute, response } : { institute });
    }
    const versions = [...new Set(rows.flatMap((r) => (r.response ? [r.response.templateVersion] : [])))];
    const wanted = version ?? (versions.length === 1 ? versions[0] : undefined);
    if (!wanted) {
      out.error(
        versions.length === 0
          ? `No institute has a response to ${templateId} for ${cycle}; give --version to export an empty return.`
          : `The responses use different versions of ${templateId} (${versions.join(', ')}); give --version to choose one.`,
      );
      return 1;
    }
    const template = await serverTemplate(
      client,
      templateId as string,
      wanted,
      institutes.map((i) => i.org),
    );
    if (!template) {
      out.error(
        `The questionnaire ${templateId} version ${wanted} is neither shipped with this version nor on the server.`,
      );
      return 1;
    }
    const other = rows.filter((r) => r.response && r.response.templateVersion !== wanted);
    for (const row of other) {
      out.error(
        `${row.institute.org} answered version ${row.response?.templateVersion}; left out (listed as not started).`,
      );
    }
    const bytes = await exportConsolidated({
      template,
      cycle,
      institutes: rows.map((r) => (r.response?.templateVersion === wanted ? r : { institute: r.institute })),
      exportedAt: new Date(),
      exportedBy: client.user,
      appVersion: pkg.version,
    });
    await writeFile(file as string, bytes);
    const answered = rows.filter((r) => r.response?.templateVersion === wanted).length;
    out.log(
      `Wrote ${file}: ${template.title} ${cycle}, ${institutes.length} institutes (${answered} with a response, ${institutes.length - answered} not started).`,
    );
    return 0;
  } catch (error) {
    return serverError(out, error);
  }
}

function where(problem: ReturnProblem): string {
  return [problem.sheet, problem.cell].filter(Boolean).join(', ');
}

/** The report as lines: one per problem, with the question and what is expected. */
export function formatReturnReport(
  file: string,
  report: ReturnReport | { problems: ReturnProblem[] },
): string[] {
  const lines = [`Return: ${file}`];
  if ('meta' in report) {
    const { meta, summary } = report;
    lines.push(`  ${meta.org}, ${meta.templateId} version ${meta.templateVersion}, cycle ${meta.cycle}`);
    const tables = [
      ...summary.rowsAdded.map((r) => `${r.count} row(s) added to ${r.sheet}`),
      ...summary.rowsRemoved.map((r) => `${r.count} row(s) removed from ${r.sheet}`),
    ];
    lines.push(
      `  ${summary.changedAnswers} answer(s) changed${tables.length ? `; ${tables.join('; ')}` : ''}`,
    );
  }
  const errors = report.problems.filter((p) => p.severity === 'error');
  const warnings = report.problems.filter((p) => p.severity === 'warning');
  if (report.problems.length > 0) {
    lines.push(
      '',
      `${errors.length} problem${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:`,
    );
  }
  for (const problem of report.problems) {
    const question = problem.question
      ? ` (${problem.code}: ${problem.question})`
      : problem.code
        ? ` (${problem.code})`
        : '';
    lines.push(
      `  ${where(problem)}${question}: ${problem.severity === 'error' ? 'problem' : 'warning'}: ${problem.problem}`,
    );
    if (problem.expected) lines.push(`      expected: ${problem.expected}`);
  }
  return lines;
}

export async function runImport(args: readonly string[], out: Output): Promise<number> {
  const { options, positional, problems } = parseOptions(args, ['submit', 'dry-run']);
  const url = options.get('url')?.[0];
  const submit = options.has('submit');
  const dryRun = options.has('dry-run');
  if (!url) problems.push('Give --url of the server.');
  if (positional.length !== 1) problems.push('Give one filled return (.xlsx) to import.');
  if (problems.length > 0) return fail(out, IMPORT_USAGE, problems);
  const file = positional[0] as string;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return fail(out, IMPORT_USAGE, [`${file} is not a file.`]);
    size = info.size;
  } catch {
    return fail(out, IMPORT_USAGE, [`There is no file ${file}. Check the path.`]);
  }
  if (size > RETURN_LIMITS.maxFileBytes) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    out.error(
      `${file} is ${mb(size)}; files over ${mb(RETURN_LIMITS.maxFileBytes)} are not read. Check that this is the right file: a return is usually well under 1 MB.`,
    );
    out.error('Nothing was written.');
    return 1;
  }
  const opened = await openReturn(new Uint8Array(await readFile(file)));
  if (!opened.ok) {
    for (const line of formatReturnReport(file, opened)) out.log(line);
    out.log('');
    out.log('Nothing was written.');
    return 1;
  }
  const { meta } = opened;
  try {
    const client = couchClient(url as string);
    for (let attempt = 0; ; attempt++) {
      const current = await serverResponse(client, meta.org, meta.templateId, meta.cycle);
      const template = await serverTemplate(client, meta.templateId, meta.templateVersion, [meta.org]);
      const report = checkReturn(opened, { template, current, submit, now: new Date() });
      if (attempt === 0) for (const line of formatReturnReport(file, report)) out.log(line);
      if (!report.canApply || !template) {
        out.log('');
        out.log('Nothing was written: fix the problems above in the workbook and import it again.');
        return 1;
      }
      if (Object.keys(report.changes).length === 0 && !(submit && current?.status !== 'submitted')) {
        out.log('');
        out.log('The workbook changes nothing in the response; nothing was written.');
        return 0;
      }
      const next = applyReturn(report, {
        template,
        current,
        user: client.user,
        at: new Date(),
        reason: `Imported from the return ${path.basename(file)}`,
      });
      if (dryRun) {
        out.log('');
        out.log(
          `Checked only (--dry-run): importing would write revision ${next.revision} (${next.status}).`,
        );
        return 0;
      }
      try {
        await saveServerResponse(client, next);
        out.log('');
        out.log(`Saved ${next._id} on ${client.base}: revision ${next.revision}, ${next.status}.`);
        return 0;
      } catch (error) {
        // Someone saved the response meanwhile: read it again and check once more.
        if (error instanceof CouchError && error.status === 409 && attempt < 2) continue;
        throw error;
      }
    }
  } catch (error) {
    return serverError(out, error);
  }
}

const console_: Output = { log: (l) => console.log(l), error: (l) => console.error(l) };

export const exportCommand: Command = {
  name: 'export',
  usage: EXPORT_USAGE,
  summary: 'write the consolidated Excel return of a questionnaire and cycle from a server',
  run: (args) => runExport(args, console_),
};

export const importCommand: Command = {
  name: 'import',
  usage: IMPORT_USAGE,
  summary: 'check a filled Excel return and save it as the next revision on the server',
  run: (args) => runImport(args, console_),
};
