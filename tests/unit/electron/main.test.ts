import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../shared/platform-api';
import { FakeBrowserWindow, FakeWebContents } from './fake-electron';

const fakes = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fakes.electron);

const { app, defaultSession, electron } = fakes;
const realPlatform = process.platform;

/** Imports main.ts afresh, which starts the app against the fake Electron. */
async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main');
}

async function startReady(): Promise<FakeBrowserWindow> {
  await startMain();
  await app.becomeReady();
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('No window was created');
  return window;
}

function setPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

beforeEach(() => fakes.reset());
afterEach(() => setPlatform(realPlatform));

describe('single instance', () => {
  it('asks for the single-instance lock and quits without a window when another copy runs', async () => {
    app.lockGranted = false;
    await startMain();
    await app.becomeReady();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('keeps running when it holds the lock', async () => {
    await startReady();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('restores and focuses the window when a second copy is started', async () => {
    const window = await startReady();
    window.minimized = true;
    app.emit('second-instance', {}, ['nmi-workbench'], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });
});

describe('before ready', () => {
  it('registers the privileged app scheme and forces the sandbox before the app is ready', async () => {
    await startMain();
    expect(app.ready).toBe(false);
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('when ready', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])(
    'answers a %s permission request with no',
    async (permission) => {
      await startReady();
      const callback = vi.fn();
      defaultSession.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(defaultSession.permissionCheckHandler?.({}, permission)).toBe(false);
    },
  );

  it('serves the app scheme and opens one secure window on it', async () => {
    const window = await startReady();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.loadURL).toHaveBeenCalledWith('app://workbench/index.html');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
  });

  it('registers an IPC handler for every channel', async () => {
    await startReady();
    const channels = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels.sort()).toEqual(Object.values(IPC).sort());
  });

  it('prints the window to an A4 PDF and writes it where the person chose', async () => {
    const window = await startReady();
    const dir = await mkdtemp(path.join(tmpdir(), 'print-'));
    try {
      const target = path.join(dir, 'story.pdf');
      electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target } as never);
      const [, handler] =
        electron.ipcMain.handle.mock.calls.find(([channel]) => channel === IPC.printToPdf) ?? [];
      const result = await handler?.(
        { senderFrame: { url: 'app://workbench/index.html#/case-studies' } },
        {
          suggestedName: 'rice-mills.pdf',
        },
      );
      expect(result).toEqual({ saved: true, path: target });
      expect(window.webContents.printToPDF).toHaveBeenCalledWith(
        expect.objectContaining({ pageSize: 'A4', landscape: false, printBackground: true }),
      );
      expect((await readFile(target, 'utf8')).startsWith('%PDF-')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('every web contents', () => {
  it('is hardened as soon as it is created', async () => {
    await startMain();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('app://workbench/#/settings')).toBe(false);
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
  });
});

describe('closing the last window', () => {
  it.each<[NodeJS.Platform, boolean]>([
    ['linux', true],
    ['win32', true],
    ['darwin', false],
  ])('on %s quits: %s', async (platform, quits) => {
    await startReady();
    setPlatform(platform);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(quits ? 1 : 0);
  });
});
