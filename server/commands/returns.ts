/**
 * `workbench export` builds the consolidated return of a questionnaire and cycle straight
 * from a server's institute databases, or (with `--institute`) one institute's fillable
 * return; `workbench import` reads a filled institute return into the response that
 * `--org` and `--cycle` name, prints every problem with its sheet and cell, and, when
 * there are none, writes the next revision of that response (all of it, in one document).
 * The workbook never chooses where it is written: a return for another institute or
 * cycle than the one named is refused. A dry run checks everything the write would,
 * the server's rules included, so both give the same verdict.
 * Exit codes: 0 done, 1 problems (nothing written), 2 bad usage.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDoc } from '../../shared/docs/registry';
import type { ResponseDoc } from '../../shared/docs/response/schema';
import { WorkbenchError } from '../../shared/errors';
import { RETURN_LIMITS } from '../../shared/excel/guard';
import { exportConsolidated } from '../../shared/excel/consolidated';
import { applyReturn } from '../../shared/excel/apply-return';
import { exportReturn, returnFileName } from '../../shared/excel/return-export';
import {
  checkReturn,
  notReadSentence,
  checkTarget,
  openReturn,
  type ReturnProblem,
  type ReturnReport,
} from '../../shared/excel/return-import';
import { findShippedTemplate } from '../../shared/forms/shipped';
import { SLUG_PATTERN } from '../../shared/ids';
import { orgDbName } from '../../shared/sync/names';
import pkg from '../../package.json' with { type: 'json' };
import {
  badUsage,
  consoleOutput,
  flag,
  parseCommand,
  sentence,
  text,
  texts,
  type Command,
  type CommandSpec,
  type Output,
} from '../command';
import { couchClient, CouchError, type CouchClient } from '../couch-client';
import { refusal } from '../hub/validation';
import {
  instituteInfo,
  saveServerResponse,
  serverInstitutes,
  serverResponse,
  serverSupportReceived,
  serverTemplate,
} from '../returns';

const URL_HELP =
  'the server, e.g. https://sam@couch.example.org (the password in WORKBENCH_ADMIN_PASSWORD keeps it off the screen)';

const EXPORT: CommandSpec = {
  name: 'export',
  usage:
    'export --url URL --template ID --cycle YEAR (--out FILE.xlsx [--org SLUG …] | --institute SLUG [--out FILE.xlsx]) [--version V]',
  summary:
    'write the consolidated Excel return of a questionnaire and cycle from a server, or one institute’s fillable return',
  options: {
    url: { type: 'string', value: 'URL', help: URL_HELP },
    template: { type: 'string', value: 'ID', help: 'the questionnaire, e.g. dec_capacity_needs' },
    cycle: { type: 'string', value: 'YEAR', help: 'the cycle (year), from 2000 to 2100' },
    out: {
      type: 'string',
      value: 'FILE.xlsx',
      help: 'the file to write (for --institute, by default named after the institute, questionnaire and cycle)',
    },
    org: {
      type: 'string',
      multiple: true,
      value: 'SLUG',
      help: 'an institute to include in the consolidated return (default: every institute of the directory)',
    },
    institute: {
      type: 'string',
      value: 'SLUG',
      help: 'write this institute’s own return instead: its answers (or a blank return), to fill in and bring back with `workbench import`',
    },
    version: {
      type: 'string',
      value: 'V',
      help: 'the questionnaire version, when the responses do not settle it',
    },
  },
};

const IMPORT: CommandSpec = {
  name: 'import',
  usage: 'import --url URL --org SLUG --cycle YEAR FILE.xlsx [--submit] [--dry-run]',
  summary: 'check a filled Excel return and save it as the next revision of an institute’s response',
  positionals: 'one FILE.xlsx',
  options: {
    url: { type: 'string', value: 'URL', help: URL_HELP },
    org: {
      type: 'string',
      value: 'SLUG',
      help: 'the institute whose response the return fills; a return of another institute is refused',
    },
    cycle: {
      type: 'string',
      value: 'YEAR',
      help: 'the cycle (year) of that response; a return of another cycle is refused',
    },
    submit: { type: 'boolean', help: 'submit the response too (every required answer must be there)' },
    'dry-run': {
      type: 'boolean',
      help: 'check everything the import would (the file, the server’s rules and rights) and write nothing',
    },
  },
  notes: [
    'A return to fill comes from the app (Export to Excel on a response) or from',
    '`workbench export --institute SLUG --template ID --cycle YEAR`.',
  ],
};

function serverError(out: Output, error: unknown): number {
  // A file that cannot be written, or a document our own rules refuse: its sentence, no stack.
  if (error instanceof WorkbenchError || (error instanceof Error && 'syscall' in error)) {
    out.error(sentence(error.message));
    return 1;
  }
  if (!(error instanceof CouchError)) throw error;
  out.error(
    error.status === 401 || error.status === 403
      ? `The server refused: ${sentence(error.message)} Use a secretariat or admin account (in the URL, or WORKBENCH_ADMIN_USER/WORKBENCH_ADMIN_PASSWORD).`
      : error.status === 431 || error.status === 414
        ? 'The server refused the request as too long; check the institute and questionnaire ids.'
        : sentence(error.message),
  );
  return 1;
}

function cycleOf(value: string | undefined, problems: string[]): number {
  const cycle = Number(value);
  if (!value || !/^\d{4}$/.test(value) || cycle < 2000 || cycle > 2100) {
    problems.push(
      value ? `--cycle ${value} is not a year from 2000 to 2100.` : 'Give --cycle, a year from 2000 to 2100.',
    );
  }
  return cycle;
}

function slugProblem(option: string, slug: string): string {
  const shown = slug.length > 60 ? `${slug.slice(0, 57)}…` : slug;
  return `--${option} "${shown}" is not an institute id (1 to 40 lower-case letters, digits or hyphens, e.g. ph-nml-itdi).`;
}

export async function runExport(args: readonly string[], out: Output): Promise<number> {
  const parsed = parseCommand(EXPORT, args, out);
  if (typeof parsed === 'number') return parsed;
  const problems: string[] = [];
  const url = text(parsed, 'url');
  const templateId = text(parsed, 'template');
  const file = text(parsed, 'out');
  const orgs = texts(parsed, 'org');
  const single = text(parsed, 'institute');
  const version = text(parsed, 'version');
  if (!url) problems.push('Give --url of the server.');
  if (!templateId) problems.push('Give --template, the questionnaire id (e.g. dec_capacity_needs).');
  const cycle = cycleOf(text(parsed, 'cycle'), problems);
  if (!file && single === undefined) problems.push('Give --out FILE.xlsx.');
  else if (file && !file.toLowerCase().endsWith('.xlsx')) problems.push('The --out file must end in .xlsx.');
  for (const org of orgs) if (!SLUG_PATTERN.test(org)) problems.push(slugProblem('org', org));
  if (single !== undefined && !SLUG_PATTERN.test(single)) problems.push(slugProblem('institute', single));
  if (single !== undefined && orgs.length > 0)
    problems.push(
      'Give either --institute (one institute’s return) or --org (a consolidated return), not both.',
    );
  if (problems.length > 0) return badUsage(EXPORT, out, problems);

  try {
    const client = couchClient(url as string);
    if (single !== undefined) {
      return await exportOne(client, out, {
        org: single,
        templateId: templateId as string,
        cycle,
        file,
        version,
      });
    }
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
    const elsewhere = await serverSupportReceived(
      client,
      institutes.map((i) => i.org),
      institutes,
    );
    const bytes = await exportConsolidated({
      template,
      cycle,
      institutes: rows.map((r) => (r.response?.templateVersion === wanted ? r : { institute: r.institute })),
      elsewhere,
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

/** The database of an institute, or a sentence saying it is not on the server. */
async function checkInstitute(client: CouchClient, org: string): Promise<string | undefined> {
  const none = `There is no institute "${org}" on ${client.base} (it has no database ${orgDbName(org)}). Check the institute id, or add the institute with \`workbench setup --org ${org}\`.`;
  try {
    return (await client.find(`/${encodeURIComponent(orgDbName(org))}`)) ? undefined : none;
  } catch (error) {
    // The hub answers 403 for a database that does not exist, as for one of another
    // institute; the directory tells the two apart where there is one.
    if (!(error instanceof CouchError) || (error.status !== 401 && error.status !== 403)) throw error;
    const listed = await serverInstitutes(client).catch(() => []);
    if (listed.length > 0 && !listed.some((i) => i.org === org)) return none;
    throw error;
  }
}

