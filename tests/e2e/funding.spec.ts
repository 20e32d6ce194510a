/**
 * Issue 21 through a real hub: the secretariat enters a funder with a programme (a call
 * closing within 30 days) and a DEC activity; a director sees the call on the dashboard,
 * records the support received and the 3-month follow-up offline, syncs when back online;
 * the secretariat's annual report shows both, and its workbook holds them.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { hubForTests, isoDay, nav, startSignedIn, subNav } from './steps';

const HUB_PORT = Number(process.env.E2E_FUNDING_HUB_PORT ?? 4663);
const DIRECTOR_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const DIRECTOR_ORG = 'ph-nml-itdi';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';

const hub = hubForTests(
  HUB_PORT,
  [DIRECTOR_ORG, SECRETARIAT_ORG],
  [
    { name: 'maria', role: `org:${DIRECTOR_ORG}` },
    { name: 'sam', role: 'secretariat' },
  ],
);

const sub = (page: Page, name: string) => subNav(page, 'Funding and activities', name);

test('the secretariat enters a programme and an activity, a director records support and a follow-up offline, and the report shows them', async ({
  openApp,
  openComputer,
}) => {
  test.setTimeout(300_000);
  // The secretariat: a funder, a programme with a call closing in 20 days, an activity.
  const sam = await startSignedIn(
    await openApp(),
    { institute: SECRETARIAT_INSTITUTE, person: 'Sam Secretariat' },
    hub.url,
    'sam',
  );
  await nav(sam, 'Funding and activities').click();
  await expect(sam.getByRole('heading', { name: 'Funding and activities', level: 1 })).toBeVisible();
  await sam.getByRole('button', { name: 'Add a funder' }).click();
  await sam.getByRole('button', { name: 'Save' }).click();
  await expect(sam.getByText('Give the funder a name.')).toBeVisible();
  await sam.getByLabel('Name', { exact: true }).fill('PTB technical cooperation');
  await sam.getByLabel('Kind', { exact: true }).selectOption({ label: 'Bilateral (an NMI such as PTB)' });
  await sam.getByRole('button', { name: 'Save' }).click();
  const card = sam.locator('article.card').filter({ hasText: 'PTB technical cooperation' });
  await expect(card.getByRole('heading', { name: 'PTB technical cooperation' })).toBeVisible();
  await card.getByRole('button', { name: 'Add a programme' }).click();
  await card.getByLabel('Programme', { exact: true }).fill('Quality infrastructure in South-East Asia');
  await card.getByRole('checkbox', { name: 'Mass and Related Quantities (M)' }).check();
  await card.getByRole('checkbox', { name: /^LA5 —/ }).check();
  await card.getByRole('checkbox', { name: 'Training' }).check();
  await card.getByLabel('Call', { exact: true }).fill('2027 call for proposals');
  await card.getByLabel('Deadline').fill(isoDay(20));
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByTestId('programme')).toContainText('2027 call for proposals');
  await expect(card.getByTestId('programme')).toContainText('closes in 20 days');
  await screenshot(sam, '70-funding-map');
  await expectAccessible(sam);

  await sub(sam, 'Activities').click();
  await sam.getByRole('button', { name: 'New activity' }).click();
  await sam.getByLabel('Title', { exact: true }).fill('Regional mass workshop');
  await sam.getByLabel('Objective').fill('Calibration of weights to OIML E2 by developing-economy NMIs');
  await sam.getByLabel('Work package').selectOption('LA5-WP2');
  await sam.getByLabel('Lead (institute or person)').fill('NIMT');
  await sam.getByLabel('Budget').fill('24000');
  await sam
    .getByLabel('Funder and programme')
    .selectOption({ label: 'PTB technical cooperation — Quality infrastructure in South-East Asia' });
  await sam.getByLabel('Start', { exact: true }).fill(isoDay(-104));
  await sam.getByLabel('End', { exact: true }).fill(isoDay(-100));
  await sam.getByRole('button', { name: 'Save' }).click();
  await expect(sam.getByText('Choose at least one participating institute.')).toBeVisible();
  await sam.getByRole('checkbox', { name: /National Metrology Laboratory, Industrial/ }).check();
  await sam.getByLabel('Expected result').fill('Staff able to calibrate E2 weights');
  await sam.getByLabel('Indicator').fill('Staff trained');
  await sam.getByLabel('Target').fill('4');
  await sam.getByLabel('Unit').fill('people');
  await sam.getByRole('button', { name: 'Save' }).click();
  await expect(sam.getByTestId('activity')).toContainText('Regional mass workshop');
  await expect(sam.getByTestId('activity')).toContainText('Follow-ups overdue: 1');
  await screenshot(sam, '71-funding-activities');
  await expectAccessible(sam);
  await nav(sam, 'Sync').click();
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => (await hub.docs('dec-library', 'activity:')).length, { timeout: 30_000 })
    .toBe(1);

  // The director: the call on the dashboard, then support and a follow-up written offline.
  const maria = await startSignedIn(
    await openComputer(),
    { institute: DIRECTOR_INSTITUTE, person: 'Maria Santos' },
    hub.url,
    'maria',
  );
  await nav(maria, 'Dashboard').click();
  await expect(maria.getByTestId('deadlines-note')).toContainText(
    'PTB technical cooperation — Quality infrastructure in South-East Asia: 2027 call for proposals, closes in 20 days',
    { timeout: 30_000 },
  );
  // Opened once online: in a browser the screen's code is fetched (the desktop app has it).
  await nav(maria, 'Funding and activities').click();
  await sub(maria, 'Support ledger').click();
  await maria.context().setOffline(true);
  await maria.getByRole('button', { name: 'Record support' }).click();
  await maria
    .getByLabel('Funder and programme')
    .selectOption({ label: 'PTB technical cooperation — Quality infrastructure in South-East Asia' });
  await maria.getByLabel('Kind of support').selectOption({ label: 'Training' });
  await maria.getByLabel('Metrology area').selectOption('M');
  await maria.getByLabel('Amount').fill('5000');
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(maria.getByText('Say the currency of the amount, e.g. EUR.')).toBeVisible();
  await maria.getByLabel('Currency').fill('eur');
  await maria.getByLabel('From').fill(isoDay(-104));
  await maria.getByLabel('Until').fill(isoDay(-100));
  await maria.getByLabel('Status').selectOption({ label: 'Received' });
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(maria.getByTestId('ledger')).toContainText('5,000 EUR');
  await screenshot(maria, '72-funding-ledger');
  await expectAccessible(maria);

  await sub(maria, 'Activities').click();
  await maria.getByRole('link', { name: 'Regional mass workshop' }).click();
  const followup = maria.getByTestId('followup-3');
  await followup.getByRole('checkbox', { name: 'Training passed on to colleagues' }).check();
  await followup
    .getByLabel('What was used, and how')
    .fill('Two trained staff taught four colleagues the ABBA weighing cycle.');
  await followup.getByLabel('Staff trained (people)').fill('4');
  await followup.getByRole('button', { name: 'Send to the secretariat' }).click();
  await expect(followup.getByRole('status')).toContainText('Sent on');
  await expect(maria.getByTestId('panel-activity-followups')).toContainText('Sent');
  await screenshot(maria, '73-funding-followup');
  await expectAccessible(maria);
  expect(await hub.docs(`org-${DIRECTOR_ORG}`, 'followup:')).toHaveLength(0);
  await maria.context().setOffline(false);
  await expect
    .poll(async () => (await hub.docs(`org-${DIRECTOR_ORG}`, 'followup:')).length, { timeout: 60_000 })
    .toBe(1);
  await expect
    .poll(async () => (await hub.docs(`org-${DIRECTOR_ORG}`, 'support:')).length, { timeout: 60_000 })
    .toBe(1);

  // The secretariat's report shows the follow-up, the result and the support.
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await nav(sam, 'Funding and activities').click();
  await sub(sam, 'Annual report').click();
  const year = Number(isoDay(-100).slice(0, 4));
  await sam.getByLabel('Year').selectOption(String(year));
  const followups = sam.getByTestId('panel-report-2');
  await expect(followups.getByRole('row', { name: /Regional mass workshop .* 3 / })).toContainText('Sent', {
    timeout: 60_000,
  });
  await sam.getByTestId('panel-report-1').getByRole('button', { name: 'Show the table' }).click();
  await expect(sam.getByTestId('panel-report-1').getByRole('row', { name: /Staff trained/ })).toContainText(
    '100',
  );
  await sam.getByTestId('panel-report-3').getByRole('button', { name: 'Show the table' }).click();
  await expect(sam.getByTestId('panel-report-3')).toContainText('5,000 EUR');
  await screenshot(sam, '74-funding-report');
  await expectAccessible(sam);
  const [download] = await Promise.all([
    sam.waitForEvent('download'),
    sam.getByRole('button', { name: 'Export the report (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`dec-annual-report-${year}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  const sheet = workbook.getWorksheet(`Follow-ups ${year}`);
  const rows = (sheet?.getSheetValues() ?? []).slice(4).map((r) => (r as unknown[]).slice(1));
  const row = rows.find((r) => r[0] === 'Regional mass workshop' && r[2] === 3);
  expect(String(row?.[1])).toContain('National Metrology Laboratory');
  expect(row?.[4]).toBe('Sent');
});
