// `npm run templates`: writes the shipped XLSForm templates into resources/templates/,
// then imports each workbook exactly as a user's would be and writes the result as
// <name>.template.json, which the app loads without shipping ExcelJS to every screen.
import { readFile, writeFile } from 'node:fs/promises';
import { importXlsForm } from '../../shared/forms/xlsform/import';
import { decCapacityNeeds } from './dec-capacity-needs';
import { decCapacityNeedsV2 } from './dec-capacity-needs-v2';
import { implementationFollowup } from './implementation-followup';
import { workshopFeedback } from './workshop-feedback';
import { workshopFeedbackV2 } from './workshop-feedback-v2';
import { writeXlsForm, type XlsFormSource } from './write-xlsform';

const out = new URL('../../resources/templates/', import.meta.url).pathname;
const templates: [string, XlsFormSource][] = [
  ['dec-capacity-needs', decCapacityNeeds],
  ['dec-capacity-needs-v2', decCapacityNeedsV2],
  ['workshop-feedback', workshopFeedback],
  ['workshop-feedback-v2', workshopFeedbackV2],
  ['implementation-followup', implementationFollowup],
];
for (const [name, source] of templates) {
  const xlsx = `${out}${name}.xlsx`;
  await writeXlsForm(source, xlsx);
  const result = await importXlsForm(new Uint8Array(await readFile(xlsx)), { fileName: `${name}.xlsx` });
  if (!result.template) {
    console.error(`${name}.xlsx has problems:`, result.problems);
    process.exit(1);
  }
  await writeFile(`${out}${name}.template.json`, `${JSON.stringify(result.template, null, 1)}\n`);
  console.log(`Wrote ${name}.xlsx and ${name}.template.json`);
}
