import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security';

const fakes = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fakes.electron);

const { registerAppProtocol, registerAppScheme, resolveAppPath, serveAppRequest } =
  await import('../../../electron/protocol');

let root = '';

// Serves file URLs from disk, as Electron's net.fetch does.
async function fetchFile(fileUrl: string): Promise<Response> {
  return new Response(await readFile(fileURLToPath(fileUrl), 'utf8'));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-renderer-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>index</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app")');
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(() => fakes.reset());

const isInsideRoot = (target: string): boolean => target.startsWith(path.resolve(root) + path.sep);

describe('resolveAppPath', () => {
  it.each([
    ['app://workbench/', 'index.html'],
    ['app://workbench/index.html', 'index.html'],
    ['app://workbench/assets/app.js?v=1#x', 'assets/app.js'],
    ['app://workbench/assets/a%20b.css', 'assets/a b.css'],
    // The URL parser removes dot segments, so these stay inside the root.
    ['app://workbench/../../etc/passwd', 'etc/passwd'],
    ['app://workbench/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://workbench/assets/../../../etc/passwd', 'etc/passwd'],
  ])('maps %s into the renderer folder', (url, relative) => {
    expect(resolveAppPath(root, url)).toBe(path.join(path.resolve(root), relative));
  });

  it.each([
    'app://workbench/..%2f..%2fetc%2fpasswd',
    'app://workbench/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://workbench/..%5c..%5cwindows%5cwin.ini',
    'app://workbench/..\\..\\etc\\passwd',
    'app://workbench/index.html%00.png',
    'app://workbench/%E0%A4%A',
    'app://workbench/..%2f',
    'app://workbench.evil.com/index.html',
    'app://evil/index.html',
    'app://workbench@evil.com/index.html',
    'file:///etc/passwd',
    'https://workbench/index.html',
    'javascript:alert(1)',
    42,
    null,
    undefined,
  ])('refuses %j', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://workbench/%2e%2e%2f%2e%2e%2f%2e%2e%2froot',
    'app://workbench/./../.././../root',
    'app://workbench//etc/passwd',
    'app://workbench/C:/Windows/win.ini',
    'app://workbench/%2fetc%2fpasswd',
  ])('never leaves the renderer folder for %s', (url) => {
    const target = resolveAppPath(root, url);
    expect(target === null || isInsideRoot(target)).toBe(true);
  });
});

describe('serveAppRequest', () => {
  const serve = (url: string, init?: RequestInit) => serveAppRequest(root, new Request(url, init), fetchFile);

  it('serves files with the CSP and nosniff headers', async () => {
    const response = await serve('app://workbench/assets/app.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app")');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
  });

  it('puts the key CSP directives on the page itself', async () => {
    const csp = (await serve('app://workbench/index.html')).headers.get('Content-Security-Policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
  });

  it.each(['app://workbench/#/settings', 'app://workbench/cmc-plans/42', 'app://workbench/../../etc/passwd'])(
    'falls back to index.html for the route %s',
    async (url) => {
      const response = await serve(url);
      expect(await response.text()).toContain('<title>index</title>');
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('answers traversal attempts with 404 without touching the disk', async () => {
    const spy = vi.fn(fetchFile);
    const response = await serveAppRequest(root, new Request('app://workbench/..%2f..%2fetc%2fpasswd'), spy);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve('app://workbench/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('Electron registration', () => {
  it('registers app:// as a standard, secure scheme that fetch() may use', () => {
    registerAppScheme();
    expect(fakes.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
  });

  it('serves the scheme through net.fetch with the CSP header', async () => {
    fakes.electron.net.fetch.mockImplementation(fetchFile);
    registerAppProtocol(root);
    const [scheme, handler] = fakes.electron.protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    const response = await handler?.(new Request('app://workbench/index.html'));
    expect(fakes.electron.net.fetch).toHaveBeenCalledWith(expect.stringMatching(/^file:\/\/.*index\.html$/));
    expect(response?.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
