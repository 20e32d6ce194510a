import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium';

// Debian's Chromium stands in for Electron's renderer: Playwright cannot download
// its own browsers on our machines. The flags keep it from calling home.
// E2E_PORT lets two checkouts on one machine run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1366, height: 768 },
    // Screens write days in the computer's own format; the tests read them as en-US writes them
    // (a spec that tries another locale says so).
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: {
    command: `node scripts/serve-web.mjs`,
    cwd: '../..',
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
