/**
 * Issue 22, DEN2DEN through a real hub: a provider publishes an offer; the secretariat's
 * computer puts it in the library; a director finds it and requests a calibration; the
 * secretariat's computer copies the request into the provider's database, the provider accepts,
 * the acceptance is copied back, and both record the outcome. Each institute's computer only
 * ever talks to its own database and the library. The secretariat sees the exchange completed
 * across institutes and in the annual report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { couchClient } from '../../server/couch-client';
import { adminUrl, prepare, startTestHub, type TestHub } from '../integration/helpers/hub';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const HUB_PORT = Number(process.env.E2E_DEN2DEN_HUB_PORT ?? 4775);
const HUB = `http://127.0.0.1:${HUB_PORT}`;
const PROVIDER_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const PROVIDER_ORG = 'ph-nml-itdi';
const REQUESTER_INSTITUTE = 'Mongolian Agency for Standardization and Metrology (MASM)';
const REQUESTER_ORG = 'mn-masm';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';
const OFFER = 'Calibration of weights, classes F1 to M1';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub(HUB_PORT);
  await prepare(
    hub,
    [PROVIDER_ORG, REQUESTER_ORG, SECRETARIAT_ORG],
    [
      { name: 'maria', role: `org:${PROVIDER_ORG}` },
      { name: 'tuya', role: `org:${REQUESTER_ORG}` },
      { name: 'sam', role: 'secretariat' },
    ],
  );
});
test.afterAll(async () => {
  await hub?.destroy();
});

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

function tab(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'DEN2DEN' }).getByRole('link', { name });
}

async function signIn(page: Page, name: string): Promise<void> {
  await nav(page, 'Sync').click();
  await page.getByLabel('Server address').fill(HUB);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(`${name}-password`);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 30_000 });
}

async function hubDocs(db: string, prefix: string): Promise<Record<string, unknown>[]> {
  const client = couchClient(adminUrl(hub));
  const answer = (await client.request(
    'GET',
    `/${db}/_all_docs?include_docs=true&startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`,
  )) as { rows: { doc: Record<string, unknown> }[] };
  return answer.rows.map((r) => r.doc);
}

/** The secretariat's "Sync now", then waiting until the hub holds what it should carry. */
async function secretariatCarries(sam: Page, check: () => Promise<boolean>): Promise<void> {
  await nav(sam, 'Sync').click();
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(check, { timeout: 90_000 }).toBe(true);
}

async function computer(
  name: string,
  institute: string,
  person: string,
  options: {
    launchOptions: object;
    baseURL: string | undefined;
    viewport: { width: number; height: number } | null;
  },
  others: { context: BrowserContext; dir: string }[],
): Promise<Page> {
  const dir = mkdtempSync(path.join(tmpdir(), `workbench-e2e-den2den-${name}-`));
  const context = await chromium.launchPersistentContext(dir, {
    ...options.launchOptions,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    viewport: options.viewport,
  });
  others.push({ context, dir });
  const page = await context.newPage();
  await page.goto('./');
  await chooseInstitute(page, institute, person);
  await signIn(page, name);
  return page;
}

