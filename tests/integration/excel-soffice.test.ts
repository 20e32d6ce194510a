/**
 * The workbooks as a real spreadsheet program reads them: LibreOffice converts every sheet
 * of each exported workbook to CSV, and the values are what the app exported (numbers,
 * dates as dates, choices by label, text starting with = + - @ shown as written, not
 * evaluated). `.ci/run` installs Debian's libreoffice-calc-nogui; where soffice is absent
 * the test says so and skips.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmcRowOf } from '@shared/cmc/cmc-rows';
import { CMCPLAN_SCHEMA_VERSION, newCmcPlanFields } from '@shared/docs/cmcplan/schema';
import { exportCmcRows } from '@shared/excel/cmc-sheet';
import { exportConsolidated } from '@shared/excel/consolidated';
import { answerValues } from '@shared/docs/response/edit';
import { applyReturn } from '@shared/excel/apply-return';
import { exportReturn } from '@shared/excel/return-export';
import { checkReturn, openReturn } from '@shared/excel/return-import';
import { allTypes, exportedAt, fullAnswers, fullResponse, institute } from '../unit/excel/fixtures';

const run = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));
if (!SOFFICE)
  console.log(
    'excel-soffice: skipped, LibreOffice (soffice) is not installed here; apt-get install libreoffice-calc-nogui',
  );

/** Every sheet to its own CSV, values as shown, UTF-8 (LibreOffice 7.2+ filter options). */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

