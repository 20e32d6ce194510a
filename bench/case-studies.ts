/**
 * Case studies in Debian's Chromium, against the built web app (run `npm run
 * build:renderer` first):
 *  - a phone photo (4000 × 3000 JPEG) added to a story: time from choosing the file to the
 *    photo being stored, and the bytes stored (what sync moves) against the file's; the
 *    baseline is one plain decode and full-size re-encode of the same file in a bare page;
 *  - keystroke-to-paint while typing in a 1,500-word section with the live Markdown
 *    preview (marked + DOMPurify on a deferred value), against a bare textarea holding
 *    the same text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/e2e/chromium';
import { percentile, recordLatencies } from './runner';
import { startWebServer } from './web';

const PORT = Number(process.env.BENCH_PORT ?? 4390);
const BASE = `http://127.0.0.1:${PORT}/`;
const KEYS = 60;

/** A textured 4000 × 3000 JPEG at quality 0.92, like a phone's, drawn in the page. */
async function phonePhoto(page: Page): Promise<Buffer> {
  // Passed as text: tsx would otherwise wrap named functions in a helper the page lacks.
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#9cc3e0');
    sky.addColorStop(1, '#4a6b3d');
    g.fillStyle = sky;
    g.fillRect(0, 0, 4000, 3000);
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 60000; i++) {
      g.fillStyle = 'hsl(' + Math.floor(rnd() * 360) + ', 40%, ' + (20 + Math.floor(rnd() * 60)) + '%)';
      g.fillRect(rnd() * 4000, rnd() * 3000, 2 + rnd() * 30, 2 + rnd() * 30);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  })()`);
  return Buffer.from(base64, 'base64');
}

const MARKDOWN_PARAGRAPH =
  'The laboratory **calibrated** 42 weighbridges in *Central Luzon*, with [APMP](https://www.apmpweb.org/) mentoring; ' +
  'each certificate now takes three days instead of three weeks, and farmers trust the weight of their harvest.';

export async function run(): Promise<void> {
  const stop = await startWebServer(PORT);
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-cases-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    viewport: { width: 1366, height: 768 },
  });
  try {
    const page = await context.newPage();
    await page.goto(BASE);
    await page.getByLabel('Institute', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Your name').fill('Bench');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await page.getByRole('heading', { name: 'Questionnaires' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Case studies' }).click();
    await page.getByRole('button', { name: 'Write a new story' }).click();
    await page.getByRole('heading', { name: 'Untitled story' }).waitFor();

    // A phone photo, through the app, and a bare decode + re-encode as the baseline.
    const photo = await phonePhoto(page);
    const times: number[] = [];
    let stored = 0;
    for (let i = 1; i <= 3; i++) {
      const start = performance.now();
      await page
        .getByLabel('Add photos from this computer')
        .setInputFiles({ name: `phone-${i}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await page
        .getByTestId('photo-item')
        .nth(i - 1)
        .waitFor();
      times.push(performance.now() - start);
      const size =
        (await page
          .getByTestId('photo-size')
          .nth(i - 1)
          .textContent()) ?? '';
      stored = Number(/(\d+) KB$/.exec(size)?.[1] ?? NaN) * 1024;
    }
    const bare = await context.newPage();
    await bare.goto(`${BASE}index.html#/nothing`);
    const plainMs: number[] = await bare.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
        await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        out.push(performance.now() - t0);
      }
      return out;
    }, photo.toString('base64'));

    // A page in the background gets no frames: the story's page must be in front again.
    await bare.close();
    await page.bringToFront();

    // Typing with the live preview of a long section.
    const long = Array.from({ length: 40 }, () => MARKDOWN_PARAGRAPH).join('\n\n');
    const context1 = page.getByLabel('Context', { exact: true });
    await context1.fill(long);
    await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor();
    await recordLatencies(page);
    await context1.press('End');
    await page.keyboard.type('x'.repeat(KEYS), { delay: 40 });
    await page.waitForTimeout(500);
    const withPreview = await page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);

    const plain = await context.newPage();
    await plain.setContent(`<textarea rows="8" cols="60">${long}</textarea>`);
    await recordLatencies(plain);
    await plain.locator('textarea').click();
    await plain.keyboard.press('End');
    await plain.keyboard.type('x'.repeat(KEYS), { delay: 40 });
    await plain.waitForTimeout(500);
    const bareTyping = await plain.evaluate(() => (window as unknown as { latencies: number[] }).latencies);

    const words = long.split(/\s+/).length;
    const median = (values: number[]) => percentile(values, 50);
    console.log('case studies in Chromium (figures from one run on this machine)');
    console.log(
      `baseline: decode + full-size JPEG re-encode of a 4000 × 3000 photo   ${median(plainMs).toFixed(0).padStart(6)} ms (median of 3)`,
    );
    console.log(
      `adding it to a story (resize to 1600 px, JPEG ≤ 300 KB, stored)      ${median(times).toFixed(0).padStart(6)} ms  ×${(median(times) / median(plainMs)).toFixed(2)}`,
    );
    console.log(
      `bytes: file ${(photo.length / 1024).toFixed(0)} KB → stored ${(stored / 1024).toFixed(0)} KB (${((stored / photo.length) * 100).toFixed(1)} %); at 256 kbit/s ${Math.ceil((photo.length * 8) / 256_000)} s → ${Math.ceil((stored * 8) / 256_000)} s`,
    );
    const row = (name: string, values: number[]) =>
      `${name.padEnd(62)} p50 ${percentile(values, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(values, 95).toFixed(1).padStart(5)} ms  (${values.length} keys)`;
    console.log(row(`baseline: keystroke-to-paint, bare textarea, ${words} words`, bareTyping));
    console.log(row(`keystroke-to-paint, story section with live preview`, withPreview));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    stop();
  }
}
