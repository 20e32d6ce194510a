/**
 * Trust decisions for the main process, kept as small pure functions so each one can be
 * walked through a table of hostile inputs. Every URL is parsed before it is judged:
 * substring checks are fooled by `app://workbench.evil.com/` or `app://workbench@evil/`.
 */

/** The renderer is served only from this origin (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The app ships all of its code and styles, so only 'self' may supply them. Styles allow
 * 'unsafe-inline' because React sets style attributes. connect-src allows http: and https:
 * because sync servers are configured by the user, including a workshop hub on the LAN
 * that speaks plain http.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for URLs on the app's own origin, with no credentials or port smuggled in. */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    // Hosts are case-insensitive; Node keeps the case of a non-special scheme's host.
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The window may only move within the app; hash routes such as `#/settings` stay on the origin. */
export function shouldAllowNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * Links the user clicks may open in the system browser only over https: plain http
 * could be tampered with on the way, and file:, javascript: or custom schemes could
 * start local programs.
 */
export function isSafeExternalUrl(url: unknown): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: true;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: true;
}

/** The only webPreferences a window of this app is created with. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    // app:// is registered as a secure scheme, so a plain-http workshop hub on the LAN
    // (http://192.168.1.20:5984) would be blocked as mixed content and sync could not
    // reach it. The CSP above is what limits the window: scripts, styles, fonts, frames
    // and objects come only from 'self' (or nowhere), so the one thing this permits is
    // what connect-src already allows — requests to the sync server the user typed.
    allowRunningInsecureContent: true,
    webviewTag: false,
    experimentalFeatures: false,
    // A file dropped on the window would otherwise replace the app with that file.
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}
