/**
 * `npm run bench -- dashboard`: the secretariat's dashboard in Debian's Chromium, on a
 * hub filled by `workbench seed` with 40 institutes × 3 cycles and synced by a secretariat
 * account: the time from choosing "All institutes" to every chart drawn, against the
 * questionnaires list (every institute's responses) after a reload as the baseline.
 * Run `npm run build:renderer` first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { couchClient } from '../server/couch-client';
import { startHub } from '../server/hub/start-hub';
import { seedServer } from '../server/seed';
import { setupServer } from '../server/setup';
import { planDataset, SEED_SECRETARIAT_USER } from '../shared/seed';
import { CHROMIUM_LAUNCH } from '../tests/e2e/chromium';
import { startWebServer } from './web';

const WEB_PORT = Number(process.env.BENCH_PORT ?? 4391);
const HUB_PORT = WEB_PORT + 1;
const ADMIN = 'bench-admin-pw';
const PASSWORD = 'bench-password';
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function signInAndSync(page: Page): Promise<number> {
  await page.getByLabel('Institute', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('heading', { name: 'Questionnaires' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Server address').fill(`http://127.0.0.1:${HUB_PORT}`);
  await page.getByLabel('User name').fill(SEED_SECRETARIAT_USER);
  await page.getByLabel('Password').fill(PASSWORD);
  const start = performance.now();
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await page.getByTestId('rounds-last').filter({ hasNotText: 'Not yet' }).waitFor({ timeout: 600_000 });
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const plan = planDataset({ seed: 1, institutes: 40, cycles: 3, asOf: '2026-11-30' });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dashboard-hub-'));
  const hub = await startHub({
    host: '127.0.0.1',
    port: HUB_PORT,
    dataDir: dir,
    adminPassword: ADMIN,
    log: () => undefined,
  });
  const client = couchClient(`http://admin:${ADMIN}@127.0.0.1:${HUB_PORT}`);
  const seeded = await seedServer(client, plan, { passwordFor: () => PASSWORD });
  const stop = await startWebServer(WEB_PORT);
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-dashboard-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${WEB_PORT}/`);
    // The computer works for the first reference institute; its database must exist too.
    const own = await page
      .getByLabel('Institute', { exact: true })
      .locator('option')
      .nth(1)
      .getAttribute('value');
    if (own) await setupServer(client, [own]);
    const syncMs = await signInAndSync(page);

    const list: number[] = [];
    const dashboard: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`http://127.0.0.1:${WEB_PORT}/#/questionnaires`);
      let start = performance.now();
      await page.reload();
      await page.getByTestId('responses-table').getByRole('row').nth(100).waitFor();
      list.push(performance.now() - start);

      await page.goto(`http://127.0.0.1:${WEB_PORT}/#/dashboard?cycle=2026`);
      await page.getByRole('button', { name: 'All institutes' }).waitFor();
      start = performance.now();
      await page.getByRole('button', { name: 'All institutes' }).click();
      const charts = page.locator('.panel .chart');
      await page.getByTestId('panel-heatmap').getByRole('rowheader').nth(39).waitFor();
      const count = await charts.count();
      for (let c = 0; c < count; c++) await charts.nth(c).locator('svg').waitFor();
      dashboard.push(performance.now() - start);
    }
    const base = median(list);
    const ours = median(dashboard);
    console.log(
      `Seeded hub: ${seeded.written} documents of ${plan.institutes.length} institutes × ${plan.cycles.length} cycles; first secretariat sync ${(syncMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `baseline: questionnaires list (every institute) after reload  ${base.toFixed(0).padStart(6)} ms (median of ${RUNS})`,
    );
    console.log(
      `secretariat dashboard: "All institutes" to every chart drawn    ${ours.toFixed(0).padStart(6)} ms  ×${(ours / base).toFixed(2)}`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    stop();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
