/**
 * What the app shows is true (issue 18): counts, states, dates and status that a director
 * acts on, checked where the director sees them.
 */
import type { Page } from '@playwright/test';
import { caller } from '../integration/helpers/hub';
import { chooseInstitute, expect, test } from './fixtures';
import { hubForTests, isoDay, nav, startResponse, startSignedIn } from './steps';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const FEEDBACK = 'Workshop feedback';
const ORG = 'ph-nml-itdi';
const HUB_PORT = Number(process.env.E2E_TRUTH_HUB_PORT ?? 4659);

/** A plan in mass with the quality system done and traceability planned `dueInDays` from today. */
async function planInMass(page: Page, dueInDays: number): Promise<void> {
  await nav(page, 'CMC plans').click();
  await page.getByRole('link', { name: 'Plan a new CMC' }).click();
  await page.getByRole('radio', { name: /Mass and Related Quantities \(M\)/ }).check();
  await page.getByRole('radio', { name: /^Mass standards/ }).check();
  await page.getByLabel('3. Service').fill('Calibration of weights');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  const quality = page.getByTestId('milestone-quality_system');
  await quality.getByLabel('Status').selectOption({ label: 'Done' });
  await quality.getByLabel('Date done').fill(isoDay(-40));
  await page.getByTestId('milestone-traceability').getByLabel('Planned date').fill(isoDay(dueInDays));
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
}

test('a response is ready to submit only when every answer is valid: the outline, the list, the dashboard and Submit agree', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await startResponse(page, FEEDBACK, 2026);

  // Every question answered, one of them out of range. The form's top-level questions
  // before and after its ratings are two sections, in the form's own order.
  await page.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration, Manila');
  await page.getByLabel('Last day of the workshop').fill('2026-11-20');
  await page.getByLabel('Your name (optional)').fill('Ana Cruz');
  await page.getByLabel('Your institute (optional)').fill('NML-PH');
  await page.getByRole('radio', { name: 'Quality manager' }).check();
  const outline = page.getByRole('navigation', { name: 'Sections' });
  await outline.getByRole('button', { name: /Your ratings/ }).click();
  await page.getByRole('radio', { name: '4 — very good' }).first().check();
  const after = outline.getByRole('button', { name: /^What was most useful to you\?/ });
  await after.click();
  await page.getByRole('textbox', { name: 'What was most useful to you?' }).fill('The uncertainty exercises');
  await page.getByLabel('What should we change next time?').fill('More time in the laboratory');
  await page
    .getByLabel('What will you put into practice in the next three months?')
    .fill('An uncertainty budget for every mass calibration');
  await page.getByLabel('How many colleagues will you pass this training on to?').fill('600');
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');

  await expect(outline.getByRole('button', { name: /^General/ })).toContainText('5 of 5 · complete');
  await expect(after).toContainText('5 of 5');
  await expect(after).not.toContainText('complete');
  await expect(after).toContainText('1 answer to correct');

  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('submit-gaps')).toContainText('How many colleagues');

  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  const row = page.getByTestId('responses-table').getByRole('row', { name: /Workshop feedback/ });
  await expect(row.getByTestId('readiness')).toHaveText(/1 answer to complete or correct/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const completion = page.getByTestId('panel-completion');
  await expect(completion).toContainText('to complete or correct before submitting: How many colleagues');
  await expect(completion).not.toContainText('ready to submit');
  await expect(
    completion
      .getByRole('row', { name: /Workshop feedback/ })
      .getByRole('cell')
      .last(),
  ).toHaveText('1');

  // Corrected, every place says it is ready, and Submit takes it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await page.getByTestId('responses-table').getByRole('link', { name: FEEDBACK }).click();
  await after.click();
  await page.getByLabel('How many colleagues will you pass this training on to?').fill('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(after).toContainText('5 of 5 · complete');
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await expect(row.getByTestId('readiness')).toHaveText(/ready to submit/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('panel-completion')).toContainText('ready to submit');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await page.getByTestId('responses-table').getByRole('link', { name: FEEDBACK }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('button', { name: 'Submit revision 1' }).click();
  await expect(page.getByText(/^Submitted on .* by Maria Santos/)).toBeVisible();
});

test('the timeline draws today where today is: between the month marks around it, in proportion, and a milestone due in 14 days after it', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await planInMass(page, 14);
  await page.getByRole('navigation', { name: 'CMC plans' }).getByRole('link', { name: 'Timeline' }).click();

  const today = new Date();
  const next = new Date(today.getFullYear(), today.getMonth() + 1, 1);
  const monthName = (date: Date) => new Intl.DateTimeFormat('en-US', { month: 'short' }).format(date);
  const x = async (locator: ReturnType<Page['locator']>) => {
    const box = await locator.boundingBox();
    if (!box) throw new Error('not drawn');
    return box.x;
  };
  // The axis starts 40 days before today, so the marks of this month and the next are on it.
  const tick = (date: Date) =>
    page.locator('.timeline-axis .tick', { hasText: new RegExp(`^${monthName(date)}\\b`) });
  const from = await x(tick(today));
  const to = await x(tick(next));
  const line = await x(page.getByTestId('today-line'));
  expect(line).toBeGreaterThanOrEqual(from - 2);
  expect(line).toBeLessThan(to);
  const daysInMonth = new Date(today.getFullYear(), today.getMonth() + 1, 0).getDate();
  const expected = from + ((to - from) * (today.getDate() - 1)) / daysInMonth;
  // Within a day's width (and a pixel for the line's own border).
  expect(Math.abs(line - expected)).toBeLessThanOrEqual((to - from) / daysInMonth + 1);

  const due = page.getByTestId('timeline-row').locator('.mark.soon');
  const dueBox = await due.boundingBox();
  expect(dueBox && dueBox.x + dueBox.width / 2).toBeGreaterThan(line);
});

