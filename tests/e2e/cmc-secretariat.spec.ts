/**
 * CMC plans on the secretariat's computer, through a real hub: another institute's published
 * CMC arrives with a round of sync; the secretariat's own plan is offered that institute as
 * the closest provider; "Who could help" lists every institute's needs; the provider summaries
 * and a correction of the KCDB taxonomy are written to the library and reach the server.
 */
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { addUsers, adminUrl, caller, startTestHub, type TestHub } from '../integration/helpers/hub';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const HUB_PORT = Number(process.env.E2E_CMC_HUB_PORT ?? 4657);
const HUB = `http://127.0.0.1:${HUB_PORT}`;
const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const OWN = 'ph-nml-itdi';
const OTHER = 'fj-nml';
const FIJI = 'National Metrology Laboratory of Fiji (NML-FJ)';

function publishedPlan(): Record<string, unknown> {
  const at = '2026-06-01T00:00:00.000Z';
  const done = (actual: string) => ({
    status: 'done',
    planned: '',
    actual,
    notes: '',
    support: [],
    provider: '',
  });
  const keys = [
    'quality_system',
    'traceability',
    'training',
    'comparison',
    'peer_review',
    'rmo_tc',
    'intra_regional',
    'jcrb',
    'published',
  ];
  return {
    _id: `cmcplan:${OTHER}:weights`,
    type: 'cmcplan',
    schemaVersion: 1,
    org: OTHER,
    createdAt: at,
    updatedAt: at,
    updatedBy: 'Vika',
    area: 'M',
    branch: 'Mass standards',
    service: 'Calibration of weights',
    quantity: 'Mass',
    instrument: 'Weights',
    instrumentType: 'Substitution weighing',
    rangeMin: 0.001,
    rangeMax: 20,
    rangeUnit: 'kg',
    parameters: '',
    uncertaintyValue: 0.05,
    uncertaintyUnit: 'mg',
    coverageFactor: 2,
    confidenceLevel: '95.45',
    confidenceStated: '',
    relative: false,
    referenceStandard: 'E1 weights',
    traceabilitySource: 'NMIA',
    comparisons: ['APMP.M.M-S14'],
    comments: '',
    serviceId: '',
    kcdbId: 'APMP-M-FJ-00000001-1',
    milestones: Object.fromEntries(keys.map((key, i) => [key, done(`2025-0${i + 1}-15`)])),
  };
}

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
  const put = await caller(hub, 'vika')('PUT', `/org-${OTHER}/cmcplan:${OTHER}:weights`, publishedPlan());
  expect(put.status).toBe(201);
});
test.afterAll(async () => {
  await hub?.destroy();
});

async function inLibrary(id: string): Promise<Record<string, unknown> | undefined> {
  const answer = await caller(hub, 'sam')('GET', `/dec-library/${encodeURIComponent(id)}`);
  return answer.status === 200 ? answer.json : undefined;
}