/** One institute's fillable return: its response for the cycle, or a blank return. */
async function exportOne(
  client: CouchClient,
  out: Output,
  wanted: {
    org: string;
    templateId: string;
    cycle: number;
    file: string | undefined;
    version: string | undefined;
  },
): Promise<number> {
  const { org, templateId, cycle } = wanted;
  const missing = await checkInstitute(client, org);
  if (missing) {
    out.error(missing);
    return 1;
  }
  const response = await serverResponse(client, org, templateId, cycle);
  const version = response?.templateVersion ?? wanted.version;
  if (response && wanted.version && wanted.version !== response.templateVersion) {
    out.error(
      `${org}’s ${cycle} response uses version ${response.templateVersion} of ${templateId}, not ${wanted.version}; leave out --version to export it.`,
    );
    return 1;
  }
  // Without a response or --version, the version shipped with this release.
  const template = version
    ? await serverTemplate(client, templateId, version, [org])
    : findShippedTemplate(templateId);
  if (!template) {
    out.error(
      version
        ? `The questionnaire ${templateId} version ${version} is neither shipped with this version nor on the server.`
        : `${templateId} is not shipped with this version and ${org} has no ${cycle} response to it; give --version to export a blank return of a questionnaire on the server.`,
    );
    return 1;
  }
  const directory = (await serverInstitutes(client).catch(() => [])).find((i) => i.org === org);
  const institute = directory ?? instituteInfo(org);
  const file = wanted.file ?? returnFileName(institute, template, cycle, !response);
  const support = await serverSupportReceived(client, [org], directory ? [directory] : []);
  const bytes = await exportReturn({
    template,
    institute,
    cycle,
    ...(response ? { response } : {}),
    elsewhere: support(org, cycle),
    exportedAt: new Date(),
    exportedBy: client.user,
    appVersion: pkg.version,
  });
  await writeFile(file, bytes);
  out.log(
    `Wrote ${file}: ${institute.name}’s return of ${template.title} ${cycle} (${response ? `revision ${response.revision}, ${response.status}` : 'blank: no response yet'}).`,
  );
  out.log(
    `Send it to the institute to fill in; bring it back with: workbench import --url URL --org ${org} --cycle ${cycle} ${path.basename(file)}`,
  );
  return 0;
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
    for (const sheet of summary.notRead) lines.push(`  ${notReadSentence(sheet)}`);
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
  const parsed = parseCommand(IMPORT, args, out);
  if (typeof parsed === 'number') return parsed;
  const problems: string[] = [];
  const url = text(parsed, 'url');
  const org = text(parsed, 'org');
  const submit = flag(parsed, 'submit');
  const dryRun = flag(parsed, 'dry-run');
  if (!url) problems.push('Give --url of the server.');
  if (org === undefined) problems.push('Give --org, the institute whose response the return fills.');
  else if (!SLUG_PATTERN.test(org)) problems.push(slugProblem('org', org));
  const cycle = cycleOf(text(parsed, 'cycle'), problems);
  if (parsed.positionals.length !== 1) problems.push('Give one filled return (.xlsx) to import.');
  if (problems.length > 0) return badUsage(IMPORT, out, problems);
  const file = parsed.positionals[0] as string;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return badUsage(IMPORT, out, [`${file} is not a file.`]);
    size = info.size;
  } catch {
    return badUsage(IMPORT, out, [`There is no file ${file}. Check the path.`]);
  }
  const nothing = (why = 'Nothing was written.') => {
    out.log('');
    out.log(why);
    return 1;
  };
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
    return nothing();
  }
  const { meta } = opened;
  const target = { org: org as string, cycle };
  const elsewhere = checkTarget(meta, target);
  if (elsewhere) {
    for (const line of formatReturnReport(file, { problems: [elsewhere] })) out.log(line);
    return nothing();
  }
  try {
    const client = couchClient(url as string);
    const missing = await checkInstitute(client, target.org);
    if (missing) {
      out.error(missing);
      return nothing();
    }
    const user = await sessionUser(client);
    for (let attempt = 0; ; attempt++) {
      const current = await serverResponse(client, target.org, meta.templateId, target.cycle);
      const template = await serverTemplate(client, meta.templateId, meta.templateVersion, [target.org]);
      const report = checkReturn(opened, { template, current, submit, now: new Date() });
      if (attempt === 0) for (const line of formatReturnReport(file, report)) out.log(line);
      if (!report.canApply || !template) {
        return nothing('Nothing was written: fix the problems above in the workbook and import it again.');
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
      // What the server would refuse is found here, for a dry run and a real import alike.
      const refused = wouldRefuse(next, user);
      if (refused) {
        out.error(refused);
        return nothing();
      }
      if (dryRun) {
        out.log('');
        out.log(
          `Checked only (--dry-run): importing would write revision ${next.revision} (${next.status}) of ${next._id}.`,
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

/** Who the server takes the account for (name and roles), as its validation sees them. */
async function sessionUser(client: CouchClient): Promise<{ name: string; roles: string[] }> {
  const session = await client.request<{ userCtx?: { name?: unknown; roles?: unknown } }>('GET', '/_session');
  const name = typeof session.userCtx?.name === 'string' ? session.userCtx.name : '';
  const roles = Array.isArray(session.userCtx?.roles)
    ? session.userCtx.roles.filter((r): r is string => typeof r === 'string')
    : [];
  if (!name) throw new CouchError(401, 'unauthorized', 'Name or password is incorrect.');
  return { name, roles };
}

/**
 * Why the server would refuse the response, or undefined: its schema, then the
 * `validate_doc_update` that `workbench setup` installs (the rights of this account).
 */
function wouldRefuse(next: ResponseDoc, user: { name: string; roles: string[] }): string | undefined {
  try {
    parseDoc(next);
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    return `${sentence(error.message)} ${(error.detail ?? []).join(' ')}`.trim();
  }
  const reason = refusal(orgDbName(next.org), next, { name: user.name, roles: user.roles }, {});
  return reason === undefined
    ? undefined
    : `The server would refuse it: ${sentence(reason)} Use an account of this institute or of the secretariat.`;
}

export const exportCommand: Command = {
  ...EXPORT,
  run: (args, out = consoleOutput) => runExport(args, out),
};

export const importCommand: Command = {
  ...IMPORT,
  run: (args, out = consoleOutput) => runImport(args, out),
};
