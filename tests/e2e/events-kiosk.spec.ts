/**
 * Issue 22 through a real hub: a facilitator creates a workshop with its concept note, opens
 * kiosk mode, and three participants answer in turn — each on an empty form, unable to reach
 * anything else (another address, a reload); leaving asks for the facilitator's password. The
 * facilitator's computer syncs the answers to the hub as they are given; the secretariat's
 * computer gathers them in its rounds and shows the event's results and their workbook.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { hubForTests, isoDay, nav, startSignedIn } from './steps';

const HUB_PORT = Number(process.env.E2E_EVENTS_HUB_PORT ?? 4773);
const FACILITATOR_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const FACILITATOR_ORG = 'ph-nml-itdi';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';
const TITLE = 'National workshop on mass calibration';

const hub = hubForTests(
  HUB_PORT,
  [FACILITATOR_ORG, SECRETARIAT_ORG],
  [
    { name: 'maria', role: `org:${FACILITATOR_ORG}` },
    { name: 'sam', role: 'secretariat' },
  ],
);

interface Participant {
  name: string;
  overall: string;
  content: string;
  useful: string;
  plan: string;
}

const PARTICIPANTS: Participant[] = [
  {
    name: 'Anh Phan',
    overall: '5 — excellent',
    content: '4 — very good',
    useful: 'The subcycle exercise',
    plan: 'Write the uncertainty budget for our F2 weights',
  },
  { name: '', overall: '4 — very good', content: '4 — very good', useful: '', plan: '' },
  {
    name: '',
    overall: '2 — fair',
    content: '3 — good',
    useful: 'Meeting the other labs',
    plan: 'Train two colleagues in the method',
  },
];

async function answerAtKiosk(page: Page, p: Participant, index: number): Promise<void> {
  await page.getByRole('button', { name: 'Begin' }).click();
  // An empty form: nothing the one before typed.
  const name = page.getByLabel('Your name (optional)');
  await expect(name).toHaveValue('');
  await expect(page.getByLabel('Which workshop or course was this?')).toHaveValue(TITLE);
  if (p.name) await name.fill(p.name);
  await page.getByRole('radio', { name: 'Technical staff (laboratory)' }).check();
  if (index === 0) await screenshot(page, '82-kiosk-form');
  await page.getByRole('button', { name: 'Next section' }).click();
  await page
    .getByRole('group', { name: /Overall, how useful was the workshop/ })
    .getByRole('radio', { name: p.overall })
    .check();
  await page
    .getByRole('group', { name: /Content: relevant to your work/ })
    .getByRole('radio', { name: p.content })
    .check();
  await page.getByRole('button', { name: 'Next section' }).click();
  await expect(page.getByRole('textbox', { name: 'What was most useful to you?' })).toHaveValue('');
  if (p.useful) await page.getByRole('textbox', { name: 'What was most useful to you?' }).fill(p.useful);
  if (p.plan)
    await page
      .getByRole('textbox', { name: 'What will you put into practice in the next three months?' })
      .fill(p.plan);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
  if (index === 0) await screenshot(page, '83-kiosk-thanks');
  await page.getByRole('button', { name: 'Next participant' }).click();
  await expect(page.getByRole('heading', { name: `Your feedback on ${TITLE}` })).toBeVisible();
}

test('a facilitator opens kiosk mode, three participants answer in turn, the hub gathers it, the secretariat sees the results', async ({
  openApp,
  openComputer,
  viewport,
}) => {
  test.setTimeout(300_000);
  const maria = await startSignedIn(
    await openApp(),
    { institute: FACILITATOR_INSTITUTE, person: 'Maria Santos' },
    hub.url,
    'maria',
  );

  // The workshop and its concept note.
  await nav(maria, 'Events').click();
  await expect(maria.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  await maria.getByRole('button', { name: 'New event' }).click();
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(maria.getByText('Give the event a title.')).toBeVisible();
  await maria.getByLabel('Title').fill(TITLE);
  await maria.getByLabel('Kind of event').selectOption({ label: 'Workshop' });
  await maria.getByLabel('Work package of the DEC plan').selectOption('LA2-WP2');
  await maria.getByLabel('State').selectOption({ label: 'Held' });
  await maria.getByLabel('First day').fill(isoDay(-1));
  await maria.getByLabel('Last day').fill(isoDay(0));
  await maria.getByLabel('Place').fill('Manila, NML-ITDI training room');
  await maria.getByLabel('Objectives').fill('Laboratories calibrate F2 weights with a stated uncertainty.');
  await maria.getByLabel(/^Inputs/).fill('Lectures, the subcycle exercise, a laboratory visit.');
  await maria.getByLabel('Target groups').fill('Accredited mass laboratories and the regulator.');
  await maria.getByRole('button', { name: 'Add a speaker or resource person' }).click();
  await maria.getByTestId('speaker').getByLabel('Name').fill('Dr. Elena Brandt');
  await maria.getByTestId('speaker').getByLabel('Institute').fill('PTB (Germany)');
  await maria.getByTestId('speaker').getByLabel('Topic').fill('Uncertainty budgets');
  await maria.getByLabel('People who attended').fill('four');
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(maria.getByText('Write how many people attended as a whole number, e.g. 24.')).toBeVisible();
  await maria.getByLabel('People who attended').fill('4');
  await screenshot(maria, '80-event-form');
  await maria.getByRole('button', { name: 'Save' }).click();
  await expect(maria.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
  await expect(
    maria.getByText('Dr. Elena Brandt, PTB (Germany) — Speaker: Uncertainty budgets'),
  ).toBeVisible();
  await expectAccessible(maria);

  // Kiosk mode, with the facilitator's password chosen the first time.
  await maria.getByRole('button', { name: 'Collect feedback here (kiosk mode)' }).click();
  await maria.getByLabel("Facilitator's password", { exact: true }).fill('kiosk-2026');
  await maria.getByLabel('The same password again').fill('kiosk-2O26');
  await maria.getByRole('button', { name: 'Start kiosk mode' }).click();
  await expect(maria.getByText('The two passwords are not the same.')).toBeVisible();
  await maria.getByLabel('The same password again').fill('kiosk-2026');
  await screenshot(maria, '81-event-detail');
  await maria.getByRole('button', { name: 'Start kiosk mode' }).click();
  await expect(maria.getByRole('heading', { name: `Your feedback on ${TITLE}` })).toBeVisible();
  await expect(maria.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expectAccessible(maria);

  await answerAtKiosk(maria, PARTICIPANTS[0] as Participant, 0);
  // Nothing else is reachable: another address, a reload and a restart all come back here.
  await maria.goto('./#/questionnaires');
  await expect(maria.getByRole('heading', { name: `Your feedback on ${TITLE}` })).toBeVisible();
  await expect(maria.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await answerAtKiosk(maria, PARTICIPANTS[1] as Participant, 1);
  await maria.reload();
  await expect(maria.getByRole('heading', { name: `Your feedback on ${TITLE}` })).toBeVisible();
  await answerAtKiosk(maria, PARTICIPANTS[2] as Participant, 2);
  await maria.setViewportSize({ width: 768, height: 1024 });
  await screenshot(maria, '84-kiosk-welcome-768');
  await maria.setViewportSize(viewport ?? { width: 1366, height: 768 });

  // The answers went up while the kiosk ran.
  await expect
    .poll(
      async () =>
        (await hub.docs(`org-${FACILITATOR_ORG}`, `response:${FACILITATOR_ORG}:workshop_feedback:`)).filter(
          (d) => d['status'] === 'submitted',
        ).length,
      { timeout: 60_000 },
    )
    .toBe(3);

  // Leaving asks for the facilitator's password.
  await maria.getByRole('button', { name: 'Facilitator: leave kiosk mode' }).click();
  await maria.getByLabel("Facilitator's password").fill('guess');
  await maria.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(maria.getByText("That is not the facilitator's password. Kiosk mode stays on.")).toBeVisible({
    timeout: 30_000,
  });
  await expect(maria.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await maria.getByLabel("Facilitator's password").fill('kiosk-2026');
  await maria.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(nav(maria, 'Events')).toBeVisible({ timeout: 30_000 });

  // The secretariat's computer gathers the answers and shows the results.
  const sam = await startSignedIn(
    await openComputer(),
    { institute: SECRETARIAT_INSTITUTE, person: 'Sam Secretariat' },
    hub.url,
    'sam',
  );
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await nav(sam, 'Events').click();
  await sam.getByRole('link', { name: TITLE }).click({ timeout: 60_000 });
  const summary = sam.getByTestId('results-summary');
  await expect(summary).toHaveText('3 feedback sent · 4 attended · response rate 75 %.', {
    timeout: 60_000,
  });
  const ratings = sam.getByTestId('panel-results-ratings');
  await ratings.getByRole('button', { name: 'Show the table' }).click();
  await expect(ratings.getByRole('row', { name: /Overall, how useful/ })).toHaveText(
    /Overall, how useful was the workshop\?\s*0\s*1\s*0\s*1\s*1\s*3\s*3\.7/,
  );
  await expect(sam.getByTestId('panel-results-comments')).toContainText('The subcycle exercise');
  const plans = sam.getByTestId('panel-results-plans');
  await expect(plans.getByRole('row', { name: /Anh Phan/ })).toContainText('Write the uncertainty budget');
  await expect(plans.getByRole('row', { name: /Anonymous/ })).toContainText('Train two colleagues');
  await expect(plans).toContainText(isoDay(0).slice(0, 4));
  await screenshot(sam, '85-event-results');
  await expectAccessible(sam);
  await sam.setViewportSize({ width: 768, height: 1024 });
  await screenshot(sam, '86-event-results-768');
  await sam.setViewportSize(viewport ?? { width: 1366, height: 768 });

  const [download] = await Promise.all([
    sam.waitForEvent('download'),
    sam.getByRole('button', { name: 'Export results (Excel)' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual([
    'Response rate',
    'Ratings',
    'Comments',
    'Implementation plans',
  ]);
  expect(workbook.getWorksheet('Response rate')?.getRow(4).values).toEqual([undefined, 4, 3, 0, 75]);

  // The events list, at both sizes.
  await nav(sam, 'Events').click();
  await expect(sam.getByTestId('event')).toContainText(TITLE);
  await screenshot(sam, '87-events-list');
  await sam.setViewportSize({ width: 768, height: 1024 });
  await screenshot(sam, '88-events-list-768');
});
