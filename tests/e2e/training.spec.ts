/**
 * Training mode in Chromium: practice data in a workspace of its own, marked on every
 * screen, never synced, remembered across a restart; the real institute's IndexedDB
 * databases byte for byte as before while practising (and the practice data as before
 * after real work); removed in one click.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const DEC = 'DEC capacity and needs assessment';
const REAL = 'ph-nml-itdi';
const PRACTICE = 'training-practice';

/**
 * Every IndexedDB database of one institute: the PouchDB store, the read model, and the
 * copy of the library it reads (the real one for a real institute, its own for practice).
 */
const databasesOf = (org: string) => [
  `_pouch_workbench-${org}`,
  `workbench-read-${org}`,
  org.startsWith('training-') ? `_pouch_workbench-${org}-library` : '_pouch_workbench-library',
];

async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').sort());
}

/** The full contents of IndexedDB databases (every store, key and value), as text to compare. */
async function dump(page: Page, names: readonly string[]): Promise<string> {
  return page.evaluate(async (wanted) => {
    const present = new Set((await indexedDB.databases()).map((d) => d.name));
    const out: Record<string, unknown> = {};
    for (const name of wanted) {
      if (!present.has(name)) {
        out[name] = 'absent';
        continue;
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores: Record<string, unknown> = {};
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store, 'readonly');
        const os = tx.objectStore(store);
        const [keys, values] = await Promise.all(
          [os.getAllKeys(), os.getAll()].map(
            (r) =>
              new Promise<unknown>((resolve, reject) => {
                r.onsuccess = () => resolve(r.result);
                r.onerror = () => reject(r.error);
              }),
          ),
        );
        stores[store] = { keys, values };
      }
      db.close();
      out[name] = { version: db.version, stores };
    }
    return JSON.stringify(out, (_key, value: unknown) =>
      value instanceof Blob ? `Blob(${value.size})` : value,
    );
  }, names);
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Training mode' })).toBeVisible();
}

async function openQuestionnaires(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
}

test('training mode keeps practice and real data apart, is never synced, and is removed in one click', async ({
  openApp,
}) => {
  let page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');

  // Real work first: the DEC assessment for 2025, one answer.
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: DEC });
  await page.getByLabel('Cycle (year)').fill('2025');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page.getByLabel('Scientists and engineers').fill('4');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await openQuestionnaires(page);
  await expect(page.getByTestId('responses-table').getByRole('row')).toHaveCount(2);
  const realBefore = await dump(page, databasesOf(REAL));
  expect(realBefore).toContain('staff_scientists');

  // Enter training mode.
  await openSettings(page);
  await page.getByRole('button', { name: 'Start training mode' }).click();
  const banner = page.getByTestId('training-banner');
  await expect(banner).toContainText('Training mode — practice data, not synced');
  await expect(page.getByTestId('header-institute')).toContainText('Practice Metrology Institute');
  await expect(page.getByTestId('header-sync-state')).toHaveText('Not synced (training)');
  await openQuestionnaires(page);
  const rows = page.getByTestId('responses-table').getByRole('row');
  await expect(rows.nth(3)).toBeVisible(); // several practice responses
  await screenshot(page, '40-training-questionnaires');
  await expectAccessible(page);

  // The Sync screen offers no way to a server.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByTestId('training-sync-off')).toContainText('Sync is off in training mode');
  await expect(page.getByLabel('Server address')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Save changes to a file/ })).toHaveCount(0);
  await expect(banner).toBeVisible();

  // Edit practice data: the latest cycle's draft.
  await openQuestionnaires(page);
  const draft = rows.filter({ hasText: DEC }).filter({ hasText: 'Draft' }).first();
  await draft.getByRole('link', { name: DEC }).click();
  await expect(banner).toBeVisible();
  await page.getByLabel('Technicians').fill('77');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '41-training-editor');

  // A restart keeps training mode and the practice edit; the real data is untouched.
  await page.close();
  page = await openApp();
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await page
    .getByTestId('responses-table')
    .getByRole('row')
    .filter({ hasText: DEC })
    .filter({ hasText: 'Draft' })
    .first()
    .getByRole('link', { name: DEC })
    .click();
  await expect(page.getByLabel('Technicians')).toHaveValue('77');
  expect(await dump(page, databasesOf(REAL))).toBe(realBefore);

  // Leave: the real data exactly as before, no banner.
  await openSettings(page);
  await expect(page.getByRole('status').filter({ hasText: 'Training mode is on' })).toBeVisible();
  await page.getByRole('button', { name: 'Leave training mode' }).first().click();
  await expect(page.getByTestId('header-institute')).toContainText('NML-ITDI');
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await openQuestionnaires(page);
  await expect(page.getByTestId('responses-table').getByRole('row')).toHaveCount(2);
  expect(await dump(page, databasesOf(REAL))).toBe(realBefore);
  await page.getByTestId('responses-table').getByRole('link', { name: DEC }).click();
  await expect(page.getByLabel('Scientists and engineers')).toHaveValue('4');
  await expect(page.getByLabel('Technicians')).toHaveValue('');

  // The reverse: real work leaves the practice data exactly as it was.
  const practiceBefore = await dump(page, databasesOf(PRACTICE));
  expect(practiceBefore).toContain('staff_technicians');
  await page.getByLabel('Technicians').fill('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  expect(await dump(page, databasesOf(PRACTICE))).toBe(practiceBefore);
  const realAfterWork = await dump(page, databasesOf(REAL));
  expect(realAfterWork).not.toBe(realBefore);

  // Back in training mode: the practice edit is still there, the real edit is not.
  await openSettings(page);
  await page.getByRole('button', { name: 'Continue training mode' }).click();
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await openQuestionnaires(page);
  await page
    .getByTestId('responses-table')
    .getByRole('row')
    .filter({ hasText: DEC })
    .filter({ hasText: 'Draft' })
    .first()
    .getByRole('link', { name: DEC })
    .click();
  await expect(page.getByLabel('Technicians')).toHaveValue('77');

  // Remove training data in one click: practice databases gone, real ones as they were.
  await openSettings(page);
  await page.getByRole('button', { name: 'Remove training data' }).click();
  await expect(page.getByTestId('header-institute')).toContainText('NML-ITDI');
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start training mode' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove training data' })).toHaveCount(0);
  const names = await databaseNames(page);
  for (const name of databasesOf(PRACTICE)) expect(names).not.toContain(name);
  for (const name of databasesOf(REAL)) expect(names).toContain(name);
  expect(await dump(page, databasesOf(REAL))).toBe(realAfterWork);
  await screenshot(page, '42-training-removed');
  await expectAccessible(page);
});

