/**
 * The secretariat's computer: signed in with a secretariat account, it syncs another
 * institute's database besides its own, says so on the Sync screen, and the
 * questionnaires list names each response's institute from the directory.
 */
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import {
  addUsers,
  adminUrl,
  caller,
  responseDoc,
  startTestHub,
  type TestHub,
} from '../integration/helpers/hub';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const HUB_PORT = Number(process.env.E2E_SECRETARIAT_HUB_PORT ?? 4656);
const HUB = `http://127.0.0.1:${HUB_PORT}`;
const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const OWN = 'ph-nml-itdi';
const OTHER = 'fj-nml';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub(HUB_PORT);
  const client = couchClient(adminUrl(hub));
  await setupServer(client, [OWN, OTHER], {
    [OTHER]: {
      name: 'National Metrology Laboratory of Fiji',
      acronym: 'NML-FJ',
      economy: 'Fiji',
      iso2: 'FJ',
    },
  });
  await addUsers(client, [
    { name: 'sam', role: 'secretariat' },
    { name: 'vika', role: `org:${OTHER}` },
  ]);
  const put = await caller(hub, 'vika')(
    'PUT',
    `/org-${OTHER}/response:${OTHER}:dec_capacity_needs:2026`,
    responseDoc(OTHER, 2026, 'Ministry of Trade'),
  );
  expect(put.status).toBe(201);
});
test.afterAll(async () => {
  await hub?.destroy();
});

test('the secretariat sees every institute’s responses, named, after one round', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Sam Secretariat');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Institute profile' });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  // A word typed, so that the draft is kept (one left empty at once is not).
  await page.getByLabel('Name of the director').fill('Sam');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Server address').fill(HUB);
  await page.getByLabel('User name').fill('sam');
  await page.getByLabel('Password').fill('sam-password');
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 20_000 });
  const rounds = page.getByTestId('institutes-rounds');
  await expect(rounds.getByTestId('rounds-last')).not.toHaveText('Not yet', { timeout: 20_000 });
  await expect(rounds.getByTestId('rounds-problems')).toHaveCount(0);
  await screenshot(page, '30-sync-secretariat');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  const table = page.getByTestId('responses-table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('columnheader', { name: 'Institute' })).toBeVisible();
  await expect(
    table.getByRole('row', { name: /National Metrology Laboratory of Fiji \(NML-FJ\)/ }),
  ).toHaveCount(1);
  await page
    .getByLabel('Institute', { exact: true })
    .selectOption({ label: 'National Metrology Laboratory of Fiji (NML-FJ)' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await screenshot(page, '31-questionnaires-secretariat');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('institutes-directory').getByRole('row')).toHaveCount(3);
});
