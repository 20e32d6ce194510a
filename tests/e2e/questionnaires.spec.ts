import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const DEC = 'DEC capacity and needs assessment';
const DEC_V1 = `${DEC} (earlier version 2026.1)`;

test('the DEC assessment: a 2025 response on version 1, then 2026 on version 2 from its answers, as directors answer; both years consolidated', async ({
  openApp,
}) => {
  let page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC_V1 });
  await page.getByLabel('Cycle (year)').fill('2025');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${DEC} · 2025` })).toBeVisible();

  // Section 1: relevance, live calculation.
  const outline = page.getByRole('navigation', { name: 'Sections' });
  await expect(outline.getByRole('button', { name: /Institute profile/ })).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expect(page.getByLabel('Describe the legal status')).toBeHidden();
  await page.getByRole('radio', { name: 'Other' }).check();
  await expect(page.getByLabel('Describe the legal status (required)')).toBeVisible();
  await page
    .getByLabel('Describe the legal status (required)')
    .fill('Foundation under the Ministry of Trade');
  await page.getByLabel('Scientists and engineers').fill('4');
  await page.getByLabel('Technicians').fill('6');
  await page.getByLabel('Administration and support').fill('2');
  await expect(page.getByText('Total staff: 12')).toBeVisible();
  await page.getByLabel('Year the institute was established').fill('1850');
  await expect(page.getByText(/1950|year/i).first()).toBeVisible();
  await page.getByLabel('Year the institute was established').fill('1972');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '10-dec-profile');
  await expectAccessible(page);

  // Needs: a repeat with two instances.
  await outline.getByRole('button', { name: /^Needs/ }).click();
  await page.getByRole('button', { name: 'Add a need' }).click();
  await page
    .getByLabel('Metrology area (required)')
    .selectOption({ label: 'Mass and Related Quantities (M)' });
  await page.getByRole('radio', { name: 'Training' }).check();
  await page.getByLabel('Priority (1 = highest, 5 = lowest) (required)').fill('1');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '11-dec-needs');
  await expectAccessible(page);

  // A real restart keeps every answer.
  await page.close();
  page = await openApp();
  const row = page.getByTestId('responses-table').getByRole('row').nth(1);
  await expect(row).toContainText(DEC);
  await expect(row).toContainText('to complete or correct');
  await row.getByRole('link', { name: DEC }).click();
  await expect(page.getByLabel('Technicians')).toHaveValue('6');
  await expect(page.getByText('Total staff: 12')).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Needs/ })
    .click();
  await expect(page.getByLabel('Metrology area (required)')).toHaveValue('M');

  // Submitting shows the gaps; each one leads to its question.
  await page.getByRole('button', { name: 'Submit' }).click();
  const gaps = page.getByTestId('submit-gaps');
  await expect(gaps).toContainText('2 answers must be completed');
  await gaps.getByRole('button', { name: /In which metrology areas/ }).click();
  await expect(
    page.getByRole('checkbox', { name: 'Acoustics, Ultrasound and Vibration (AUV)' }),
  ).toBeFocused();
  await page.getByRole('checkbox', { name: 'Mass and Related Quantities (M)' }).check();
  await page.getByRole('checkbox', { name: 'Thermometry (T)' }).check();
  await gaps.getByRole('button', { name: /quality system based on ISO/ }).click();
  await page.getByRole('radio', { name: 'Yes, implemented' }).check();
  await expect(page.getByText('Has the RMO approved the quality system?')).toBeVisible();
  // Two areas served give two instances of "Services in one area" (repeat_count), each to be named.
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(gaps).toContainText('2 answers must be completed');
  await gaps
    .getByRole('button', { name: /Metrology area/ })
    .first()
    .click();
  const areas = page.getByLabel('Metrology area (required)');
  await expect(areas).toHaveCount(2);
  await areas.nth(0).selectOption({ label: 'Mass and Related Quantities (M)' });
  await areas.nth(1).selectOption({ label: 'Thermometry (T)' });
  await page.getByRole('button', { name: 'Submit' }).click();
  // Submit asks first, saying what goes where and what it means.
  const confirm = page.getByRole('dialog', { name: 'Submit to the secretariat?' });
  await expect(confirm).toContainText("go to the committee's secretariat at the next sync");
  await expect(confirm).toContainText('becomes read-only');
  await confirm.getByRole('button', { name: 'Not yet' }).click();
  await expect(page.getByText(/^Submitted on/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit' }).click();
  await confirm.getByRole('button', { name: 'Submit revision 1' }).click();
  await expect(page.getByText(/^Submitted on .* by Maria Santos/)).toBeVisible();
  await expect(page.getByLabel('Metrology area (required)').first()).toBeDisabled();
  await screenshot(page, '12-dec-submitted');
  await expectAccessible(page);

  // Reopening needs a reason and makes revision 2.
  await page.getByRole('button', { name: 'Reopen for changes' }).click();
  await page.getByRole('button', { name: 'Reopen as revision 2' }).click();
  await expect(page.getByText('Say why the response is reopened')).toBeVisible();
  await page.getByLabel('Why is it reopened?').fill('Staff figures corrected');
  await page.getByRole('button', { name: 'Reopen as revision 2' }).click();
  await expect(page.getByText(/Reopened as revision 2 .*: Staff figures corrected/)).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Institute profile/ })
    .click();
  await page.getByLabel('Technicians').fill('7');
  await expect(page.getByText('Total staff: 13')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('button', { name: 'Submit revision 2' }).click();
  await expect(page.getByText(/^Submitted on/)).toBeVisible();

  // Next cycle from last cycle's answers, then compare.
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByLabel('Start this cycle from the 2025 answers').check();
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${DEC} · 2026` })).toBeVisible();
  await expect(page.getByLabel('Technicians')).toHaveValue('7');
  await page.getByLabel('Technicians').fill('9');
  // Version 2 takes what directors really answer.
  await page.getByLabel('Year the institute was established').fill('1947');
  await expect(page.getByText('Enter a year from 1800 to this year.')).toBeHidden();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Key annual indicators/ })
    .click();
  await page.getByLabel('Calibration certificates issued').fill('3,450');
  await expect(page.getByText('Understood as 3450')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  // Each area served starts with its area filled.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Services and customers/ })
    .click();
  await expect(page.getByRole('combobox', { name: 'Metrology area' }).first()).toHaveValue('M');
  await expect(page.getByRole('group', { name: 'Services in an area 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('button', { name: 'Submit revision 1' }).click();
  await expect(page.getByText(/^Submitted on .* by Maria Santos/)).toBeVisible();
  await screenshot(page, '13-dec-v2-submitted');

  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await page.getByRole('link', { name: `Compare ${DEC} cycles` }).click();
  const changed = page.getByTestId('compare-table').getByRole('row', { name: /Technicians/ });
  await expect(changed).toContainText('7');
  await expect(changed).toContainText('9');
  await expect(changed).toContainText('changed');
  await screenshot(page, '13-compare-cycles');
  await expectAccessible(page);

  // One consolidated return holds both years, each read with its own version.
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  // The consolidated return is a secretariat's tool, under More tools on an institute's computer.
  await page.getByText('More tools (secretariat and facilitators)').click();
  const panel = page.getByRole('region', { name: 'Export to Excel' });
  await panel.getByLabel('Cycle to export (year)').fill('2026');
  await panel.getByLabel('Include earlier cycles (one row per institute and cycle)').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export consolidated return' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync(await download.path())).buffer);
  const wide = workbook.getWorksheet('By institute');
  const codes = (wide?.getRow(2).values ?? []) as unknown[];
  const cells = (code: string) => [3, 4].map((r) => wide?.getRow(r).getCell(codes.indexOf(code)).value);
  expect(cells('cycle')).toEqual([2025, 2026]);
  expect(cells('template_version')).toEqual(['2026.1', '2026.2']);
  expect(cells('year_established')).toEqual([1972, 1947]);
  expect(cells('staff_technicians')).toEqual([7, 9]);
  expect(cells('ind_calibrations')).toEqual([null, 3450]);
});

test('an XLSForm with mistakes is refused with every problem listed; unsupported questions can be left out', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const { buildWorkbook } = await import('../unit/forms/workbook-builder');
  const bad = await buildWorkbook({
    survey: [
      ['type', 'name', 'label'],
      ['text', 'site', 'Site name'],
      ['integr', 'rooms', 'Rooms'],
      ['geopoint', 'where', 'Location'],
    ],
    settings: [
      ['form_id', 'form_title'],
      ['site_visit', 'Site visit'],
    ],
  });
  await page.getByText('More tools (secretariat and facilitators)').click();
  await page.getByLabel('XLSForm workbook').setInputFiles({
    name: 'site-visit.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(bad),
  });
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('2 problems keep this form from being imported');
  await expect(problems.getByRole('row', { name: /integr/ })).toContainText('Did you mean "integer"?');
  await expect(problems.getByRole('row', { name: /geopoint/ })).toContainText('4');
  await screenshot(page, '14-import-problems');
  await expectAccessible(page);

  const unsupportedOnly = await buildWorkbook({
    survey: [
      ['type', 'name', 'label'],
      ['text', 'site', 'Site name'],
      ['geopoint', 'where', 'Location'],
    ],
    settings: [
      ['form_id', 'form_title'],
      ['site_visit', 'Site visit'],
    ],
  });
  await page.getByLabel('XLSForm workbook').setInputFiles({
    name: path.basename('site-visit.xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(unsupportedOnly),
  });
  await page.getByRole('button', { name: 'Import without the unsupported questions' }).click();
  await expect(page.getByText('Imported Site visit (version 1)')).toBeVisible();
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Site visit (1)' });
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(
    page.getByText('imported without 1 question(s) of unsupported types: where (geopoint)'),
  ).toBeVisible();
  await page.getByLabel('Site name').fill('Main laboratory');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
});

test('the last keystroke is kept when the window is killed a second later', async ({ openApp }) => {
  let page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC });
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page
    .getByLabel('Parent body (ministry or agency)')
    .pressSequentially('Ministry of Science', { delay: 20 });
  // No waiting for "saved": one second after the last keystroke the window is killed.
  await page.waitForTimeout(1000);
  await page.close({ runBeforeUnload: false });
  page = await openApp();
  await page.getByTestId('responses-table').getByRole('link', { name: DEC }).click();
  await expect(page.getByLabel('Parent body (ministry or agency)')).toHaveValue('Ministry of Science');
});