test.describe('in British English, in Manila', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Asia/Manila' });

  test("dates and times read the same way on every screen, in the computer's own format", async ({
    openApp,
  }) => {
    const page = await openApp();
    await chooseInstitute(page, INSTITUTE, 'Maria Santos');
    await startResponse(page, FEEDBACK, 2026);
    await page.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await planInMass(page, 14);

    // "6 Dec 2026" and "6 Dec 2026, 15:43"; never 12/6/2026, 06/12/2026 or 2026-12-06 on screen.
    const day = /(?<!\d)\d{1,2} [A-Z][a-z]{2,3} \d{4}(?!\d)/;
    const moment = /(?<!\d)\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}(?!\d)/;
    const otherFormats = /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}:\d{2}:\d{2}|\d [AP]M\b/;
    const screens: { name: string; open: () => Promise<void>; shows: RegExp }[] = [
      {
        name: 'questionnaires',
        open: () => nav(page, 'Questionnaires').click(),
        shows: moment,
      },
      {
        name: 'CMC plans',
        open: () => nav(page, 'CMC plans').click(),
        shows: day,
      },
      {
        name: 'timeline',
        open: () =>
          page.getByRole('navigation', { name: 'CMC plans' }).getByRole('link', { name: 'Timeline' }).click(),
        shows: day,
      },
      {
        name: 'dashboard',
        open: () => nav(page, 'Dashboard').click(),
        shows: moment,
      },
    ];
    for (const screen of screens) {
      await screen.open();
      const content = page.locator('main');
      await expect(content, screen.name).toContainText(screen.shows);
      expect((await content.innerText()).match(otherFormats), screen.name).toBeNull();
    }
  });
});

test('plans by stage name each stage once, and the stage meter is drawn as a bar, not as empty boxes', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await planInMass(page, 14);
  await nav(page, 'CMC plans').click();

  const pipeline = await page.getByTestId('cmc-pipeline').locator('.pipeline-label').allInnerTexts();
  expect(pipeline).toHaveLength(10);
  expect(new Set(pipeline).size).toBe(10);
  expect(pipeline.filter((label) => /Published/.test(label))).toHaveLength(1);

  // Every step is a filled segment: none is an outlined empty box (how a missing glyph looks).
  const segments = page.locator('.stage-meter').first().locator('span');
  await expect(segments).toHaveCount(9);
  const looks = await segments.evaluateAll((spans) =>
    spans.map((span) => {
      const style = getComputedStyle(span);
      return {
        border: style.borderTopStyle === 'none' ? 0 : parseFloat(style.borderTopWidth),
        fill: style.backgroundColor,
      };
    }),
  );
  for (const look of looks) {
    expect(look.border).toBe(0);
    expect(look.fill).not.toMatch(/^rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/);
  }

  await nav(page, 'Dashboard').click();
  const chart = page.getByTestId('panel-cmc').locator('svg');
  await expect(chart).toBeVisible();
  const names = (await chart.locator('text').allTextContents()).filter((text) => /Step|Published/.test(text));
  expect(names).toHaveLength(10);
  expect(names.filter((name) => /Published in the KCDB/.test(name))).toHaveLength(1);
});

