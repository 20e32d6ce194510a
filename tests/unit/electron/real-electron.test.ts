/**
 * Starts the built app in the real Electron binary and looks at the page from the
 * renderer's side. Machines without the binary (ELECTRON_SKIP_BINARY_DOWNLOAD, or an
 * unreachable download host) skip it and say so, rather than pass silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('../../..', import.meta.url));
const mainBundle = path.join(projectDir, 'dist', 'electron', 'main.cjs');

// Requiring 'electron' without its binary starts a download, so the binary is looked
// for before the package is required.
function findElectronBinary(): { binary: string } | { reason: string } {
  const require = createRequire(import.meta.url);
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      if (
        !existsSync(pathFile) ||
        !existsSync(path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
      ) {
        return {
          reason: 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD or no download host)',
        };
      }
    }
    const binary: unknown = require('electron');
    if (typeof binary !== 'string' || !existsSync(binary)) {
      return { reason: `Electron binary not found at ${String(binary)}` };
    }
    return { binary };
  } catch (error) {
    return {
      reason: `Electron binary not available: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const electron = findElectronBinary();
const skipReason =
  'reason' in electron
    ? electron.reason
    : existsSync(mainBundle)
      ? null
      : 'dist/electron/main.cjs is missing; run `npm run build` first';
if (skipReason !== null) console.log(`skipped: ${skipReason}; the real-Electron check did not run.`);

describe.skipIf(skipReason !== null)('the app in real Electron', () => {
  it('exposes window.workbench to the page and no Node globals', async () => {
    if (!('binary' in electron)) throw new Error('unreachable: the suite is skipped without a binary');
    const { _electron } = await import('playwright');
    const app = await _electron.launch({
      executablePath: electron.binary,
      args: [mainBundle],
      cwd: projectDir,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const seen = await page.evaluate(() => {
        const scope = globalThis as Record<string, unknown>;
        const api = scope['workbench'];
        return {
          url: location.href,
          api: typeof api === 'object' && api !== null ? Object.keys(api).sort() : null,
          process: typeof scope['process'],
          require: typeof scope['require'],
        };
      });
      expect(seen.url).toMatch(/^app:\/\/workbench\//);
      expect(seen.api).toEqual(['appInfo', 'hubStart', 'hubStatus', 'hubStop', 'saveFile']);
      expect(seen.process).toBe('undefined');
      expect(seen.require).toBe('undefined');
    } finally {
      await app.close();
    }
  }, 60_000);
});
