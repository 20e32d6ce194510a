// `npm start`: builds the app and runs it in Electron. Machines that could not download
// the Electron binary get one sentence pointing to the browser build instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const UNAVAILABLE =
  'The Electron binary is not installed on this machine (its download host is unreachable), so the desktop app cannot start here; run `npm run web` to use the same app in a browser.';

// electron's index.js starts a download when its binary is missing, so the binary is
// looked for first and the package is required only once it is known to be there.
function findElectronBinary() {
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = path.join(packageDir, 'path.txt');
    if (!override && !existsSync(pathFile)) return null;
    if (!override && !existsSync(path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))) return null;
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const electronBinary = findElectronBinary();
if (electronBinary === null) {
  console.error(UNAVAILABLE);
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build'], {
  cwd: projectDir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(electronBinary, [projectDir], { cwd: projectDir, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