test('a director requests a calibration from a provider, the provider accepts and both record the outcome', async ({
  openApp,
  launchOptions,
  baseURL,
  viewport,
}) => {
  test.setTimeout(420_000);
  const others: { context: BrowserContext; dir: string }[] = [];
  const options = { launchOptions, baseURL, viewport };
  try {
    // The provider publishes an offer.
    const maria = await openApp();
    await chooseInstitute(maria, PROVIDER_INSTITUTE, 'Maria Santos');
    await signIn(maria, 'maria');
    await nav(maria, 'DEN2DEN').click();
    await tab(maria, 'Offers').click();
    await maria.getByRole('button', { name: 'Add an offer' }).click();
    await maria.getByRole('button', { name: 'Save' }).click();
    await expect(maria.getByText('Say in a few words what is offered.')).toBeVisible();
    await maria.getByLabel('Kind').selectOption({ label: 'Calibrations (a service)' });
    await maria.getByLabel('Metrology area').selectOption('M');
    await maria.getByLabel('What is offered').fill(OFFER);
    await maria
      .getByLabel(/^Details/)
      .fill('At our mass laboratory; two weeks; the requester pays the shipping.');
    await maria.getByLabel('Contact').fill('Maria Santos, mass laboratory, mass@nml.example');
    await maria.getByRole('button', { name: 'Save' }).click();
    await expect(maria.getByTestId('own-offers')).toContainText('Published');
    await screenshot(maria, '90-den2den-offers');
    await expectAccessible(maria);
    await expect
      .poll(async () => (await hubDocs(`org-${PROVIDER_ORG}`, 'offer:')).length, { timeout: 60_000 })
      .toBe(1);

    // The secretariat's computer publishes it in the library.
    const sam = await computer('sam', SECRETARIAT_INSTITUTE, 'Sam Secretariat', options, others);
    await secretariatCarries(sam, async () => (await hubDocs('dec-library', 'offer:')).length === 1);

    // The director finds the offer and asks for a calibration.
    const tuya = await computer('tuya', REQUESTER_INSTITUTE, 'Tuya Bat', options, others);
    await nav(tuya, 'DEN2DEN').click();
    await tab(tuya, 'Offers').click();
    const offer = tuya.getByTestId('offer').filter({ hasText: OFFER });
    await expect(offer).toContainText('Maria Santos, mass laboratory', { timeout: 60_000 });
    await offer.getByRole('button', { name: 'Ask for this' }).click();
    await expect(tuya.getByText(/Taking up an offer of National Metrology Laboratory/)).toBeVisible();
    await expect(tuya.getByLabel('Institute you ask')).toHaveValue(PROVIDER_ORG);
    await expect(tuya.getByLabel('What you ask for')).toHaveValue(OFFER);
    await tuya.getByLabel('Message').fill('Our E2 reference set before the peer review.');
    await tuya.getByLabel('When it is wanted').fill('Before March');
    await screenshot(tuya, '91-den2den-request');
    await tuya.getByRole('button', { name: 'Send the request' }).click();
    const asked = tuya.getByTestId('exchange').filter({ hasText: OFFER });
    await expect(asked.getByTestId('exchange-state')).toHaveText('Requested');
    await expect
      .poll(async () => (await hubDocs(`org-${REQUESTER_ORG}`, 'exchange:')).length, { timeout: 60_000 })
      .toBe(1);
    // Nothing of the requester's ever goes to the provider's database by the requester's hand.
    expect(await hubDocs(`org-${PROVIDER_ORG}`, 'exchange')).toHaveLength(0);

    // The secretariat's computer copies the request across; the provider accepts.
    await secretariatCarries(
      sam,
      async () => (await hubDocs(`org-${PROVIDER_ORG}`, 'exchangecopy:')).length === 1,
    );
    await nav(maria, 'DEN2DEN').click();
    await tab(maria, 'Requests').click();
    const incoming = maria.getByTestId('exchange').filter({ hasText: OFFER });
    await expect(incoming.getByTestId('exchange-state')).toHaveText('Requested', { timeout: 60_000 });
    await expect(incoming).toContainText('Mongolian Agency for Standardization and Metrology asks');
    await expect(incoming).toContainText('Our E2 reference set before the peer review.');
    await screenshot(maria, '92-den2den-incoming');
    await expectAccessible(maria);
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await incoming
      .getByLabel('A note for the requester (optional)')
      .fill('Send the set in the second week of February.');
    await incoming.getByRole('button', { name: 'Accept the request' }).click();
    await expect(incoming.getByTestId('exchange-state')).toHaveText('Accepted');
    await expect
      .poll(async () => (await hubDocs(`org-${PROVIDER_ORG}`, 'exchange:')).length, { timeout: 60_000 })
      .toBe(1);

    // The acceptance reaches the director, who records the outcome; so does the provider.
    await secretariatCarries(
      sam,
      async () => (await hubDocs(`org-${REQUESTER_ORG}`, 'exchangecopy:')).length === 1,
    );
    await expect(asked.getByTestId('exchange-state')).toHaveText('Accepted', { timeout: 60_000 });
    await expect(asked).toContainText('Send the set in the second week of February.');
    await asked.getByRole('button', { name: 'Record the outcome' }).click();
    await asked
      .getByLabel('What happened')
      .fill('The set came back with certificates; E2 traceability restored.');
    await asked.getByRole('button', { name: 'Save the outcome' }).click();
    await expect(asked.getByTestId('requester-outcome')).toContainText('Done');
    await incoming.getByRole('button', { name: 'Record the outcome' }).click();
    await incoming.getByLabel('What happened').fill('Calibrated ten weights; certificates issued.');
    await incoming.getByRole('button', { name: 'Save the outcome' }).click();
    await expect(incoming.getByTestId('provider-outcome')).toContainText('Calibrated ten weights');
    await expect
      .poll(
        async () =>
          (await hubDocs(`org-${REQUESTER_ORG}`, 'exchange:'))[0]?.['outcome'] !== null &&
          (await hubDocs(`org-${PROVIDER_ORG}`, 'exchange:'))[0]?.['outcome'] !== null,
        { timeout: 60_000 },
      )
      .toBe(true);

    // Both outcomes travel across; the secretariat sees the exchange completed.
    await secretariatCarries(sam, async () => {
      const copies = [
        ...(await hubDocs(`org-${REQUESTER_ORG}`, 'exchangecopy:')),
        ...(await hubDocs(`org-${PROVIDER_ORG}`, 'exchangecopy:')),
      ];
      return copies.every((c) => (c['part'] as { outcome: unknown }).outcome !== null);
    });
    await expect(asked.getByTestId('exchange-state')).toHaveText('Completed', { timeout: 60_000 });
    await expect(asked.getByTestId('provider-outcome')).toContainText('Calibrated ten weights');
    await expect(incoming.getByTestId('exchange-state')).toHaveText('Completed', { timeout: 60_000 });
    await screenshot(tuya, '93-den2den-completed');
    await nav(sam, 'DEN2DEN').click();
    const all = sam.getByTestId('panel-exchanges-all');
    await expect(all.getByRole('row', { name: /Mongolian Agency/ })).toContainText('Completed', {
      timeout: 60_000,
    });
    await expect(all.getByTestId('exchange-counts')).toContainText('Completed: 1');
    await screenshot(sam, '94-den2den-secretariat');
    await expectAccessible(sam);
    await sam.setViewportSize({ width: 768, height: 1024 });
    await screenshot(sam, '95-den2den-secretariat-768');
    await sam.setViewportSize(viewport ?? { width: 1366, height: 768 });

    // Counted where the M&E of activities counts: the annual report.
    await nav(sam, 'Funding and activities').click();
    await sam
      .getByRole('navigation', { name: 'Funding and activities' })
      .getByRole('link', { name: 'Annual report' })
      .click();
    const report = sam
      .locator('[data-testid^="panel-report-"]')
      .filter({ hasText: 'DEN2DEN exchanges completed' });
    await expect(report.getByRole('row', { name: /Mongolian Agency/ })).toContainText(OFFER);
  } finally {
    for (const other of others) {
      await other.context.close();
      rmSync(other.dir, { recursive: true, force: true });
    }
  }
});
