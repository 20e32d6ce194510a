/** One case of the excel bench, in a process of its own: prints {ms, rssMb, detail} as JSON. */
import ExcelJS from 'exceljs';
import { parseDoc } from '../shared/docs/registry';
import type { ResponseDoc } from '../shared/docs/response/schema';
import { exportConsolidated } from '../shared/excel/consolidated';
import { exportReturn, type InstituteInfo } from '../shared/excel/return-export';
import { checkReturn, openReturn } from '../shared/excel/return-import';
import type { Template } from '../shared/forms/model';
import { findShippedTemplate } from '../shared/forms/shipped';
import { generateInstituteDocs, planDataset } from '../shared/seed';

const RUNS = 5;
const now = new Date('2026-11-30T12:00:00Z');

function decTemplate(): Template {
  const found = findShippedTemplate('dec_capacity_needs');
  if (!found) throw new Error('the DEC template is not shipped');
  return found;
}
const template = decTemplate();
const plan = planDataset({ seed: 1, institutes: 40, cycles: 3, asOf: '2026-11-30' });
const cycle = plan.cycles.at(-1) ?? 2026;
const rows: { institute: InstituteInfo; response?: ResponseDoc }[] = plan.institutes.map((seeded) => {
  const institute: InstituteInfo = { org: seeded.slug, name: seeded.name, economy: seeded.economy };
  const response = generateInstituteDocs(plan, seeded)
    .map((doc) => parseDoc(doc))
    .find(
      (d): d is ResponseDoc => d.type === 'response' && d.templateId === template.id && d.cycle === cycle,
    );
  return response ? { institute, response } : { institute };
});
const answers = (row: (typeof rows)[number]) => Object.keys(row.response?.answers ?? {}).length;
const busiest = [...rows].sort((a, b) => answers(b) - answers(a))[0] ?? {
  institute: { org: 'x', name: 'x' },
};

function exportBusiest(): Promise<Uint8Array> {
  return exportReturn({
    template,
    institute: busiest.institute,
    cycle,
    ...(busiest.response ? { response: busiest.response } : {}),
    exportedAt: now,
    exportedBy: 'bench',
    appVersion: 'bench',
  });
}

/** The busiest institute's return with five indicators changed, as a person would fill it. */
async function filledReturn(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await exportBusiest()).buffer);
  let changed = 0;
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      const code = row.getCell(1).value;
      if (changed < 5 && typeof code === 'string' && code.startsWith('ind_'))
        row.getCell(3).value = 100 + changed++;
    });
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function consolidated(): Promise<Uint8Array> {
  return exportConsolidated({
    template,
    cycle,
    institutes: rows,
    exportedAt: now,
    exportedBy: 'bench',
    appVersion: 'bench',
  });
}

interface Case {
  /** Untimed: makes the input. */
  prepare?: () => Promise<Uint8Array>;
  /** Timed; says what it made or read (a case that times only part of its work puts its own ms before a "|"). */
  run: (input: Uint8Array) => Promise<string>;
}

const cases: Record<string, Case> = {
  idle: {
    run: () =>
      Promise.resolve(
        `${plan.institutes.length} institutes, DEC ${cycle} (${rows.filter((r) => r.response).length} with a response)`,
      ),
  },
  'plain-write': {
    // The consolidated return's own cells, written again with nothing else: no rules
    // evaluated, no labels looked up, no styles.
    prepare: consolidated,
    run: async (bytes) => {
      const source = new ExcelJS.Workbook();
      await source.xlsx.load(new Uint8Array(bytes).buffer);
      const sheets = source.worksheets.map((ws) => {
        const rows: ExcelJS.CellValue[][] = [];
        ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
        return { name: ws.name, rows };
      });
      const start = performance.now();
      const plain = new ExcelJS.Workbook();
      let cells = 0;
      for (const sheet of sheets) {
        const ws = plain.addWorksheet(sheet.name);
        for (const row of sheet.rows) {
          ws.addRow(row);
          cells += row.length;
        }
      }
      await plain.xlsx.writeBuffer();
      return `${performance.now() - start}|${cells} cells`;
    },
  },
  consolidated: {
    run: async () => `${((await consolidated()).length / 1024).toFixed(0)} kB`,
  },
  'load-only': {
    prepare: filledReturn,
    run: async (bytes) => {
      await new ExcelJS.Workbook().xlsx.load(new Uint8Array(bytes).buffer);
      return `${(bytes.length / 1024).toFixed(0)} kB`;
    },
  },
  import: {
    prepare: filledReturn,
    run: async (bytes) => {
      const opened = await openReturn(bytes);
      if (!opened.ok) throw new Error(opened.problems.map((p) => p.problem).join('; '));
      const report = checkReturn(opened, { template, current: busiest.response, submit: false, now });
      return `${report.summary.changedAnswers} answers changed, ${report.problems.length} problems`;
    },
  },
  'export-return': {
    run: async () => `${((await exportBusiest()).length / 1024).toFixed(0)} kB`,
  },
};

const name = process.argv[2] ?? '';
const chosen = cases[name];
if (!chosen) throw new Error(`unknown case ${name}`);
const times: number[] = [];
let detail = '';
for (let i = 0; i < RUNS; i++) {
  const input = chosen.prepare ? await chosen.prepare() : new Uint8Array();
  const start = performance.now();
  const said = await chosen.run(input);
  const own = /^([\d.]+)\|(.*)$/.exec(said);
  times.push(own ? Number(own[1]) : performance.now() - start);
  detail = own ? (own[2] ?? '') : said;
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    ms: sorted[Math.floor(sorted.length / 2)],
    rssMb: process.resourceUsage().maxRSS / 1024,
    detail,
  }),
);
