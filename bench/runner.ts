/**
 * The form runner in Debian's Chromium, against the built web app:
 *  - first render of the DEC assessment (click "Start" → first question on screen),
 *    against re-opening the questionnaires list as the baseline;
 *  - keystroke-to-paint while typing in a 400-question form, p50 and p95, against a
 *    plain page holding 400 bare inputs.
 * Run `npm run build:renderer` first (bench/run.ts does not build).
 */
import { CHROMIUM_LAUNCH } from '../tests/e2e/chromium';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { makeForm } from './forms-import';
import { startWebServer } from './web';

const PORT = Number(process.env.BENCH_PORT ?? 4390);
const BASE = `http://127.0.0.1:${PORT}/`;
const KEYS = 60;

/** Installs a recorder: each keystroke's time from keydown to the frame after its input event. */
export async function recordLatencies(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as { latencies: number[] };
    scope.latencies = [];
    let start = 0;
    document.addEventListener('keydown', (event) => (start = event.timeStamp), true);
    document.addEventListener(
      'input',
      () => {
        const t0 = start;
        requestAnimationFrame(() => setTimeout(() => scope.latencies.push(performance.now() - t0), 0));
      },
      true,
    );
  });
}

async function typeAndMeasure(page: Page, selector: string): Promise<number[]> {
  await recordLatencies(page);
  await page.locator(selector).first().click();
  await page.keyboard.type('1'.repeat(KEYS), { delay: 40 });
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function setUp(page: Page): Promise<void> {
  await page.goto(BASE);
  await page.getByLabel('Institute', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('heading', { name: 'Questionnaires' }).waitFor();
}

export async function run(): Promise<void> {
  const stop = await startWebServer(PORT);
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-runner-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = await context.newPage();
    await setUp(page);

    // Baseline: the list screen after a reload.
    let start = performance.now();
    await page.reload();
    await page.getByRole('heading', { name: 'Questionnaires' }).waitFor();
    const listMs = performance.now() - start;

    await page
      .getByLabel('Questionnaire', { exact: true })
      .selectOption({ label: 'DEC capacity and needs assessment' });
    start = performance.now();
    await page.getByRole('button', { name: 'Start or open response' }).click();
    await page.getByText('Legal status of the institute').waitFor();
    const decMs = performance.now() - start;

    // A 400-row form imported through the app, then typed into.
    await page.getByRole('link', { name: 'Back to questionnaires' }).click();
    await page.getByLabel('XLSForm workbook').setInputFiles({
      name: 'bench-form.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await makeForm()),
    });
    await page.getByText('Imported bench_form').waitFor();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'bench_form (1)' });
    await page.getByRole('button', { name: 'Start or open response' }).click();
    await page.getByText('Is 1 in place?').first().waitFor();
    const form = await typeAndMeasure(page, 'form.questionnaire input[inputmode="numeric"]');

    const plain = await context.newPage();
    await plain.setContent(
      Array.from({ length: 400 }, (_, i) => `<label>Q${i} <input name="q${i}"></label>`).join('<br>'),
    );
    const baseline = await typeAndMeasure(plain, 'input');

    console.log('form runner in Chromium (figures from one run on this machine)');
    console.log(`baseline: questionnaires list after reload     ${listMs.toFixed(0).padStart(6)} ms`);
    console.log(
      `first render of the DEC assessment             ${decMs.toFixed(0).padStart(6)} ms  ×${(decMs / listMs).toFixed(2)}`,
    );
    const row = (name: string, values: number[]) =>
      `${name.padEnd(46)} p50 ${percentile(values, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(values, 95).toFixed(1).padStart(5)} ms  (${values.length} keys)`;
    console.log(row('baseline: keystroke-to-paint, 400 bare inputs', baseline));
    console.log(row('keystroke-to-paint, 400-row form in the runner', form));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    stop();
  }
}
