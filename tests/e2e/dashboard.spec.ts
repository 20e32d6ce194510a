/**
 * Dashboards on a seeded secretariat dataset: a hub filled by `workbench seed` (8 training
 * institutes × 3 cycles), a secretariat that signs in and syncs them all, then filters the
 * dashboard, shows a chart's table and exports it to Excel.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { couchClient } from '../../server/couch-client';
import { seedServer } from '../../server/seed';
import { setupServer } from '../../server/setup';
import economies from '../../resources/reference/apmp-economies.json' with { type: 'json' };
import { developingEconomies } from '../../shared/reference/economies';
import { planDataset } from '../../shared/seed';
import { adminUrl, startTestHub, type TestHub } from '../integration/helpers/hub';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const HUB_PORT = Number(process.env.E2E_DASHBOARD_HUB_PORT ?? 4657);
const HUB = `http://127.0.0.1:${HUB_PORT}`;
const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const PASSWORD = 'training-password';
const plan = planDataset({ seed: 3, institutes: 8, cycles: 3, asOf: '2026-11-30' });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub(HUB_PORT);
  const client = couchClient(adminUrl(hub));
  await seedServer(client, plan, { passwordFor: () => PASSWORD });
  // The secretariat's own institute, set up beside the training data.
  await setupServer(client, ['ph-nml-itdi']);
});
test.afterAll(async () => {
  await hub?.destroy();
});

test('the secretariat reads the dashboard across institutes, filters it, shows a table and exports it', async ({
  openApp,
}) => {
  test.setTimeout(120_000);
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Sam Secretariat');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Server address').fill(HUB);
  await page.getByLabel('User name').fill('training-secretariat');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  const rounds = page.getByTestId('institutes-rounds');
  await expect(rounds.getByTestId('rounds-last')).not.toHaveText('Not yet', { timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'All institutes' }).click();
  await page.getByLabel('Cycle', { exact: true }).selectOption('2026');
  const heatmap = page.getByTestId('panel-heatmap');
  const first = plan.institutes[0];
  if (!first) throw new Error('no institute');
  await expect(heatmap.getByRole('rowheader', { name: first.name })).toBeVisible();
  await expect(page.getByTestId('panel-completion-all').locator('.chart svg')).toBeVisible();
  await expect(page.getByTestId('panel-cmc-progress').locator('.chart svg')).toBeVisible();
  await expect(page.getByTestId('panel-cases').locator('.chart svg')).toBeVisible();
  await expect(
    page.getByTestId('panel-matching').getByRole('columnheader', { name: 'Closest providers' }),
  ).toBeVisible();
  // Right first time across institutes, and institutes without a published CMC with what each source says.
  await expect(page.getByTestId('panel-right-first-time').getByTestId('rft-figure')).toHaveText(
    /^Right first time: \d+ of \d+ published CMCs \(\d+ %\)/,
  );
  await expect(
    page.getByTestId('panel-without-cmc').getByRole('columnheader', { name: 'What each source says' }),
  ).toBeVisible();
  await screenshot(page, '50-dashboard-secretariat');
  await expectAccessible(page);

  // Developing economies only, as the reference list flags them.
  const flags = developingEconomies(economies);
  const developing = plan.institutes.filter((i) => flags.get(i.iso2)?.developing === true);
  // The address changes in a transition, so the box is clicked and the address awaited.
  await page.getByLabel('Developing economies only').click();
  await expect(page).toHaveURL(/developing=1/);
  await expect(page.getByLabel('Developing economies only')).toBeChecked();
  // …and the secretariat's own institute, NML-ITDI of the Philippines, flagged developing too.
  expect(flags.get('PH')?.developing).toBe(true);
  await expect(heatmap.getByRole('rowheader')).toHaveCount(developing.length + 1);
  await page.getByLabel('Developing economies only').click();
  await expect(page).not.toHaveURL(/developing=1/);

  // "Which institutes need help in thermometry, and who could give it?"
  await page.getByLabel('Metrology area', { exact: true }).selectOption('T');
  await expect(heatmap.getByRole('columnheader')).toHaveText(['Institute', 'T']);
  const matching = page.getByTestId('panel-matching');
  const needRows = matching.getByRole('row').filter({ hasText: 'Thermometry' });
  await expect(needRows.first()).toBeVisible();
  expect(await matching.getByRole('row').count()).toBe((await needRows.count()) + 1);
  await screenshot(page, '52-dashboard-thermometry');
  await page.getByLabel('Metrology area', { exact: true }).selectOption('');

  // Filter by one economy: the heatmap keeps that economy's institutes only.
  await page.getByLabel('Economy', { exact: true }).selectOption(first.economy);
  await expect(page).toHaveURL(
    new RegExp(`economy=${encodeURIComponent(first.economy).replace(/%20/g, '(%20|\\+)')}`),
  );
  const others = plan.institutes.filter((i) => i.economy !== first.economy);
  if (others[0]) await expect(heatmap.getByRole('rowheader', { name: others[0].name })).toHaveCount(0);

  // The completion chart's table, then its Excel export.
  const completion = page.getByTestId('panel-completion-all');
  await completion.getByRole('button', { name: 'Show the table' }).click();
  await expect(completion.getByRole('columnheader', { name: 'Answered (%)' })).toBeVisible();
  await expect(completion.getByRole('row', { name: new RegExp(first.name) })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    completion.getByRole('button', { name: 'Export to Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('questionnaire-completion-2026.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  const sheet = workbook.worksheets[0];
  expect(sheet?.getRow(3).values).toEqual([
    undefined,
    'Institute',
    'Status',
    'Answered',
    'Questions',
    'To complete or correct',
    'Answered (%)',
  ]);
  expect(sheet?.getRow(4).getCell(1).value).toBe(first.name);

  // The director's own view stays one click away, and the address keeps the view.
  await page.reload();
  await expect(page.getByTestId('panel-heatmap')).toBeVisible();
  await page.getByRole('button', { name: /National Metrology Laboratory, Industrial/ }).click();
  await expect(page.getByTestId('panel-sync')).toBeVisible();
  await expect(page.getByTestId('panel-cmc')).toBeVisible();
  await expect(page.getByTestId('panel-cases')).toBeVisible();
  await screenshot(page, '51-dashboard-director');
  await expectAccessible(page);
});
