/**
 * The one application window and the rules every web contents lives under: it stays on
 * the app origin, it never opens another window, and it never hosts a <webview>. Links
 * to https sites go to the system browser instead. In kiosk mode (a workshop's feedback
 * collected on the facilitator's computer) the window also refuses the developer tools and
 * hides its menu, so that a participant cannot reach the local database through them.
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL, isSafeExternalUrl, secureWebPreferences, shouldAllowNavigation } from './security';

// web-contents-created and createMainWindow both harden the window's contents; the
// handlers are added once.
const hardened = new WeakSet<WebContents>();
// Web contents whose window is in kiosk mode.
const kioskLocked = new WeakSet<WebContents>();

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** The keys that open the developer tools (Electron's default menu and Chromium's own). */
export function opensDevTools(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12') return true;
  const inspector = ['i', 'j', 'c'].includes(key);
  return inspector && (((input.control || input.meta) && input.shift) || (input.meta && input.alt));
}

export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  const blockForeignNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);

  contents.on('will-attach-webview', (event) => event.preventDefault());

  // Kiosk mode: the keys never reach the menu or the page, and developer tools opened by
  // any other way close at once.
  contents.on('before-input-event', (event, input) => {
    if (kioskLocked.has(contents) && opensDevTools(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => {
    if (kioskLocked.has(contents)) contents.closeDevTools();
  });

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => {
        console.error(`Could not open ${url} in the system browser:`, error);
      });
    }
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'NMI Workbench',
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  hardenWebContents(window.webContents);
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Could not load ${APP_ENTRY_URL}:`, error);
  });
  return window;
}

/** Kiosk mode on or off for the app window: no developer tools, no menu bar while on. */
export function setKioskLock(
  window: Pick<BrowserWindow, 'webContents' | 'setMenuBarVisibility'>,
  on: boolean,
): void {
  const contents = window.webContents;
  if (on) {
    kioskLocked.add(contents);
    if (contents.isDevToolsOpened()) contents.closeDevTools();
  } else kioskLocked.delete(contents);
  window.setMenuBarVisibility(!on);
}
