/**
 * Entry of the main process. It only wires the pieces together — window.ts, protocol.ts,
 * ipc.ts and security.ts hold the rules. Importing this module starts the app, so tests
 * replace the `electron` module and import it afresh for each scenario.
 */
import path from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, safeStorage, session, utilityProcess } from 'electron';
import { lanAddresses } from '../server/hub/lan';
import { CredentialStore } from './credentials';
import { HubHost, type HubChild } from './hub-host';
import { registerIpcHandlers } from './ipc';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { createMainWindow, hardenWebContents, setKioskLock } from './window';

let mainWindow: BrowserWindow | null = null;

// The bundle lives in dist/electron next to preload.cjs, with the renderer in dist/renderer.
const preloadPath = (): string => path.join(__dirname, 'preload.cjs');
const rendererRoot = (): string => path.join(__dirname, '..', 'renderer');

function openWindow(): void {
  const window = createMainWindow(preloadPath());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

function onReady(): void {
  // The app needs no camera, microphone, location or notifications; nothing may ask.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  registerAppProtocol(rendererRoot());
  const hub = new HubHost({
    fork: () =>
      utilityProcess.fork(path.join(__dirname, 'hub-process.cjs'), [], {
        serviceName: 'NMI Workbench hub',
      }) as HubChild,
    dataDir: path.join(app.getPath('userData'), 'workshop-hub'),
    addresses: lanAddresses,
  });
  app.on('before-quit', () => void hub.stop());
  registerIpcHandlers(ipcMain, {
    app,
    hub,
    credentials: new CredentialStore(safeStorage, path.join(app.getPath('userData'), 'sync-sign-in.bin')),
    platform: process.platform,
    kioskWindow: (on) => {
      if (mainWindow) setKioskLock(mainWindow, on);
    },
    showSaveDialog: (options) =>
      mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    printToPdf: async ({ landscape }) => {
      if (!mainWindow) throw new Error('There is no window to print.');
      const pdf = await mainWindow.webContents.printToPDF({
        pageSize: 'A4',
        landscape,
        printBackground: true,
        preferCSSPageSize: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  });
  openWindow();
}

export function start(): void {
  // A second copy would open the same local databases; it hands over to the first instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();

  app.on('second-instance', () => {
    if (mainWindow === null) {
      if (app.isReady()) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock until quit explicitly.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openWindow();
  });

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('NMI Workbench could not start:', error);
      app.quit();
    });
}

start();
