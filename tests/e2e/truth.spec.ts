/**
 * What the app shows is true (issue 18): counts, states, dates and status that a director
 * acts on, checked where the director sees them.
 */
import { chooseInstitute, expect, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const FEEDBACK = 'Workshop feedback';

test('a response is ready to submit only when every answer is valid: the outline, the list, the dashboard and Submit agree', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: FEEDBACK });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();

  // Every question of the general section answered, one of them out of range.
  await page.getByLabel('Which workshop or course was this? (required)').fill('Mass calibration, Manila');
  await page.getByLabel('Last day of the workshop').fill('2026-11-20');
  await page.getByRole('radio', { name: 'Quality manager' }).check();
  await page.getByLabel('What was most useful to you?').fill('The uncertainty exercises');
  await page.getByLabel('What should we change next time?').fill('More time in the laboratory');
  await page.getByLabel('How many colleagues will you pass this training on to?').fill('600');
  await page.getByRole('radio', { name: 'Yes' }).check();
  const outline = page.getByRole('navigation', { name: 'Sections' });
  await outline.getByRole('button', { name: /Your ratings/ }).click();
  await page.getByRole('radio', { name: '4 — very good' }).first().check();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');

  const general = outline.getByRole('button', { name: /^General/ });
  await expect(general).toContainText('7 of 7');
  await expect(general).not.toContainText('complete');
  await expect(general).toContainText('1 answer to correct');

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
  await page.getByLabel('How many colleagues will you pass this training on to?').fill('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(outline.getByRole('button', { name: /^General/ })).toContainText('7 of 7 · complete');
  await page.getByRole('link', { name: 'Back to questionnaires' }).click();
  await expect(row.getByTestId('readiness')).toHaveText(/ready to submit/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('panel-completion')).toContainText('ready to submit');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await page.getByTestId('responses-table').getByRole('link', { name: FEEDBACK }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText(/^Submitted on .* by Maria Santos/)).toBeVisible();
});
