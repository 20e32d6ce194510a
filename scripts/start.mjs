// `npm start`: checks the Node version, gets Electron's binary on the first start (with a
// progress line), builds the app and runs it in Electron. Where the binary cannot be had
// (no route to its download host, or ELECTRON_SKIP_BINARY_DOWNLOAD set), it says so in
// one sentence and serves the same app for a browser on http://127.0.0.1:4173 (or PORT)
// until Ctrl+C. `--no-build` uses what is already in dist/ (the tests build first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeTooOld } from './node-version.mjs';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const build = !process.argv.includes('--no-build');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const tooOld = nodeTooOld();
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}

function electronDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

/** The installed binary, or null. Never starts a download (electron's index.js would). */
function findElectronBinary() {
  try {
    const dir = electronDir();
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const relative = readFileSync(pathFile, 'utf8');
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const binary = override ? path.join(override, relative) : path.join(dir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function megabytes(bytes) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Why a download failed, in a few words a director can act on. */
function why(error) {
  const code = error?.cause?.code ?? error?.code;
  if (error?.name === 'AbortError' || error?.name === 'TimeoutError') return 'the download stalled';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its download host could not be found';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'ENETUNREACH')
    return 'its download host could not be reached';
  if (error?.name === 'HTTPError') return `its download host answered ${error.response?.status}`;
  if (/checksum/i.test(String(error?.message)))
    return 'the downloaded file was damaged: its checksum did not match';
  return 'the download failed';
}

/**
 * Downloads Electron's binary as its own install step would (same version, same
 * checksums, same cache), showing progress, then lets electron/install.js unpack it from
 * the cache. Gives the binary, or the reason it could not be had.
 */
async function downloadElectron() {
  const dir = electronDir();
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const get = await import(pathToFileURL(require.resolve('@electron/get', { paths: [dir] })).href);
  const tty = process.stdout.isTTY;
  let shown = -1;
  const stall = new AbortController();
  let timer = setTimeout(() => stall.abort(), 30_000);
  console.log(`Downloading Electron ${version}, the desktop app's runtime (first start only)…`);
  try {
    await get.downloadArtifact({
      version,
      artifactName: 'electron',
      cacheRoot: process.env.electron_config_cache,
      checksums: JSON.parse(readFileSync(path.join(dir, 'checksums.json'), 'utf8')),
      downloadOptions: {
        quiet: true,
        signal: stall.signal,
        getProgressCallback: async ({ transferred, total, percent }) => {
          clearTimeout(timer);
          timer = setTimeout(() => stall.abort(), 30_000);
          const step = Math.floor(percent * (tty ? 100 : 10));
          if (step === shown) return;
          shown = step;
          const line = total
            ? `  ${Math.floor(percent * 100)}% of ${megabytes(total)}`
            : `  ${megabytes(transferred)}`;
          if (tty) process.stdout.write(`\r${line}   `);
          else console.log(line);
        },
      },
    });
  } catch (error) {
    if (tty) process.stdout.write('\n');
    return { reason: why(error) };
  } finally {
    clearTimeout(timer);
  }
  if (tty) process.stdout.write('\n');
  const unpack = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit' });
  const binary = unpack.status === 0 ? findElectronBinary() : null;
  return binary ? { binary } : { reason: 'it could not be unpacked' };
}

async function electronBinary() {
  const installed = findElectronBinary();
  if (installed) return { binary: installed };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  return downloadElectron();
}

function run(script) {
  const result = spawnSync(npm, ['run', script], {
    cwd: projectDir,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = await electronBinary();
if ('reason' in electron) {
  console.log(
    `The desktop app cannot start here because Electron's binary could not be had (${electron.reason}), so the same app is served for your browser instead.`,
  );
  if (build) run('build:renderer');
  const { serveWeb } = await import('./serve-web.mjs');
  await serveWeb();
} else {
  if (build) run('build');
  const child = spawn(electron.binary, [projectDir], { cwd: projectDir, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
}
