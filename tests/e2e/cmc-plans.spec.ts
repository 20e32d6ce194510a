/**
 * A director plans a first CMC in mass, as a new user would: from the empty list to a plan
 * in a branch of the KCDB taxonomy, the capability with a mistake or two explained and fixed,
 * milestones moved along (one overdue, one due soon), the plan on the timeline, the CMC rows
 * exported and read back, and the one-page summary printed (to PDF here, one page).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';
import { isoDay, nav, shownDay } from './steps';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';

test('a director plans a first CMC in mass and follows it to the timeline, the CMC rows and a printed page', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await nav(page, 'CMC plans').click();
  await expect(page.getByRole('heading', { name: 'CMC plans', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No CMC plans yet' })).toBeVisible();
  await screenshot(page, '50-cmc-plans-empty');
  await expectAccessible(page);

  // Three choices: area, branch, service. Unverified names say so.
  await page.getByRole('link', { name: 'Plan a new CMC' }).click();
  await expect(page.getByText('Choose the area first.')).toBeVisible();
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await expect(page.getByText('Choose the metrology area of the capability.')).toBeVisible();
  await page.getByRole('radio', { name: /Mass and Related Quantities \(M\)/ }).check();
  const massStandards = page.getByRole('radio', { name: /^Mass standards/ });
  await expect(page.locator('label', { has: massStandards })).toContainText('name not verified');
  await massStandards.check();
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await expect(
    page.getByText('Say which service the CMC is for, e.g. Calibration of weights.'),
  ).toBeVisible();
  await page.getByLabel('3. Service').fill('Calibration of weights');
  await screenshot(page, '51-cmc-new-plan');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create the plan' }).click();

  // The editor: what is typed stays, and the rules are explained next to the field.
  await expect(page.getByRole('heading', { name: 'Calibration of weights', level: 1 })).toBeVisible();
  await expect(page.getByTestId('plan-stage')).toContainText(
    'Step 1 of 9: Quality system approved by the RMO',
  );
  await page.getByLabel('Quantity (measurand)').fill('Mass');
  await page.getByLabel('Minimum').fill('20');
  await page.getByLabel('Maximum').fill('1');
  await expect(
    page.getByText('The maximum (1) is below the minimum (20)', { exact: false }).first(),
  ).toBeVisible();
  await page.getByLabel('Minimum').fill('0.001');
  await page.getByLabel('Maximum').fill('20');
  await page.getByLabel('Unit', { exact: true }).first().fill('kg');
  await page.getByLabel('Smallest', { exact: true }).fill('0.002');
  await page.getByLabel('Largest', { exact: true }).fill('0,03');
  await expect(page.getByText('"0,03" is not a number', { exact: false }).first()).toBeVisible();
  await page.getByLabel('Largest', { exact: true }).fill('0.03');
  await page.getByLabel('Unit', { exact: true }).nth(1).fill('mg');
  await page.getByLabel('Coverage factor k').fill('2');
  await page.getByLabel('Level of confidence').selectOption({ label: '95.45 %' });

  // Milestones: the quality system done (today, filled in), traceability overdue, training due soon.
  const quality = page.getByTestId('milestone-quality_system');
  await quality.getByLabel('Status').selectOption({ label: 'Done' });
  await expect(quality.getByLabel('Date done')).toHaveValue(isoDay(0));
  const traceability = page.getByTestId('milestone-traceability');
  await traceability.getByLabel('Planned date').fill(isoDay(-10));
  await traceability.getByLabel('Status').selectOption({ label: 'In progress' });
  const training = page.getByTestId('milestone-training');
  await training.getByLabel('Planned date').fill(isoDay(10));
  await training.getByRole('checkbox', { name: 'Training' }).check();
  await expect(
    training.getByText('No institute on this computer shows a capability in this area yet.'),
  ).toBeVisible();
  await training
    .getByLabel('Provider', { exact: true })
    .selectOption({ label: 'Someone else (type a name)' });
  await training
    .getByLabel('Name of the provider (institute or programme)')
    .fill('Regional mass training course');
  await expect(page.getByTestId('plan-stage')).toContainText('Step 2 of 9: Traceability established');
  await expect(traceability.getByText('overdue by 10 days')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(page.getByTestId('plan-check')).toHaveText(
    'Everything filled in so far follows the rules of a CMC.',
  );
  await screenshot(page, '52-cmc-plan-editor');
  await expectAccessible(page);

  // Nothing is lost on a restart.
  await page.reload();
  await expect(page.getByLabel('Minimum')).toHaveValue('0.001');
  await expect(page.getByLabel('Largest', { exact: true })).toHaveValue('0.03');
  await expect(page.getByTestId('milestone-traceability').getByLabel('Planned date')).toHaveValue(
    isoDay(-10),
  );
  await expect(
    page.getByTestId('milestone-training').getByLabel('Name of the provider (institute or programme)'),
  ).toHaveValue('Regional mass training course');

  // The timeline: the overdue milestone and the one due soon, in words, and today's line.
  await page.getByRole('navigation', { name: 'CMC plans' }).getByRole('link', { name: 'Timeline' }).click();
  const overdue = page.getByTestId('timeline-overdue');
  await expect(overdue).toContainText('Calibration of weights: Traceability established');
  await expect(overdue).toContainText('overdue by 10 days');
  await expect(page.getByTestId('timeline-soon')).toContainText('Staff trained');
  await expect(page.getByTestId('timeline-soon')).toContainText('due in 10 days');
  await expect(page.getByTestId('today-line')).toContainText(`Today ${shownDay(0)}`);
  await expect(page.getByTestId('timeline-row')).toHaveCount(1);
  await expect(
    page
      .getByTestId('timeline')
      .getByText(`2. Traceability established: overdue, planned for ${shownDay(-10)}`),
  ).toBeAttached();
  await screenshot(page, '53-cmc-timeline');
  await expectAccessible(page);

  // The list: grouped by area, with the stage and the pipeline.
  await page.getByRole('navigation', { name: 'CMC plans' }).getByRole('link', { name: 'Plans' }).click();
  const mass = page.getByTestId('cmc-area-M');
  await expect(mass.getByRole('heading', { name: 'Mass and Related Quantities (M)' })).toBeVisible();
  await expect(mass.getByRole('row', { name: /Calibration of weights/ })).toContainText(
    'Step 2 of 9: Traceability established',
  );
  await expect(page.getByTestId('cmc-pipeline').getByRole('listitem').nth(1)).toContainText(
    'Traceability established1 plan',
  );
  await expect(page.getByTestId('cmc-attention')).toContainText('1 overdue · 1 due in the next 30 days');
  await screenshot(page, '54-cmc-plans-list');
  await expectAccessible(page);

  // CMC rows, read back from the downloaded workbook.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CMC rows (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`NML-ITDI-cmc-plans-${isoDay(0)}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  const sheet = workbook.getWorksheet('General physics');
  expect(sheet?.getRow(2).getCell(1).value).toBe('Institute');
  expect((sheet?.getRow(3).values as unknown[]).slice(1, 24)).toEqual([
    INSTITUTE,
    'Mass and Related Quantities',
    'Mass standards',
    'Calibration of weights',
    '',
    '',
    '',
    'Mass',
    '',
    '',
    '',
    0.001,
    20,
    'kg',
    '',
    0.002,
    0.03,
    'mg',
    'Absolute',
    '',
    '',
    2,
    95.45,
  ]);

  // The one-page summary, printed.
  await mass.getByRole('link', { name: 'Calibration of weights' }).click();
  await page.getByRole('button', { name: 'One-page summary' }).click();
  const summary = page.getByTestId('plan-summary');
  await expect(summary.getByRole('heading', { name: 'CMC plan: Calibration of weights' })).toBeVisible();
  await expect(summary).toContainText('0.001 to 20 kg');
  await expect(summary).toContainText('0.002 to 0.03 mg, absolute, k = 2, 95.45 % level of confidence');
  await expect(summary.getByRole('row', { name: /Staff trained/ })).toContainText(
    'Training — Regional mass training course',
  );
  await screenshot(page, '55-cmc-plan-summary');
  await expectAccessible(page);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });

  // Matching: the plan's need for training, and no provider known yet on this computer.
  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await page
    .getByRole('navigation', { name: 'CMC plans' })
    .getByRole('link', { name: 'Who could help' })
    .click();
  await expect(page.getByTestId('no-summaries')).toBeVisible();
  await expect(page.getByTestId('matching-need')).toContainText(
    'Training for “Calibration of weights” (Staff trained)',
  );
  await screenshot(page, '56-cmc-matching-institute');
  await expectAccessible(page);

  await page
    .getByRole('navigation', { name: 'CMC plans' })
    .getByRole('link', { name: 'KCDB taxonomy' })
    .click();
  await expect(page.getByText('The secretariat keeps this list.', { exact: false })).toBeVisible();
  await expect(page.getByTestId('taxonomy-M').getByTestId('taxonomy-branch').first()).toContainText(
    'Mass standardsname not verified',
  );
  await screenshot(page, '57-cmc-taxonomy');
  await expectAccessible(page);
});