test('the secretariat matches needs to providers across institutes and shares summaries and taxonomy corrections', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Sam Secretariat');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Server address').fill(HUB);
  await page.getByLabel('User name').fill('sam');
  await page.getByLabel('Password').fill('sam-password');
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 20_000 });
  await expect(page.getByTestId('institutes-rounds').getByTestId('rounds-last')).not.toHaveText('Not yet', {
    timeout: 20_000,
  });

  // Fiji's published CMC arrived with the round and is listed under its institute.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'CMC plans' }).click();
  await expect(page.getByTestId('cmc-area-M').getByRole('row', { name: /NML-FJ/ })).toContainText(
    'Published in the KCDB',
  );

  // A plan of its own, whose traceability the Fiji laboratory could provide.
  await page.getByRole('link', { name: 'Plan a new CMC' }).click();
  await page.getByRole('radio', { name: /Mass and Related Quantities \(M\)/ }).check();
  await page.getByRole('radio', { name: /^Mass standards/ }).check();
  await page.getByLabel('3. Service').fill('Calibration of balances');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  const traceability = page.getByTestId('milestone-traceability');
  await traceability.getByRole('checkbox', { name: 'Traceability' }).check();
  const provider = traceability.getByLabel('Provider', { exact: true });
  await expect(
    provider.getByRole('option', { name: new RegExp(`^${FIJI.replace(/[()]/g, '\\$&')} — close match`) }),
  ).toHaveCount(1);
  await provider.selectOption({ index: 1 });
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');

  // Who could help: every institute's needs; Fiji first for this one.
  await page
    .getByRole('navigation', { name: 'CMC plans' })
    .getByRole('link', { name: 'Who could help' })
    .click();
  const need = page.getByTestId('matching-need').filter({ hasText: 'Calibration of balances' });
  await expect(need.getByRole('listitem').first()).toContainText(
    `close match ${FIJI}: published CMC in Mass standards`,
  );
  await page.getByRole('button', { name: 'Share provider summaries with every institute' }).click();
  await expect(page.getByTestId('share-state')).toHaveText(/Shared: 2 summaries written, 0 unchanged/);
  await screenshot(page, '58-cmc-matching-secretariat');
  await expectAccessible(page);
  await expect
    .poll(() => inLibrary(`capability:${OTHER}`), { timeout: 30_000 })
    .toMatchObject({
      org: OTHER,
      capabilities: [
        { area: 'M', branch: 'Mass standards', kind: 'published', detail: 'Calibration of weights' },
        { area: 'M', branch: 'Mass standards', kind: 'comparison' },
      ],
    });

  // The taxonomy: a branch renamed and given services, for everyone.
  await page
    .getByRole('navigation', { name: 'CMC plans' })
    .getByRole('link', { name: 'KCDB taxonomy' })
    .click();
  const mass = page.getByTestId('taxonomy-M');
  await mass.getByRole('button', { name: 'Edit Mass standards' }).click();
  const form = mass.getByRole('form', { name: 'Edit the branch Mass standards' });
  await form.getByLabel('Name').fill('Mass');
  await form.getByLabel('Services (one per line)').fill('Calibration of weights\nCalibration of balances');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('taxonomy-state')).toHaveText(/Saved in the library/);
  const branch = mass.getByTestId('taxonomy-branch').first();
  await expect(branch).toContainText('Mass');
  await expect(branch).toContainText('corrected by the secretariat');
  await expect(branch).toContainText('reference name: Mass standards');
  await expect(branch).toContainText('Services: Calibration of weights; Calibration of balances');
  // Confirmed as it is; removed, then restored.
  await mass.getByRole('button', { name: 'Edit Density' }).click();
  await mass
    .getByRole('form', { name: 'Edit the branch Density' })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(mass.getByTestId('taxonomy-branch').nth(1)).not.toContainText('name not verified');
  await mass.getByRole('button', { name: 'Edit Torque' }).click();
  await mass.getByRole('button', { name: 'Remove Torque' }).click();
  await expect(mass.getByTestId('taxonomy-branch').filter({ hasText: 'Torque' })).toHaveCount(0);
  await mass.getByRole('button', { name: 'Restore Torque' }).click();
  await expect(mass.getByTestId('taxonomy-branch').filter({ hasText: 'Torque' })).toHaveCount(1);
  await screenshot(page, '59-cmc-taxonomy-secretariat');
  await expectAccessible(page);
  await expect
    .poll(async () => (await inLibrary('taxonomy:kcdb'))?.['corrections'], { timeout: 30_000 })
    .toEqual([
      {
        area: 'M',
        branches: [
          {
            from: 'Mass standards',
            name: 'Mass',
            services: ['Calibration of weights', 'Calibration of balances'],
          },
          { from: 'Density', name: 'Density', services: [] },
        ],
      },
    ]);

  // The plan made before the rename still finds its provider: its branch is read as "Mass".
  await page
    .getByRole('navigation', { name: 'CMC plans' })
    .getByRole('link', { name: 'Who could help' })
    .click();
  await expect(
    page
      .getByTestId('matching-need')
      .filter({ hasText: 'Calibration of balances' })
      .getByRole('listitem')
      .first(),
  ).toContainText(FIJI);
});
