/**
 * Issue 22, DEN2DEN through a real hub: a provider publishes an offer; the secretariat's
 * computer puts it in the library; a director finds it and requests a calibration; the
 * secretariat's computer copies the request into the provider's database, the provider accepts,
 * the acceptance is copied back, and both record the outcome. Each institute's computer only
 * ever talks to its own database and the library. The secretariat sees the exchange completed
 * across institutes and in the annual report.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { hubForTests, nav, startSignedIn, subNav } from './steps';

const HUB_PORT = Number(process.env.E2E_DEN2DEN_HUB_PORT ?? 4775);
const PROVIDER_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const PROVIDER_ORG = 'ph-nml-itdi';
const REQUESTER_INSTITUTE = 'Mongolian Agency for Standardization and Metrology (MASM)';
const REQUESTER_ORG = 'mn-masm';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';
const OFFER = 'Calibration of weights, classes F1 to M1';

const hub = hubForTests(
  HUB_PORT,
  [PROVIDER_ORG, REQUESTER_ORG, SECRETARIAT_ORG],
  [
    { name: 'maria', role: `org:${PROVIDER_ORG}` },
    { name: 'tuya', role: `org:${REQUESTER_ORG}` },
    { name: 'sam', role: 'secretariat' },
  ],
);

const tab = (page: Page, name: string) => subNav(page, 'DEN2DEN', name);

/** The secretariat's "Sync now", then waiting until the hub holds what it should carry. */
async function secretariatCarries(sam: Page, check: () => Promise<boolean>): Promise<void> {
  await nav(sam, 'Sync').click();
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(check, { timeout: 90_000 }).toBe(true);
}

test('a director requests a calibration from a provider, the provider accepts and both record the outcome', async ({
  openApp,
  openComputer,
  viewport,
}) => {
  test.setTimeout(420_000);
  // The provider publishes an offer.
  const maria = await startSignedIn(
    await openApp(),
    { institute: PROVIDER_INSTITUTE, person: 'Maria Santos' },
    hub.url,
    'maria',
  );
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
    .poll(async () => (await hub.docs(`org-${PROVIDER_ORG}`, 'offer:')).length, { timeout: 60_000 })
    .toBe(1);

  // The secretariat's computer publishes it in the library.
  const sam = await startSignedIn(
    await openComputer(),
    { institute: SECRETARIAT_INSTITUTE, person: 'Sam Secretariat' },
    hub.url,
    'sam',
  );
  await secretariatCarries(sam, async () => (await hub.docs('dec-library', 'offer:')).length === 1);

  // The director finds the offer and asks for a calibration.
  const tuya = await startSignedIn(
    await openComputer(),
    { institute: REQUESTER_INSTITUTE, person: 'Tuya Bat' },
    hub.url,
    'tuya',
  );
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
    .poll(async () => (await hub.docs(`org-${REQUESTER_ORG}`, 'exchange:')).length, { timeout: 60_000 })
    .toBe(1);
  // Nothing of the requester's ever goes to the provider's database by the requester's hand.
  expect(await hub.docs(`org-${PROVIDER_ORG}`, 'exchange')).toHaveLength(0);

  // The secretariat's computer copies the request across; the provider accepts.
  await secretariatCarries(
    sam,
    async () => (await hub.docs(`org-${PROVIDER_ORG}`, 'exchangecopy:')).length === 1,
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
    .poll(async () => (await hub.docs(`org-${PROVIDER_ORG}`, 'exchange:')).length, { timeout: 60_000 })
    .toBe(1);

  // The acceptance reaches the director, who records the outcome; so does the provider.
  await secretariatCarries(
    sam,
    async () => (await hub.docs(`org-${REQUESTER_ORG}`, 'exchangecopy:')).length === 1,
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
        (await hub.docs(`org-${REQUESTER_ORG}`, 'exchange:'))[0]?.['outcome'] !== null &&
        (await hub.docs(`org-${PROVIDER_ORG}`, 'exchange:'))[0]?.['outcome'] !== null,
      { timeout: 60_000 },
    )
    .toBe(true);

  // Both outcomes travel across; the secretariat sees the exchange completed.
  await secretariatCarries(sam, async () => {
    const copies = [
      ...(await hub.docs(`org-${REQUESTER_ORG}`, 'exchangecopy:')),
      ...(await hub.docs(`org-${PROVIDER_ORG}`, 'exchangecopy:')),
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
  await subNav(sam, 'Funding and activities', 'Annual report').click();
  const report = sam
    .locator('[data-testid^="panel-report-"]')
    .filter({ hasText: 'DEN2DEN exchanges completed' });
  await expect(report.getByRole('row', { name: /Mongolian Agency/ })).toContainText(OFFER);
});
