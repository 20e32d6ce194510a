/**
 * `npm start` as a newcomer meets it on a machine where Electron's binary cannot be had:
 * one sentence saying so, the same app served on 127.0.0.1 with its address printed,
 * and Ctrl+C (SIGINT) stops it with exit code 0. The download is tried for real against
 * a mirror that refuses the connection (a port nothing listens on), with an empty
 * download cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { nodeTooOld } from '../../scripts/node-version.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.START_TEST_PORT ?? 4412);
const tooOld = (nodeTooOld as () => string | undefined)();
let cache: string;

beforeAll(async () => {
  cache = await mkdtemp(path.join(tmpdir(), 'electron-cache-'));
});
afterAll(async () => {
  await rm(cache, { recursive: true, force: true });
});
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs `npm start`'s script (without building: the integration tests build first). */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    cwd: root,
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !key.startsWith('ELECTRON_') && key !== 'electron_config_cache',
        ),
      ),
      PORT: String(PORT),
      electron_config_cache: cache,
      ...env,
    },
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const look = () => (output.includes(text) ? resolve() : undefined);
      child.stdout.on('data', look);
      void exit.then(() => reject(new Error(`npm start exited before printing "${text}":\n${output}`)));
      look();
    });
  return { child, exit, printed, output: () => output };
}

describe('npm start where Electron cannot be had', () => {
  it.skipIf(tooOld !== undefined)(
    'says why in one sentence, serves the app on 127.0.0.1 and stops on Ctrl+C with exit 0',
    async () => {
      const run = start({ ELECTRON_MIRROR: `http://127.0.0.1:${PORT + 1}/`, ELECTRON_GET_NO_PROGRESS: '1' });
      await run.printed('Press Ctrl+C to stop.');
      expect(run.output()).toContain(
        "The desktop app cannot start here because Electron's binary could not be had (its download host could not be reached), so the same app is served for your browser instead.",
      );
      expect(run.output()).toContain(`NMI Workbench is served at http://127.0.0.1:${PORT}/`);
      const page = await fetch(`http://127.0.0.1:${PORT}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(0);
      await expect(fetch(`http://127.0.0.1:${PORT}/`)).rejects.toThrow();
    },
    120_000,
  );

  it.skipIf(tooOld !== undefined)(
    'shows the download’s progress, and refuses a download whose checksum is wrong',
    async () => {
      // A mirror that serves 3 MB that are not Electron: progress, then the checksum fails.
      const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
      const mirror = createServer((_req, res) => {
        res.writeHead(200, { 'content-length': String(bytes.length) });
        res.end(bytes);
      });
      await new Promise<void>((resolve) => mirror.listen(PORT + 1, '127.0.0.1', resolve));
      try {
        const run = start({ ELECTRON_MIRROR: `http://127.0.0.1:${PORT + 1}/` });
        await run.printed('Press Ctrl+C to stop.');
        expect(run.output()).toContain('  100% of 3 MB');
        expect(run.output()).toContain(
          'could not be had (the downloaded file was damaged: its checksum did not match)',
        );
        run.child.kill('SIGINT');
        expect(await run.exit).toBe(0);
      } finally {
        mirror.close();
      }
    },
    120_000,
  );

  it.skipIf(tooOld !== undefined)(
    'does not try to download when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and says so',
    async () => {
      const run = start({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
      await run.printed('Press Ctrl+C to stop.');
      expect(run.output()).not.toContain('Downloading Electron');
      expect(run.output()).toContain('could not be had (ELECTRON_SKIP_BINARY_DOWNLOAD is set)');
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(0);
    },
    120_000,
  );

  it.runIf(tooOld !== undefined)(
    'on a Node older than package.json needs, says which and how to get one',
    async () => {
      const run = start({});
      expect(await run.exit).toBe(1);
      expect(run.output().trim()).toBe(tooOld);
    },
  );
});