test('a story or a response started and left at once, nothing written, is not kept', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await nav(page, 'Case studies').click();
  await page.getByRole('button', { name: 'Write a new story' }).click();
  await expect(page.getByLabel('Title')).toBeVisible();
  await page.getByRole('link', { name: 'Back to case studies' }).click();
  await page.getByRole('radio', { name: /Our stories/ }).check();
  await expect(page.getByText('Untitled story')).toHaveCount(0);
  await page.reload();
  await page.getByRole('radio', { name: /Our stories/ }).check();
  await expect(page.getByText('Untitled story')).toHaveCount(0);

  await nav(page, 'Questionnaires').click();
  await startResponse(page, FEEDBACK, 2026);
  await expect(page.getByLabel('Which workshop or course was this? (required)')).toBeVisible();
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await expect(page.getByTestId('responses-table')).toHaveCount(0);
  // One with a word in it is kept.
  await startResponse(page, FEEDBACK, 2026);
  await page.getByLabel('Which workshop or course was this? (required)').fill('Mass');
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await expect(page.getByTestId('responses-table').getByRole('link', { name: FEEDBACK })).toBeVisible();
});

test.describe('with a workshop hub', () => {
  const hub = hubForTests(HUB_PORT, [ORG], [{ name: 'maria', role: `org:${ORG}` }]);

  test('changes waiting to go up stay counted while the server is down, after "Sync now" too, and fall once it has them', async ({
    openApp,
  }) => {
    const page = await startSignedIn(
      await openApp(),
      { institute: INSTITUTE, person: 'Maria Santos' },
      hub.url,
      'maria',
    );
    await expect(page.getByTestId('sync-waiting')).toHaveText('0');

    // The server goes down; an answer typed meanwhile waits.
    await hub.hub.close();
    await nav(page, 'Questionnaires').click();
    await startResponse(page, FEEDBACK, 2026);
    await page.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await nav(page, 'Sync').click();
    const header = page.getByTestId('header-sync-state');
    await expect(page.getByTestId('sync-waiting')).toHaveText('1');
    await expect(header).toContainText('1 change waiting');

    // "Sync now" cannot reach it: nothing was sent, so nothing stops waiting.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-message')).toContainText('cannot be reached');
    for (let i = 0; i < 10; i++) {
      await expect(page.getByTestId('sync-waiting')).toHaveText('1');
      await page.waitForTimeout(300);
    }
    await expect(header).toContainText('1 change waiting');

    // Back: it goes up, and only then is nothing waiting.
    await hub.restart();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 30_000 });
    await expect(page.getByTestId('sync-waiting')).toHaveText('0');
  });
});

test.describe('with a workshop hub, deleting', () => {
  const hub = hubForTests(HUB_PORT + 1, [ORG], [{ name: 'maria', role: `org:${ORG}` }]);

  test('a draft deleted by its institute can be undone for a few seconds, and the deletion syncs', async ({
    openApp,
  }) => {
    const page = await startSignedIn(
      await openApp(),
      { institute: INSTITUTE, person: 'Maria Santos' },
      hub.url,
      'maria',
    );

    await nav(page, 'Questionnaires').click();
    await startResponse(page, FEEDBACK, 2026);
    await page.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration');
    await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    const id = `response:${ORG}:workshop_feedback:2026`;
    const onHub = () => caller(hub.hub, 'maria')('GET', `/org-${ORG}/${encodeURIComponent(id)}`);
    const deletedOnHub = async () => {
      const rows = (await caller(hub.hub, 'maria')('POST', `/org-${ORG}/_all_docs`, { keys: [id] })).json[
        'rows'
      ];
      return (rows as { value?: { deleted?: boolean } }[] | undefined)?.[0]?.value?.deleted === true;
    };
    await expect.poll(async () => (await onHub()).status, { timeout: 20_000 }).toBe(200);

    await page.getByRole('button', { name: 'Delete this draft' }).click();
    const bar = page.getByTestId('undo-bar');
    await expect(bar).toContainText('Draft deleted: Workshop feedback 2026');
    await expect(page.getByTestId('responses-table')).toHaveCount(0);
    await expect.poll(deletedOnHub, { timeout: 20_000 }).toBe(true);

    // Undone: back on this computer with its answer, and back on the server.
    await bar.getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('responses-table').getByRole('link', { name: FEEDBACK }).click();
    await expect(page.getByLabel('Which workshop or course was this? (required)')).toHaveValue(
      'Mass calibration',
    );
    await expect
      .poll(async () => JSON.stringify((await onHub()).json['answers'] ?? {}), { timeout: 20_000 })
      .toContain('Mass calibration');

    // Deleted again and left: the offer goes after a few seconds, the deletion stays.
    await page.getByRole('button', { name: 'Delete this draft' }).click();
    await expect(bar).toBeVisible();
    await expect(bar).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('responses-table')).toHaveCount(0);
    await expect.poll(deletedOnHub, { timeout: 20_000 }).toBe(true);
  });
});