test("a facilitator's file from workbench seed opens as its own practice institute; a real institute's file is refused", async ({
  openApp,
  profileDir,
}) => {
  // The facilitator's command, as they would run it.
  const file = path.join(profileDir, 'practice.wbsync');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'seed', '--out', file, '--institutes', '1', '--seed', '5'],
    { cwd: path.resolve(import.meta.dirname, '../..') },
  );
  const bundle = JSON.parse(gunzipSync(new Uint8Array(readFileSync(file))).toString()) as {
    org: string;
    institute: { name: string };
    docs: { type: string; event?: string }[];
  };
  const institute = { slug: bundle.org, name: bundle.institute.name };
  // An event's participants' responses are listed on the event, not among the institute's questionnaires.
  const responses = bundle.docs.filter((d) => d.type === 'response' && d.event === undefined);
  // The same file claiming a real institute.
  const realFile = path.join(profileDir, 'real.wbsync');
  writeFileSync(realFile, new Uint8Array(gzipSync(JSON.stringify({ ...bundle, org: REAL }))));

  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await openSettings(page);
  const input = page.getByLabel("Practise with a facilitator's file…");
  await input.setInputFiles(realFile);
  await expect(page.getByTestId('training-problem')).toContainText('not training data');
  await expect(page.getByTestId('training-banner')).toHaveCount(0);

  await input.setInputFiles(file);
  await expect(page.getByTestId('training-banner')).toContainText(institute.name);
  await expect(page.getByTestId('header-institute')).toContainText(institute.name);
  await openQuestionnaires(page);
  await expect(page.getByTestId('responses-table').getByRole('row')).toHaveCount(responses.length + 1);

  // Leaving and removing takes the practice institute's databases with it.
  await openSettings(page);
  await page.getByRole('button', { name: 'Remove training data' }).click();
  await expect(page.getByTestId('header-institute')).toContainText('NML-ITDI');
  const names = await databaseNames(page);
  for (const name of databasesOf(institute.slug)) expect(names).not.toContain(name);
});
