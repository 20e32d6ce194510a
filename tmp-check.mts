import { readFileSync, readdirSync } from 'node:fs';
import { importXlsForm } from './shared/forms/xlsform/import';
for (const f of readdirSync('tests/fixtures/xlsforms')) {
  const r = await importXlsForm(readFileSync(`tests/fixtures/xlsforms/${f}`), { leaveOutUnsupported: true });
  console.log(
    f,
    r.template ? 'OK' : 'REFUSED',
    JSON.stringify(
      r.problems.map((p) => `${p.severity} r${p.row} ${p.column}: ${p.message}`),
      null,
      1,
    ),
  );
}