describe.skipIf(!SOFFICE)('exported workbooks read by LibreOffice', () => {
  let dir = '';
  const sheets = new Map<string, string[][]>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'soffice-'));
    await writeFile(
      path.join(dir, 'return.xlsx'),
      await exportReturn({
        template: allTypes,
        institute,
        cycle: 2026,
        response: fullResponse(),
        exportedAt,
        exportedBy: 'maria',
        appVersion: '9.9.9',
      }),
    );
    await writeFile(
      path.join(dir, 'consolidated.xlsx'),
      await exportConsolidated({
        template: allTypes,
        cycle: 2026,
        institutes: [{ institute, response: fullResponse() }, { institute: { org: 'la-dsm', name: 'DSM' } }],
        exportedAt,
        exportedBy: 'sam',
        appVersion: '9.9.9',
      }),
    );
    await writeFile(
      path.join(dir, 'cmc.xlsx'),
      await exportCmcRows({
        rows: [
          cmcRowOf(
            {
              _id: 'cmcplan:ph-nml:w1',
              type: 'cmcplan',
              schemaVersion: CMCPLAN_SCHEMA_VERSION,
              org: 'ph-nml',
              createdAt: '2026-11-01T00:00:00.000Z',
              updatedAt: '2026-11-01T00:00:00.000Z',
              updatedBy: 'maria',
              ...newCmcPlanFields('M', 'Mass', 'Weights'),
              quantity: 'Mass',
              instrument: 'Weight',
              instrumentType: 'OIML E2',
              rangeMin: 0.001,
              rangeMax: 20,
              rangeUnit: 'kg',
              uncertaintyMin: 0.002,
              uncertaintyMax: 10,
              uncertaintyUnit: 'mg',
              coverageFactor: 2,
              confidenceLevel: '95.45',
              referenceStandard: 'E1 set',
              traceabilitySource: 'KRISS',
              comments: '+44 is not a formula',
              serviceId: 'M-01',
            },
            'NML',
            [],
          ),
        ],
        exportedAt,
        appVersion: '9.9.9',
      }),
    );
    // Its own profile folder, so a desktop LibreOffice (or another test run) is not disturbed.
    await run(
      SOFFICE as string,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        CSV_FILTER,
        '--outdir',
        path.join(dir, 'csv'),
        ...['return', 'consolidated', 'cmc'].map((name) => path.join(dir, `${name}.xlsx`)),
      ],
      { timeout: 120_000 },
    );
    // The return opened and saved again by LibreOffice, as a person filling it in would.
    await run(
      SOFFICE as string,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        path.join(dir, 'resaved'),
        path.join(dir, 'return.xlsx'),
      ],
      { timeout: 120_000 },
    );
    for (const file of await readdir(path.join(dir, 'csv'))) {
      const text = await readFile(path.join(dir, 'csv', file), 'utf8');
      sheets.set(file.replace(/\.csv$/, ''), parse(text, { relaxColumnCount: true }) as string[][]);
    }
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function sheet(name: string): string[][] {
    const rows = sheets.get(name);
    if (!rows) throw new Error(`LibreOffice wrote no ${name}.csv; it wrote ${[...sheets.keys()].join(', ')}`);
    return rows;
  }

  function answer(rows: string[][], code: string): string | undefined {
    return rows.find((row) => row[0] === code)?.[2];
  }

  it('reads the institute return: typed answers, choices by label, Yes lines, text as written', () => {
    expect(sheet('return-Cover')).toContainEqual(['Institute', 'National Metrology Laboratory (NML)']);
    const profile = sheet('return-2 Profile');
    expect(profile[1]).toEqual(['Code', 'Question', 'Answer', 'Unit / hint', 'Comment']);
    expect(answer(profile, 'staff')).toBe('42');
    expect(answer(profile, 'budget')).toBe('1.75');
    expect(answer(profile, 'founded')).toBe('1965-07-01');
    expect(answer(profile, 'legal')).toBe('University');
    expect(answer(profile, 'areas:M')).toBe('Yes');
    expect(answer(profile, 'areas:T')).toBe('');
    expect(answer(profile, 'agree')).toBe('Yes');
    expect(answer(profile, 'double')).toBe('84');
    expect(answer(profile, 'notes')).toBe('=SUM(A1:A9)\nline two\n+1 -1 @x');
    const needs = sheet('return-3 Needs');
    expect(needs[1]?.slice(0, 5)).toEqual([
      '_row',
      'need_area',
      'need_kinds:training',
      'need_kinds:equipment',
      'need_priority',
    ]);
    expect(needs[2]).toEqual(['k1', 'Mass', 'Yes', 'Yes', '1', '2027-03-31', '-5 kg weights']);
    expect(sheet('return-4 Steps')[3]).toEqual(['s2', 'k1', '@ship', '30']);
    expect(sheet('return-_workbench')[0]?.slice(0, 3)).toEqual(['format', 'nmi-workbench-return', '1']);
  });

  it('imports the return saved again by LibreOffice with every answer intact and nothing changed', async () => {
    const opened = await openReturn(new Uint8Array(await readFile(path.join(dir, 'resaved', 'return.xlsx'))));
    if (!opened.ok) throw new Error(opened.problems.map((p) => p.problem).join('; '));
    const response = fullResponse();
    const over = checkReturn(opened, {
      template: allTypes,
      current: response,
      submit: false,
      now: exportedAt,
    });
    expect([over.problems, over.changes]).toEqual([[], {}]);
    const fresh = checkReturn(opened, {
      template: allTypes,
      current: undefined,
      submit: false,
      now: exportedAt,
    });
    const applied = answerValues(
      applyReturn(fresh, {
        template: allTypes,
        current: undefined,
        user: 'sam',
        at: exportedAt,
        reason: 'x',
      }),
    );
    for (const [key, value] of Object.entries(fullAnswers)) {
      if (key !== 'started') expect([key, applied[key]]).toEqual([key, value]);
    }
  });

  it('reads the consolidated return: one row per institute, 0/1 per choice', () => {
    const wide = sheet('consolidated-By institute');
    const codes = wide[1] ?? [];
    const nml = wide[2] ?? [];
    const at = (code: string) => nml[codes.indexOf(code)];
    expect([
      at('org'),
      at('staff'),
      at('founded'),
      at('legal'),
      at('areas'),
      at('areas/M'),
      at('areas/T'),
    ]).toEqual(['ph-nml', '42', '1965-07-01', 'University', 'M L', '1', '0']);
    expect(wide[3]?.slice(0, 4)).toEqual(['DSM', 'la-dsm', '', 'not started']);
    expect(sheet('consolidated-Answers (long)')).toContainEqual([
      'National Metrology Laboratory (NML)',
      'ph-nml',
      'Philippines',
      '2026',
      'need_priority',
      'Priority',
      '2',
      '3',
      '',
      allTypes.version,
    ]);
  });

  it('reads the CMC rows in the KCDB template order, unit and uncertainty in their own columns, a leading + kept as text', () => {
    const rows = sheet('cmc-General physics');
    const header = rows[1] ?? [];
    const at = (name: string) => rows[2]?.[header.indexOf(name)];
    expect(header.slice(7, 14)).toEqual([
      'Quantity',
      'Instrument',
      'Instrument type',
      'Measurement method',
      'Minimum value',
      'Maximum value',
      'Unit',
    ]);
    expect([at('Minimum value'), at('Maximum value'), at('Unit')]).toEqual(['0.001', '20', 'kg']);
    expect([at('Minimum'), at('Maximum'), at('Absolute or relative')]).toEqual(['0.002', '10', 'Absolute']);
    expect(rows[2]?.[0]).toBe('NML');
    expect(at('Comments')).toBe('+44 is not a formula');
    expect(at('NMI service identifier')).toBe('M-01');
  });
});
