/**
 * Issue 21, closing its gaps through a real hub: a director sees the support ledger's entries in
 * the assessment's "support received" (answers written there before are kept, read only) and
 * edits one in the ledger and comes back; the secretariat edits a programme's call deadline,
 * saved as typed, and after sync the director's dashboard shows the new date; the secretariat
 * deletes a programme after a confirmation, and records an indicator's reached value with its
 * date and source and sees it against the target.
 */
import type { Page } from '@playwright/test';
import type { ActivityDoc } from '../../shared/docs/activity/schema';
import { emptyProgramme, type FunderDoc } from '../../shared/docs/funder/schema';
import { newResponseDoc } from '../../shared/docs/response/edit';
import type { SupportDoc } from '../../shared/docs/support/schema';
import { couchClient } from '../../server/couch-client';
import { adminUrl } from '../integration/helpers/hub';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { hubForTests, isoDay, nav, shownDay, startSignedIn, subNav, syncNow } from './steps';

const HUB_PORT = Number(process.env.E2E_FUNDING_EDIT_HUB_PORT ?? 4664);
const DIRECTOR_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const DIRECTOR_ORG = 'ph-nml-itdi';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';
const AT = '2026-01-05T08:00:00.000Z';

const YEAR = new Date().getFullYear();

const funder: FunderDoc = {
  _id: 'funder:ptb',
  type: 'funder',
  schemaVersion: 1,
  org: SECRETARIAT_ORG,
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Sam Secretariat',
  name: 'PTB technical cooperation',
  kind: 'bilateral_nmi',
  website: '',
  contacts: '',
  programmes: {
    qi: {
      ...emptyProgramme('Quality infrastructure in South-East Asia'),
      supportKinds: ['training'],
      calls: { c1: { title: '2027 call for proposals', deadline: isoDay(20), url: '' } },
    },
    att: { ...emptyProgramme('Attachments'), supportKinds: ['attachment'] },
  },
};

const activity: ActivityDoc = {
  _id: 'activity:mass',
  type: 'activity',
  schemaVersion: 2,
  org: SECRETARIAT_ORG,
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Sam Secretariat',
  title: 'Regional mass workshop',
  objective: 'Calibration of weights to OIML E2',
  leverageArea: 'LA5',
  workPackage: 'LA5-WP2',
  lead: 'NIMT',
  budget: 24000,
  currency: 'EUR',
  funderId: 'funder:ptb',
  programmeId: 'qi',
  start: isoDay(-104),
  end: isoDay(-100),
  participants: { [DIRECTOR_ORG]: { people: 'Two staff' } },
  results: {
    r1: {
      result: 'Staff able to calibrate E2 weights',
      indicator: 'Staff trained',
      baseline: 0,
      target: 4,
      actual: null,
      actualOn: '',
      actualSource: '',
      unit: 'people',
    },
  },
};

const entry: SupportDoc = {
  _id: `support:${DIRECTOR_ORG}:ptb-mass`,
  type: 'support',
  schemaVersion: 1,
  org: DIRECTOR_ORG,
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'Maria Santos',
  funderId: 'funder:ptb',
  programmeId: 'qi',
  funderText: '',
  provider: SECRETARIAT_ORG,
  kind: 'training',
  amount: 5000,
  currency: 'EUR',
  start: `${YEAR}-02-01`,
  end: `${YEAR}-03-15`,
  area: 'M',
  needs: [],
  status: 'received',
  results: '',
  fromAnswer: '',
};

// The director's assessment of this year, with a row written in the old table before the ledger.
const response = newResponseDoc({
  org: DIRECTOR_ORG,
  templateId: 'dec_capacity_needs',
  templateVersion: '2026.2',
  cycle: YEAR,
  answers: {
    support_received: ['old1'],
    'support_received#old1/support_provider': 'KRISS mass laboratory',
    'support_received#old1/support_type': 'training',
    'support_received#old1/support_days': 10,
  },
  at: AT,
  by: 'Maria Santos',
});

// A step that cannot happen fails where it is, not at the end of the test's time.
test.use({ actionTimeout: 20_000 });

const hub = hubForTests(
  HUB_PORT,
  [DIRECTOR_ORG, SECRETARIAT_ORG],
  [
    { name: 'maria', role: `org:${DIRECTOR_ORG}` },
    { name: 'sam', role: 'secretariat' },
  ],
  async (started) => {
    const admin = couchClient(adminUrl(started));
    for (const doc of [funder, activity])
      await admin.request('PUT', `/dec-library/${encodeURIComponent(doc._id)}`, doc);
    for (const doc of [entry, response])
      await admin.request('PUT', `/org-${DIRECTOR_ORG}/${encodeURIComponent(doc._id)}`, doc);
  },
);

const sub = (page: Page, name: string) => subNav(page, 'Funding and activities', name);

