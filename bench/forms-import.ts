/**
 * Importing a 400-row XLSForm: the whole importer (read, parse, check every expression)
 * against ExcelJS loading the same bytes, which is the floor any importer pays.
 */
import ExcelJS from 'exceljs';
import { importXlsForm } from '../shared/forms/xlsform/import';

const ROWS = 400;
const RUNS = 5;

export async function makeForm(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const survey = workbook.addWorksheet('survey');
  survey.addRow(['type', 'name', 'label::English (en)', 'relevant', 'constraint', 'calculation', 'required']);
  let row = 0;
  for (let section = 0; row < ROWS; section++) {
    survey.addRow(['begin group', `s${section}`, `Section ${section}`]);
    row++;
    for (let q = 0; q < 18 && row < ROWS - 1; q++, row++) {
      const name = `s${section}_q${q}`;
      const kind = q % 4;
      if (kind === 0)
        survey.addRow(['integer', name, `How many ${q}?`, null, '. >= 0 and . <= 100000', null, 'yes']);
      else if (kind === 1) survey.addRow(['select_one yn', name, `Is ${q} in place?`]);
      else if (kind === 2)
        survey.addRow([
          'text',
          name,
          `Describe ${q}`,
          `\${s${section}_q${q - 1}} = 'yes'`,
          'string-length(.) < 500',
        ]);
      else survey.addRow(['calculate', name, null, null, null, `\${s${section}_q${q - 3}} * 2`]);
    }
    survey.addRow(['end group']);
    row++;
  }
  const choices = workbook.addWorksheet('choices');
  choices.addRow(['list_name', 'name', 'label::English (en)']);
  choices.addRow(['yn', 'yes', 'Yes']);
  choices.addRow(['yn', 'no', 'No']);
  workbook.addWorksheet('settings').addRow(['form_id']);
  workbook.getWorksheet('settings')?.addRow(['bench_form']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function run(): Promise<void> {
  const bytes = await makeForm();
  const load: number[] = [];
  const full: number[] = [];
  let problems = 0;
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    await new ExcelJS.Workbook().xlsx.load(new Uint8Array(bytes).buffer);
    load.push(performance.now() - start);
    start = performance.now();
    const result = await importXlsForm(bytes);
    full.push(performance.now() - start);
    problems = result.problems.length;
  }
  const base = median(load);
  const measured = median(full);
  console.log(
    `XLSForm import: ${ROWS} survey rows, ${(bytes.length / 1024).toFixed(0)} KB, median of ${RUNS} (${problems} problems)`,
  );
  console.log(`baseline: ExcelJS load only        ${base.toFixed(1).padStart(8)} ms`);
  console.log(
    `importXlsForm (read+parse+check)   ${measured.toFixed(1).padStart(8)} ms  ×${(measured / base).toFixed(2)} of baseline`,
  );
}
