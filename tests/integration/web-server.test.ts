/**
 * `npm run web` as a user runs it: the built renderer served on 127.0.0.1, the
 * address printed, the page and its assets delivered with the app's CSP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.WEB_TEST_PORT ?? 4411);
let server: ChildProcess;
let printed = '';

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` before the integration tests');
  }
  server = spawn(process.execPath, ['scripts/serve-web.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT) },
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('served at')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
  });
});

afterAll(() => {
  server.kill();
});

describe('npm run web', () => {
  it('prints the loopback address to open', () => {
    expect(printed).toContain(`http://127.0.0.1:${PORT}/`);
  });

  it('serves the app with a strict Content-Security-Policy', async () => {
    const response = await fetch(`http://127.0.0.1:${PORT}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const scripts = [...html.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect((await fetch(`http://127.0.0.1:${PORT}/${script}`)).status).toBe(200);
    }
  });
});
