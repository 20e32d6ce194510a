// `npm run templates`: writes the shipped XLSForm templates into resources/templates/.
import { decCapacityNeeds } from './dec-capacity-needs';
import { workshopFeedback } from './workshop-feedback';
import { writeXlsForm } from './write-xlsform';

const out = new URL('../../resources/templates/', import.meta.url).pathname;
await writeXlsForm(decCapacityNeeds, `${out}dec-capacity-needs.xlsx`);
await writeXlsForm(workshopFeedback, `${out}workshop-feedback.xlsx`);
console.log(`Wrote dec-capacity-needs.xlsx and workshop-feedback.xlsx to ${out}`);
