/**
 * Sync as a workshop participant meets it: a real hub on 127.0.0.1 (the facilitator's),
 * sign-in mistakes in plain words, work done offline, the network coming back, and a
 * colleague of the same institute, on another computer, seeing the edit.
 */
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';
import { connect, hubForTests, nav, signIn, startResponse, startSignedIn } from './steps';

const HUB_PORT = Number(process.env.E2E_HUB_PORT ?? 4655);
const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const ORG = 'ph-nml-itdi';
const DEC = 'DEC capacity and needs assessment';

const hub = hubForTests(
  HUB_PORT,
  [ORG],
  [
    { name: 'maria', role: `org:${ORG}` },
    { name: 'jose', role: `org:${ORG}` },
  ],
);

test('offline work goes up when the network returns, and a colleague sees it', async ({
  openApp,
  appContext,
  openComputer,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const header = page.getByTestId('header-sync-state');
  await expect(header).toHaveText('Saved on this computer · sync not set up');

  // Mistakes, each in plain words.
  await connect(page, hub.url, 'maria', 'not-her-password');
  await expect(page.getByTestId('sign-in-problem')).toHaveText('The user name or password is wrong.');
  await connect(page, 'http://127.0.0.1:4669', 'maria');
  await expect(page.getByTestId('sign-in-problem')).toContainText(
    'The server 127.0.0.1:4669 cannot be reached. Check the address',
  );
  await connect(page, '192.168.1.20:5984', 'maria');
  await expect(page.getByText('The server address must start with http:// or https://')).toBeVisible();
  await screenshot(page, '20-sync-sign-in-error');
  await expectAccessible(page);

  await signIn(page, hub.url, 'maria');
  await expect(header).toHaveText(/^Synced /);

  // Offline: the work is kept, and the header counts what waits to go up.
  await appContext.setOffline(true);
  await expect(header).toHaveText(/^(Offline|Not syncing)/);
  await page.getByRole('link', { name: 'Questionnaires' }).click();
  await startResponse(page, DEC, 2025);
  await page.getByLabel('Technicians').fill('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(header).toHaveText(/Not syncing · \d+ changes? waiting to go up/);

  // Back online: it goes up by itself.
  await appContext.setOffline(false);
  await expect(header).toHaveText(/^Synced /, { timeout: 30_000 });
  await nav(page, 'Sync').click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0');
  await expect(page.getByTestId('sync-history')).toContainText('Completed');
  await screenshot(page, '21-sync-status');
  await expectAccessible(page);

  // A colleague on another computer, same institute, another account.
  const colleague = await startSignedIn(
    await openComputer(),
    { institute: INSTITUTE, person: 'José Reyes' },
    hub.url,
    'jose',
  );
  await colleague.getByRole('link', { name: 'Questionnaires' }).click();
  const row = colleague.getByTestId('responses-table').getByRole('row').nth(1);
  await expect(row).toContainText(DEC);
  await row.getByRole('link', { name: DEC }).click();
  await expect(colleague.getByLabel('Technicians')).toHaveValue('6');
});