test.describe('two computers of one institute, with a workshop hub', () => {
  const hub = hubForTests(
    HUB_PORT + 2,
    [ORG],
    [
      { name: 'maria', role: `org:${ORG}` },
      { name: 'jose', role: `org:${ORG}` },
    ],
  );

  test('an open questionnaire, plan or story shows a colleague’s change in place; a field being typed in keeps the text, and the other value goes to the Conflicts inbox', async ({
    openApp,
    openComputer,
  }) => {
    const maria = await startSignedIn(
      await openApp(),
      { institute: INSTITUTE, person: 'Maria Santos' },
      hub.url,
      'maria',
    );
    const jose = await startSignedIn(
      await openComputer(),
      { institute: INSTITUTE, person: 'José Reyes' },
      hub.url,
      'jose',
    );

    // A questionnaire Maria started, open on José's computer.
    await nav(maria, 'Questionnaires').click();
    await startResponse(maria, FEEDBACK, 2026);
    await maria.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration');
    await expect(maria.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await nav(jose, 'Questionnaires').click();
    await jose
      .getByTestId('responses-table')
      .getByRole('link', { name: FEEDBACK })
      .click({ timeout: 30_000 });
    await expect(jose.getByLabel('Which workshop or course was this? (required)')).toHaveValue(
      'Mass calibration',
    );

    // Maria's change appears in José's open editor, without reopening it.
    const useful = 'What was most useful to you?';
    for (const page of [maria, jose]) {
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: /^What was most useful to you\?/ })
        .click();
    }
    await maria.getByRole('textbox', { name: useful }).fill('The exercises');
    await expect(jose.getByRole('textbox', { name: useful })).toHaveValue('The exercises', {
      timeout: 30_000,
    });

    // José is typing in a field when Maria's change to it arrives: his text stays, and both
    // values reach the Conflicts inbox; her change to another field still appears in place.
    const change = 'What should we change next time?';
    const josesText = 'More time in the laboratory, fewer slides, and the uncertainty budget on paper';
    const typing = jose.getByLabel(change).pressSequentially(josesText, { delay: 150 });
    await maria.getByLabel(change).fill('More field visits');
    await maria.getByRole('textbox', { name: useful }).fill('The exercises and the visits');
    await expect(maria.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await expect(jose.getByRole('textbox', { name: useful })).toHaveValue('The exercises and the visits', {
      timeout: 30_000,
    });
    await typing;
    await expect(jose.getByLabel(change)).toHaveValue(josesText);
    await expect(jose.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await nav(jose, 'Sync').click();

    const inbox = jose.getByRole('group', { name: 'Question to_change' });
    await expect(inbox).toContainText('More field visits', { timeout: 30_000 });
    await expect(inbox).toContainText(josesText);

    // A plan and a story, the same way.
    await planInMass(maria, 14);
    await nav(jose, 'CMC plans').click();
    await jose.getByRole('link', { name: 'Calibration of weights' }).click({ timeout: 30_000 });
    await maria.getByLabel('Quantity (measurand)').fill('Mass');
    await expect(jose.getByLabel('Quantity (measurand)')).toHaveValue('Mass', { timeout: 30_000 });

    await nav(maria, 'Case studies').click();
    await maria.getByRole('button', { name: 'Write a new story' }).click();
    await maria.getByLabel('Title').fill('Weights for the sugar mills');
    await expect(maria.getByTestId('save-state')).toHaveText('All changes saved on this computer');
    await nav(jose, 'Case studies').click();
    await jose.getByRole('radio', { name: /Our stories/ }).check();
    await jose.getByRole('link', { name: 'Weights for the sugar mills' }).click({ timeout: 30_000 });
    await maria.getByLabel('Context', { exact: true }).fill('Sugar is sold by weight.');
    await expect(jose.getByLabel('Context', { exact: true })).toHaveValue('Sugar is sold by weight.', {
      timeout: 30_000,
    });
  });
});
