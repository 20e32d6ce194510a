/**
 * The renderer is served from `app://workbench/` rather than file:// so that it has a
 * real, single origin: the CSP's 'self', the navigation guards and the IPC sender check
 * all rely on it, and file:// would give every local file the same origin as the app.
 * Only files inside the built renderer folder are ever served.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl } from './security';

const INDEX_FILE = 'index.html';

// The app's own file types are labelled here rather than trusting whatever the file
// loader guesses: under `nosniff` a wrong type makes the browser refuse a module script.
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Must run before the app is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Maps an app URL to a file under `root`, or null when the URL is not the app's or
 * would leave `root` (dot segments, encoded separators, drive letters, NUL bytes).
 */
export function resolveAppPath(root: string, url: unknown): string | null {
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url as string).pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows and a NUL byte truncates paths in some APIs.
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const relative = decoded.replace(/^\/+/, '') || INDEX_FILE;
  const base = path.resolve(root);
  const target = path.resolve(base, relative);
  const fromBase = path.relative(base, target);
  if (
    fromBase === '' ||
    fromBase === '..' ||
    fromBase.startsWith(`..${path.sep}`) ||
    path.isAbsolute(fromBase)
  ) {
    return null;
  }
  return target;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function withSecurityHeaders(body: BodyInit | null, status: number, source?: Headers): Response {
  const headers = new Headers(source);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(body, { status, headers });
}

export type FileFetcher = (fileUrl: string) => Promise<Response>;

/** Answers one request on the app scheme; exported so it can be tested without Electron. */
export async function serveAppRequest(
  root: string,
  request: Request,
  fetchFile: FileFetcher,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return withSecurityHeaders('Method not allowed', 405);
  }
  const target = resolveAppPath(root, request.url);
  if (target === null) return withSecurityHeaders('Not found', 404);
  // Unknown paths are client-side routes of the single-page app.
  const file = (await isFile(target)) ? target : path.join(path.resolve(root), INDEX_FILE);
  const response = await fetchFile(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  const mime = MIME_TYPES[path.extname(file).toLowerCase()];
  if (mime !== undefined) headers.set('Content-Type', mime);
  return withSecurityHeaders(response.body, response.status, headers);
}

/** Serves the built renderer; call after the app is ready. */
export function registerAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request, (fileUrl) => net.fetch(fileUrl)));
}
