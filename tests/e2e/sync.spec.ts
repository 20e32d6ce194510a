/**
 * Sync as a workshop participant meets it: a real hub on 127.0.0.1 (the facilitator's),
 * sign-in mistakes in plain words, work done offline, the network coming back, and a
 * colleague of the same institute, on another computer, seeing the edit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { prepare, startTestHub, type TestHub } from '../integration/helpers/hub';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const HUB_PORT = Number(process.env.E2E_HUB_PORT ?? 4655);
const HUB = `http://127.0.0.1:${HUB_PORT}`;
const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const ORG = 'ph-nml-itdi';
const DEC = 'DEC capacity and needs assessment';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub(HUB_PORT);
  await prepare(
    hub,
    [ORG],
    [
      { name: 'maria', role: `org:${ORG}` },
      { name: 'jose', role: `org:${ORG}` },
    ],
  );
});
test.afterAll(async () => {
  await hub?.destroy();
});

async function signIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Server address').fill(url);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
}

test('offline work goes up when the network returns, and a colleague sees it', async ({
  openApp,
  appContext,
  launchOptions,
  baseURL,
  viewport,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const header = page.getByTestId('header-sync-state');
  await expect(header).toHaveText('Saved on this computer · sync not set up');

  // Mistakes, each in plain words.
  await signIn(page, HUB, 'maria', 'not-her-password');
  await expect(page.getByTestId('sign-in-problem')).toHaveText('The user name or password is wrong.');
  await signIn(page, 'http://127.0.0.1:4669', 'maria', 'maria-password');
  await expect(page.getByTestId('sign-in-problem')).toContainText(
    'The server 127.0.0.1:4669 cannot be reached. Check the address',
  );
  await signIn(page, '192.168.1.20:5984', 'maria', 'maria-password');
  await expect(page.getByText('The server address must start with http:// or https://')).toBeVisible();
  await screenshot(page, '20-sync-sign-in-error');
  await expectAccessible(page);

  await signIn(page, HUB, 'maria', 'maria-password');
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 20_000 });
  await expect(header).toHaveText(/^Synced /);

  // Offline: the work is kept, and the header counts what waits to go up.
  await appContext.setOffline(true);
  await expect(header).toHaveText(/^(Offline|Not syncing)/);
  await page.getByRole('link', { name: 'Questionnaires' }).click();
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC });
  await page.getByLabel('Cycle (year)').fill('2025');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page.getByLabel('Technicians').fill('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(header).toHaveText(/Not syncing · \d+ changes? waiting to go up/);

  // Back online: it goes up by itself.
  await appContext.setOffline(false);
  await expect(header).toHaveText(/^Synced /, { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByTestId('sync-waiting')).toHaveText('0');
  await expect(page.getByTestId('sync-history')).toContainText('Completed');
  await screenshot(page, '21-sync-status');
  await expectAccessible(page);

  // A colleague on another computer, same institute, another account.
  const otherDir = mkdtempSync(path.join(tmpdir(), 'workbench-e2e-other-'));
  const other = await chromium.launchPersistentContext(otherDir, {
    ...launchOptions,
    baseURL: baseURL ?? undefined,
    viewport,
  });
  try {
    const colleague = await other.newPage();
    await colleague.goto('./');
    await chooseInstitute(colleague, INSTITUTE, 'José Reyes');
    await signIn(colleague, HUB, 'jose', 'jose-password');
    await expect(colleague.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 30_000 });
    await colleague.getByRole('link', { name: 'Questionnaires' }).click();
    const row = colleague.getByTestId('responses-table').getByRole('row').nth(1);
    await expect(row).toContainText(DEC);
    await row.getByRole('link', { name: DEC }).click();
    await expect(colleague.getByLabel('Technicians')).toHaveValue('6');
  } finally {
    await other.close();
    rmSync(otherDir, { recursive: true, force: true });
  }
});
