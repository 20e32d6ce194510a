import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';

test('a draft survives closing the app, and the list shows it', async ({ openApp }) => {
  let page = await openApp();
  await screenshot(page, '01-first-start');
  await expectAccessible(page);
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await expect(page.getByTestId('header-institute')).toContainText('NML-ITDI');

  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Institute profile' });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(page.getByRole('heading', { name: 'Institute profile · 2026' })).toBeVisible();

  await page.getByLabel('Name of the director').fill('Dr. Rosa Dizon');
  await page.getByLabel('Technical staff (head count)').fill('37');
  await page.getByLabel('Quality system status').selectOption({ label: 'Implemented, not yet reviewed' });
  await page.getByLabel('Main needs for the coming year').fill('Training in mass calibration\nA new balance');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '02-response-editor');
  await expectAccessible(page);

  // A real restart: the page is closed, then the app is opened afresh.
  await page.close();
  page = await openApp();
  await expect(page.getByTestId('header-institute')).toContainText('NML-ITDI');
  const table = page.getByTestId('responses-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Institute profile');
  await expect(table.getByRole('row').nth(1)).toContainText('2026');
  await expect(table.getByRole('row').nth(1)).toContainText('4 of 4');
  await expect(table.getByRole('row').nth(1)).toContainText('Maria Santos');
  await screenshot(page, '03-questionnaires-list');
  await expectAccessible(page);

  await table.getByRole('link', { name: 'Institute profile' }).click();
  await expect(page.getByLabel('Name of the director')).toHaveValue('Dr. Rosa Dizon');
  await expect(page.getByLabel('Technical staff (head count)')).toHaveValue('37');
  await expect(page.getByLabel('Quality system status')).toHaveValue('implemented');
  await expect(page.getByLabel('Main needs for the coming year')).toHaveValue(
    'Training in mass calibration\nA new balance',
  );
});

test('a value that is not valid yet is kept as typed and explained', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Institute profile' });
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page.getByLabel('Technical staff (head count)').fill('37 people');
  await expect(page.getByText('Enter a whole number from 0 to 10000.')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.reload();
  await expect(page.getByLabel('Technical staff (head count)')).toHaveValue('37 people');
  await expect(page.getByText('Enter a whole number from 0 to 10000.')).toBeVisible();
});

test('rebuilding the read model gives the same list', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  for (const cycle of ['2024', '2025']) {
    await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Institute profile' });
    await page.getByLabel('Cycle (year)').fill(cycle);
    await page.getByRole('button', { name: 'Start or open response' }).click();
    await page.getByLabel('Name of the director').fill(`Director ${cycle}`);
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  }
  const rows = page.getByTestId('responses-table').getByRole('row');
  await expect(rows).toHaveCount(3);
  const before = await rows.allInnerTexts();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByText('More tools', { exact: true }).click();
  await expect(page.getByText('Hosting a hub needs the desktop app')).toBeVisible();
  await screenshot(page, '04-settings');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Rebuild lists from documents' }).click();
  await expect(page.getByTestId('rebuild-status')).toHaveText('Rebuilt: 2 responses listed.');

  await page.getByRole('link', { name: 'Questionnaires' }).click();
  await expect(rows).toHaveCount(3);
  expect(await rows.allInnerTexts()).toEqual(before);

  // The documents stay open after a rebuild: saving still works, and the list follows.
  await page.getByTestId('responses-table').getByRole('link').first().click();
  await page.getByLabel('Name of the director').fill('Director after rebuild');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.reload();
  await expect(page.getByLabel('Name of the director')).toHaveValue('Director after rebuild');
});

test('every main screen is reachable from the keyboard and passes axe', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  for (const [name, file] of [
    ['CMC plans', '05-cmc-plans'],
    ['Case studies', '06-case-studies'],
    ['Dashboard', '07-dashboard'],
    ['Sync', '08-sync'],
  ] as const) {
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await screenshot(page, file);
    await expectAccessible(page);
  }
});

test('without IndexedDB the app says so plainly and writes nothing', async ({ appContext }) => {
  await appContext.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const page = await appContext.newPage();
  await page.goto('./');
  await expect(
    page.getByRole('heading', { name: 'NMI Workbench cannot open its local database' }),
  ).toBeVisible();
  await expect(page.getByText('Nothing has been changed or lost.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await screenshot(page, '09-storage-unavailable');
  await expectAccessible(page);
});
