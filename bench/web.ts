/** What the benches that drive the built app in Chromium share: the `npm run web` server. */
import { spawn } from 'node:child_process';

/** Serves dist/renderer (build it first) on 127.0.0.1:`port`; returns how to stop it. */
export async function startWebServer(port: number): Promise<() => void> {
  const child = spawn(process.execPath, ['scripts/serve-web.mjs'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('served at')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
  });
  return () => child.kill();
}
