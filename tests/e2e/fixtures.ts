/**
 * Each test gets its own browser profile folder (a fresh IndexedDB), kept for the
 * whole test so that closing and reopening the page is a real restart of the app.
 * `openComputer` starts another computer (its own profile) that the test closes and
 * removes at its end, failed or not.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Page,
  type PlaywrightTestOptions,
  type PlaywrightWorkerOptions,
} from '@playwright/test';

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

interface Fixtures {
  profileDir: string;
  openApp: () => Promise<Page>;
  appContext: BrowserContext;
  /** The app on another computer: its own profile folder; `page.context()` takes it offline. */
  openComputer: () => Promise<Page>;
}

type LaunchSettings = Pick<
  PlaywrightTestOptions & PlaywrightWorkerOptions,
  'launchOptions' | 'baseURL' | 'viewport' | 'locale' | 'timezoneId'
>;

function launchProfile(
  dir: string,
  { launchOptions, baseURL, viewport, locale, timezoneId }: LaunchSettings,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    ...launchOptions,
    baseURL: baseURL ?? undefined,
    viewport,
    ...(locale ? { locale } : {}),
    ...(timezoneId ? { timezoneId } : {}),
  });
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  profileDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'workbench-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  appContext: async ({ profileDir, launchOptions, baseURL, viewport, locale, timezoneId }, use) => {
    const context = await launchProfile(profileDir, { launchOptions, baseURL, viewport, locale, timezoneId });
    await use(context);
    await context.close();
  },
  openApp: async ({ appContext }, use) => {
    await use(async () => {
      const page = await appContext.newPage();
      await page.goto('./');
      return page;
    });
  },
  openComputer: async ({ launchOptions, baseURL, viewport, locale, timezoneId }, use) => {
    const opened: { context: BrowserContext; dir: string }[] = [];
    await use(async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'workbench-e2e-computer-'));
      const context = await launchProfile(dir, { launchOptions, baseURL, viewport, locale, timezoneId });
      opened.push({ context, dir });
      const page = await context.newPage();
      await page.goto('./');
      return page;
    });
    for (const { context, dir } of opened) {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Saves a full-page screenshot into tests/e2e/artifacts for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fails on any serious or critical accessibility violation of the current screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** First start: choose an institute from the reference list and give a name, and skip the tour. */
export async function chooseInstitute(page: Page, institute: string, userName: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Welcome to NMI Workbench' })).toBeVisible();
  await page.getByLabel('Institute', { exact: true }).selectOption({ label: institute });
  await page.getByLabel('Your name').fill(userName);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await expect(page.getByRole('heading', { name: 'Questionnaires', level: 1 })).toBeVisible();
}
