/**
 * The one application window and the rules every web contents lives under: it stays on
 * the app origin, it never opens another window, and it never hosts a <webview>. Links
 * to https sites go to the system browser instead.
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL, isSafeExternalUrl, secureWebPreferences, shouldAllowNavigation } from './security';

// web-contents-created and createMainWindow both harden the window's contents; the
// handlers are added once.
const hardened = new WeakSet<WebContents>();

export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  const blockForeignNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);

  contents.on('will-attach-webview', (event) => event.preventDefault());

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
