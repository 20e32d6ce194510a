import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/xlsforms');

test('an ODK form in two languages: switch language, change a cascade’s parent, the child is cleared', async ({
  openApp,
}) => {
  let page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  // Importing a questionnaire is a secretariat's tool, under More tools on an institute's computer.
  await page.getByText('More tools (secretariat and facilitators)').click();
  await page.getByLabel('XLSForm workbook').setInputFiles({
    name: 'two-language-cascade.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(path.join(FIXTURES, 'two-language-cascade.xlsx')),
  });
  await expect(page.getByText('Imported Laboratories (version 1)')).toBeVisible();
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Laboratories (1)' });
  await page.getByRole('button', { name: 'Start or open response' }).click();

  // The form starts in its default language, with its languages offered beside it.
  const language = page.getByLabel('Form language');
  await expect(language).toHaveValue('English (en)');
  await page.getByRole('radio', { name: 'Viet Nam' }).check();
  await page.getByRole('radio', { name: 'Hanoi' }).check();
  await expect(page.getByRole('radio', { name: 'Bangkok' })).toHaveCount(0);

  await language.selectOption('Français (fr)');
  await expect(page.getByText('Économie')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Hanoï' })).toBeChecked();

  // A new parent: the city no longer in the list is cleared, and stays cleared.
  await page.getByRole('radio', { name: 'Thaïlande' }).check();
  await expect(page.getByRole('radio', { name: 'Hanoï' })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Bangkok' })).not.toBeChecked();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');

  // The repeat, in French.
  await page.getByRole('button', { name: 'Laboratoire' }).click();
  await page.getByRole('button', { name: 'Add a laboratoire' }).click();
  await page.getByLabel('Nom du laboratoire').fill('Masse');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '30-odk-form-french');
  await expectAccessible(page);

  // After a restart: the language chosen is remembered, the cleared city is still empty.
  await page.close();
  page = await openApp();
  await page.getByTestId('responses-table').getByRole('link', { name: 'Laboratories' }).click();
  await expect(page.getByLabel('Form language')).toHaveValue('Français (fr)');
  await expect(page.getByRole('radio', { name: 'Thaïlande' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Bangkok' })).not.toBeChecked();
  await page.getByRole('radio', { name: 'Bangkok' }).check();
  await page.getByLabel('Form language').selectOption('English (en)');
  await expect(page.getByRole('radio', { name: 'Bangkok' })).toBeChecked();
});

test('a right-to-left form language is laid out right to left', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  // Importing a questionnaire is a secretariat's tool, under More tools on an institute's computer.
  await page.getByText('More tools (secretariat and facilitators)').click();
  await page.getByLabel('XLSForm workbook').setInputFiles({
    name: 'four-languages.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(path.join(FIXTURES, 'four-languages.xlsx')),
  });
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'four_languages (1)' });
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(page.getByLabel('Form language')).toHaveValue('English (en)');
  await page.getByLabel('Form language').selectOption('العربية (ar)');
  await expect(page.getByLabel('اسم المختبر')).toBeVisible();
  await expect(page.locator('form.questionnaire')).toHaveAttribute('dir', 'rtl');
  await screenshot(page, '31-odk-form-arabic');
  await page.getByLabel('Form language').selectOption('中文');
  await expect(page.getByLabel('实验室名称')).toBeVisible();
  await expect(page.locator('form.questionnaire')).toHaveAttribute('dir', 'ltr');
});
