/**
 * Excel returns as a director meets them: export the return of a response, fill it in a
 * spreadsheet (ExcelJS stands in for Excel here; LibreOffice reads the same files in
 * tests/integration/excel-soffice.test.ts), import it back with a mistake, read the report,
 * fix it, import again and apply.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const DEC = 'DEC capacity and needs assessment';

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, title: string): ExcelJS.Worksheet {
  const found = workbook.worksheets.find((ws) => ws.name.replace(/^\d+ /, '') === title);
  if (!found) throw new Error(`no sheet ${title}`);
  return found;
}

function answerCell(ws: ExcelJS.Worksheet, code: string): ExcelJS.Cell {
  let cell: ExcelJS.Cell | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === code) cell = row.getCell(3);
  });
  if (!cell) throw new Error(`no row ${code}`);
  return cell;
}

async function upload(page: Page, workbook: ExcelJS.Workbook, name: string): Promise<void> {
  const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  await page.getByLabel('Filled return (.xlsx)').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

test('export a return, fill it in a spreadsheet, import it with a mistake, fix it, apply', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  // A response on the earlier version keeps exporting and importing as that version.
  await page
    .getByLabel('Questionnaire', { exact: true })
    .selectOption({ label: `${DEC} (earlier version 2026.1)` });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page.getByRole('radio', { name: 'Government agency' }).check();
  await page.getByLabel('Scientists and engineers').fill('4');
  // Exported straight after the last keystroke: the workbook still has it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('NML-ITDI-dec_capacity_needs-2026-return.xlsx');
  await expect(page.getByText('Saved as NML-ITDI-dec_capacity_needs-2026-return.xlsx.')).toBeVisible();
  const workbook = await workbookOf(download);
  const profile = sheet(workbook, 'Institute profile');
  expect(answerCell(profile, 'legal_status').value).toBe('Government agency');
  expect(answerCell(profile, 'staff_scientists').value).toBe(4);

  // In the spreadsheet: two answers, a new need, and one deliberate mistake.
  answerCell(profile, 'parent_body').value = 'Ministry of Trade and Industry';
  answerCell(profile, 'staff_technicians').value = 'six';
  sheet(workbook, 'One need').getRow(3).values = ['', 'Mass and Related Quantities (M)', 'Training', 2];

  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  // The return fills the response chosen here, not whatever the workbook says: another
  // cycle is refused before a cell is read.
  const into = page.getByRole('group', { name: 'Import into' });
  await expect(into.getByLabel('Institute the return is for')).toHaveText(
    /NML-ITDI|National Metrology Laboratory/,
  );
  await into.getByLabel('Cycle of the return (year)').fill('2025');
  await upload(page, workbook, 'return-for-2026.xlsx');
  await expect(page.getByRole('alert')).toContainText(
    'This return is for cycle 2026 (as its cover says), not for the institute "ph-nml-itdi", cycle 2025 chosen for this import.',
  );
  await screenshot(page, '29-return-other-cycle');
  await into.getByLabel('Cycle of the return (year)').fill('2026');
  await upload(page, workbook, 'return-with-a-mistake.xlsx');
  const report = page.getByTestId('return-report');
  await expect(report).toContainText('1 problem keeps this return from being applied:');
  const mistake = report.getByRole('row').filter({ hasText: '"six" is not a whole number.' });
  await expect(mistake).toContainText('1 Institute profile');
  await expect(mistake).toContainText('C9');
  await expect(mistake).toContainText('Technicians (staff_technicians)');
  await expect(mistake).toContainText('A whole number, such as 12.');
  await expect(report.getByRole('button', { name: /Apply/ })).toHaveCount(0);
  await screenshot(page, '30-return-report');
  await expectAccessible(page);

  // Nothing was written: the response is as it was.
  await page.getByTestId('responses-table').getByRole('link', { name: DEC }).click();
  await expect(page.getByLabel('Parent body (ministry or agency)')).toHaveValue('');
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();

  // Fixed in the spreadsheet, imported again, applied.
  answerCell(profile, 'staff_technicians').value = 6;
  await upload(page, workbook, 'return-fixed.xlsx');
  await expect(report).toContainText('5 answers change');
  await expect(report).toContainText('1 row added to 7 One need');
  await report.getByRole('button', { name: 'Apply the changes' }).click();
  await expect(
    page.getByText(/^Saved: 5 answers changed; the response is at revision 1 \(Draft\)\./),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Open the response' }).click();
  await expect(page.getByLabel('Parent body (ministry or agency)')).toHaveValue(
    'Ministry of Trade and Industry',
  );
  await expect(page.getByLabel('Technicians')).toHaveValue('6');
  await expect(page.getByLabel('Scientists and engineers')).toHaveValue('4');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Needs/ })
    .click();
  await expect(page.getByLabel('Priority (1 = highest, 5 = lowest) (required)')).toHaveValue('2');
});

test('a consolidated return and a blank return download from the questionnaires list', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page.getByLabel('Scientists and engineers').fill('9');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();

  // The secretariat's tools are folded away on an institute's computer.
  await page.getByText('More tools (secretariat and facilitators)').click();
  const panel = page.getByRole('region', { name: 'Export to Excel' });
  await panel.getByLabel('Cycle to export (year)').fill('2026');
  await expect(panel.getByText('has a response for this cycle')).toBeVisible();
  const [consolidated] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export consolidated return' }).click(),
  ]);
  expect(consolidated.suggestedFilename()).toBe('dec_capacity_needs-2026-consolidated.xlsx');
  const wide = (await workbookOf(consolidated)).getWorksheet('By institute');
  const codes = (wide?.getRow(2).values ?? []) as unknown[];
  expect(wide?.getRow(3).getCell(2).value).toBe('ph-nml-itdi');
  expect(wide?.getRow(3).getCell(codes.indexOf('staff_scientists')).value).toBe(9);

  const [blank] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: /^Blank return for / }).click(),
  ]);
  expect(blank.suggestedFilename()).toBe('NML-ITDI-dec_capacity_needs-2026-blank-return.xlsx');
  const cover = (await workbookOf(blank)).getWorksheet('Cover');
  expect(cover?.getCell('B10').value).toBe('Not started (blank return)');
  await screenshot(page, '31-returns-panel');
  await expectAccessible(page);
});