/** The screen at the laptop size the tests run at, then at a tablet held upright. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, `${name}-768`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('the assessment reads support received from the ledger; the secretariat edits a deadline the director then sees, deletes a programme, and records a reached value', async ({
  openApp,
  openComputer,
}) => {
  test.setTimeout(300_000);
  // The director: the ledger's entries in the assessment, the old answer kept and migrated.
  const maria = await startSignedIn(
    await openApp(),
    { institute: DIRECTOR_INSTITUTE, person: 'Maria Santos' },
    hub.url,
    'maria',
  );
  await nav(maria, 'Dashboard').click();
  await expect(maria.getByTestId('deadlines-note')).toContainText('closes in 20 days', {
    timeout: 30_000,
  });
  // The old table's rows become ledger entries when the workspace opens.
  await maria.reload();
  await nav(maria, 'Questionnaires').click();
  await maria
    .getByRole('row', { name: new RegExp(`${YEAR}`) })
    .getByRole('link', { name: /assessment/i })
    .click();
  await maria.getByRole('button', { name: /^Support received/ }).click();
  await expect(maria.getByRole('button', { name: /^Support received/ })).toContainText(
    'from the support ledger',
  );
  const ledger = maria.getByTestId('support-from-ledger');
  await expect(ledger.getByRole('row')).toHaveCount(3);
  // Earliest first: the row migrated from the old table (the whole year), then PTB's.
  await expect(ledger.getByRole('row').nth(1)).toContainText('KRISS mass laboratory');
  await expect(ledger.getByRole('row').nth(1)).toContainText(`Jan 1, ${YEAR} – Dec 31, ${YEAR}`);
  const ptb = ledger.getByRole('row', { name: /PTB technical cooperation/ });
  await expect(ptb).toContainText('PTB technical cooperation — Quality infrastructure in South-East Asia');
  await expect(ptb).toContainText('National Institute of Metrology (Thailand)');
  await expect(ptb).toContainText('Received');
  // Nothing to fill in again: no inputs for the old table, which stays readable below.
  await expect(maria.getByRole('button', { name: 'Add a support received' })).toHaveCount(0);
  const earlier = maria.getByTestId('earlier-answers');
  await earlier.getByText(/Written in this table before the support ledger \(1 row\)/).click();
  await expect(earlier.getByLabel('Provider (institute or programme)')).toHaveValue('KRISS mass laboratory');
  await expect(earlier.getByLabel('Provider (institute or programme)')).toBeDisabled();
  await screenshots(maria, '74-assessment-support-from-ledger');
  await expectAccessible(maria);

  // Edit an entry in the ledger and come back to the assessment.
  await ledger
    .getByRole('link', {
      name: 'Edit PTB technical cooperation — Quality infrastructure in South-East Asia in the ledger',
    })
    .click();
  await expect(maria.getByRole('heading', { name: 'Support ledger' })).toBeVisible();
  await maria.getByLabel('Status').selectOption({ label: 'Under way' });
  await maria.getByLabel('Until').fill('');
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(ptb).toContainText('Under way');
  await expect(ptb).toContainText('ongoing');

  // The secretariat edits the call's deadline, saved as typed.
  const sam = await startSignedIn(
    await openComputer(),
    { institute: SECRETARIAT_INSTITUTE, person: 'Sam Secretariat' },
    hub.url,
    'sam',
  );
  await nav(sam, 'Funding and activities').click();
  const card = sam.getByTestId('funder-funder:ptb');
  await expect(card).toContainText('closes in 20 days');
  await card.getByRole('button', { name: 'Edit PTB technical cooperation' }).click();
  const qi = card.getByTestId('programme-edit-qi');
  await qi.getByLabel('Deadline').fill(isoDay(10));
  await expect(sam.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await qi.getByLabel('Who is eligible').fill('NMIs of APMP developing economies');
  // Deleting a programme asks first and says what still names it.
  const att = card.getByTestId('programme-edit-att');
  await att.getByRole('button', { name: 'Delete this programme' }).click();
  await expect(att).toContainText('Delete the programme “Attachments” and its calls?');
  await screenshots(sam, '75-funding-edit-funder');
  await expectAccessible(sam);
  await att.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(card.getByTestId('programme-edit-att')).toHaveCount(0);
  await card.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('programme')).toHaveCount(1);
  await expect(card).toContainText('closes in 10 days');
  await expect(card).toContainText('NMIs of APMP developing economies');
  await syncNow(sam);

  // After the director's next sync, the dashboard shows the new date.
  await syncNow(maria);
  await nav(maria, 'Dashboard').click();
  await expect(maria.getByTestId('deadlines-note')).toContainText('closes in 10 days', {
    timeout: 30_000,
  });
  await expect(maria.getByTestId('panel-deadlines')).toContainText(shownDay(10));
  await expect(maria.getByTestId('panel-deadlines')).not.toContainText(shownDay(20));

  // The secretariat records what the activity reached and sees it against the target.
  await nav(sam, 'Funding and activities').click();
  await sub(sam, 'Activities').click();
  await sam.getByRole('link', { name: 'Regional mass workshop' }).click();
  const record = sam.getByTestId('record-reached');
  await record.getByLabel('Value reached (people)').fill('three');
  await record.getByRole('button', { name: 'Record' }).click();
  await expect(record.getByText('Give the value reached as a number, e.g. 4.')).toBeVisible();
  await expect(record.getByText('Say where the value comes from')).toBeVisible();
  await record.getByLabel('Value reached (people)').fill('3');
  await record.getByLabel('As of').fill(isoDay(-5));
  await record.getByLabel('Source').fill('Workshop report, annex 2');
  await record.getByRole('button', { name: 'Record' }).click();
  await expect(record.getByRole('status')).toContainText(`Recorded: 3 people as of ${shownDay(-5)}.`);
  const progress = sam.getByTestId('panel-activity-progress');
  const row = progress.getByRole('row', { name: /Staff able to calibrate E2 weights/ });
  await expect(row).toContainText('3');
  await expect(row).toContainText('75');
  await expect(row).toContainText(`Recorded ${shownDay(-5)}: Workshop report, annex 2`);
  await screenshots(sam, '76-funding-reached-value');
  await expectAccessible(sam);
  await syncNow(sam);
  await expect
    .poll(
      async () => {
        const doc = (await hub.doc('dec-library', 'activity:mass')) as ActivityDoc | undefined;
        return [doc?.results.r1?.actual, doc?.results.r1?.actualSource];
      },
      { timeout: 30_000 },
    )
    .toEqual([3, 'Workshop report, annex 2']);
});
