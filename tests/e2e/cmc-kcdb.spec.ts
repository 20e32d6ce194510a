/**
 * Issue 19: a director plans a CMC in chemistry (QM) as the KCDB 2.0 holds it — analyte,
 * matrix, technique, CRM, an expanded uncertainty given as a range — takes it through the
 * checklist and the submission path with two review rounds (the first sent it back),
 * exports the rows in the chemistry and biology template, and sees the right-first-time
 * figure on the dashboard.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ARTIFACTS, chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';
import { isoDay, nav } from './steps';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';

test('a director plans a QM CMC with an uncertainty range and two review rounds, exports its rows and sees right first time', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await nav(page, 'CMC plans').click();
  await page.getByRole('link', { name: 'Plan a new CMC' }).click();
  await page.getByRole('radio', { name: /Chemistry and Biology \(QM\)/ }).check();
  await page.getByRole('radio', { name: /^Water/ }).check();
  await page.getByLabel('3. Service').fill('Lead in drinking water');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await expect(page.getByRole('heading', { name: 'Lead in drinking water', level: 1 })).toBeVisible();

  // The chemistry and biology fields; none of ionizing radiation's.
  await expect(page.getByLabel('Nuclide or radiation type')).toHaveCount(0);
  await page.getByLabel('Analyte or component').fill('lead');
  await page.getByLabel('Matrix').fill('drinking water');
  await page.getByLabel('Quantity (measurand)').fill('Mass fraction');
  await page.getByLabel('Measurement technique').fill('Isotope dilution ICP-MS');
  await page.getByLabel('Certified reference material?').selectOption('no');
  await page.getByLabel('Delivery mechanism').fill('Measurement of customer samples');
  await page.getByLabel('Minimum', { exact: true }).fill('0.001');
  await page.getByLabel('Maximum', { exact: true }).fill('1');
  await page.getByLabel('Unit', { exact: true }).first().fill('ppm');
  await expect(page.getByTestId('unit-flag').first()).toContainText('1 ppm = 10⁻⁶');
  await page.getByLabel('Unit', { exact: true }).first().fill('mg/kg');
  await expect(page.getByTestId('unit-flag')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add a parameter' }).click();
  await page.getByLabel('Parameter', { exact: true }).fill('Sample preservation');
  await page.getByLabel('Value or range').fill('acidified to pH < 2');

  // The expanded uncertainty as a range, relative.
  await page.getByLabel('Absolute or relative').selectOption('relative');
  await page.getByLabel('Smallest', { exact: true }).fill('8');
  await page.getByLabel('Largest', { exact: true }).fill('2');
  await expect(
    page.getByText('The largest uncertainty (2) is below the smallest (8)', { exact: false }).first(),
  ).toBeVisible();
  await page.getByLabel('Smallest', { exact: true }).fill('2');
  await page.getByLabel('Largest', { exact: true }).fill('8');
  await page.getByLabel('Unit', { exact: true }).nth(2).fill('%');
  await page.getByLabel('Coverage factor k').fill('2');
  await page.getByLabel('Level of confidence').selectOption({ label: '95 %' });
  await page.getByLabel('Supporting comparisons').fill('CCQM-K30, APMP.QM-S15');

  // Prerequisites in any order: the comparison first, then the rest.
  for (const key of ['comparison', 'quality_system', 'traceability', 'training', 'peer_review'])
    await page.getByTestId(`milestone-${key}`).getByLabel('Status').selectOption({ label: 'Done' });
  // The checklist, then submission.
  await page.getByTestId('milestone-rmo_tc').getByLabel('Status').selectOption({ label: 'Done' });
  await expect(page.getByText('Before submitting, check:', { exact: false }).first()).toBeVisible();
  const checklist = page.getByTestId('checklist');
  for (const box of await checklist.getByRole('checkbox').all()) await box.check();
  await expect(page.getByText('Before submitting, check:', { exact: false })).toHaveCount(0);

  // Two review rounds: the intra-regional one sent the CMC back, the JCRB one did not.
  const rounds = page.getByTestId('review-rounds');
  await rounds.getByRole('button', { name: 'Add a review round' }).click();
  const first = rounds.getByTestId('round-1');
  await first.getByLabel('At').selectOption({ label: 'Intra-regional review' });
  await first.getByLabel('Comments received').fill(isoDay(-40));
  await first.getByLabel('From whom').fill('APMP TCQM reviewer');
  await first
    .getByLabel('Comments', { exact: true })
    .fill('Give the evidence for the lower end of the range.');
  await first.getByLabel('Answered on').fill(isoDay(-30));
  await first.getByLabel('Our answers').fill('CCQM-K30 results added.');
  await first.getByLabel('The reviewers sent the CMC back to be revised and resubmitted').check();
  await first.getByLabel('Resubmitted on').fill(isoDay(-25));
  await rounds.getByRole('button', { name: 'Add a review round' }).click();
  const second = rounds.getByTestId('round-2');
  await second.getByLabel('At').selectOption({ label: 'JCRB inter-regional review' });
  await second.getByLabel('Comments received').fill(isoDay(-10));
  await second.getByLabel('From whom').fill('JCRB reviewer from another RMO');
  await second.getByLabel('Comments', { exact: true }).fill('Editorial only.');
  await expect(rounds.getByTestId('rounds-summary')).toHaveText('Review rounds recorded: 2; sent back: 1.');

  for (const key of ['intra_regional', 'jcrb', 'published'])
    await page.getByTestId(`milestone-${key}`).getByLabel('Status').selectOption({ label: 'Done' });
  await page.getByLabel('KCDB identifier (once published)').fill('APMP-QM-PH-00000JZR-1');
  await page.getByLabel('Due for re-review (after publication)').fill('2031-06-30');
  await expect(page.getByTestId('plan-stage')).toContainText('Published');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await expect(page.getByTestId('plan-check')).toHaveText(
    'Everything filled in so far follows the rules of a CMC.',
  );
  await screenshot(page, '58-cmc-qm-editor');
  await expectAccessible(page);
  // As on a tablet: the uncertainty and the review rounds, one screen each.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByLabel('Absolute or relative').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}/58a-cmc-qm-uncertainty-768.png` });
  await rounds.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}/58b-cmc-qm-rounds-768.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  // Nothing is lost on a restart.
  await page.reload();
  await expect(page.getByLabel('Analyte or component')).toHaveValue('lead');
  await expect(page.getByTestId('round-1').getByLabel('From whom')).toHaveValue('APMP TCQM reviewer');
  await expect(page.getByLabel('Parameter', { exact: true })).toHaveValue('Sample preservation');

  // The rows, in the chemistry and biology template.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export as a CMC row (.xlsx)' }).click(),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await download.path())).buffer);
  const sheet = workbook.getWorksheet('Chemistry and biology');
  const headers = (sheet?.getRow(2).values as unknown[]).slice(1);
  const values = (sheet?.getRow(3).values as unknown[]).slice(1);
  const at = (header: string) => values[headers.indexOf(header)];
  expect([at('Analyte or component'), at('Matrix'), at('Measurement technique')]).toEqual([
    'lead',
    'drinking water',
    'Isotope dilution ICP-MS',
  ]);
  expect([at('Minimum value'), at('Maximum value'), at('Unit')]).toEqual([0.001, 1, 'mg/kg']);
  expect([at('Minimum'), at('Maximum'), at('Absolute or relative'), at('Level of confidence (%)')]).toEqual([
    2,
    8,
    'Relative',
    95,
  ]);
  expect(at('Parameters')).toBe('Sample preservation: acidified to pH < 2');
  expect(at('KCDB identifier (once published)')).toBe('APMP-QM-PH-00000JZR-1');

  // The dashboard: one CMC published, sent back once: not right first time.
  await nav(page, 'Dashboard').click();
  const rft = page.getByTestId('panel-right-first-time');
  await expect(rft.getByTestId('rft-figure')).toHaveText(
    'Right first time: 0 of 1 published CMCs (0 %) went through review without being sent back.',
  );
  await screenshot(page, '59-dashboard-right-first-time');
  await expectAccessible(page);
});
