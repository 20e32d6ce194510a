import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent, FakeWebContents } from './fake-electron';

const fakes = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fakes.electron);

const { createMainWindow, hardenWebContents } = await import('../../../electron/window');

const BLOCKED = [
  'https://evil.example/',
  'file:///etc/passwd',
  'http://workbench/',
  'app://evil/',
  'app://workbench.evil.com/',
  'javascript:alert(1)',
];
const ALLOWED = ['app://workbench/#/settings', 'app://workbench/index.html'];

function createWindow(): FakeBrowserWindow {
  createMainWindow('/app/dist/electron/preload.cjs');
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('No window was created');
  return window;
}

beforeEach(() => fakes.reset());

describe('createMainWindow', () => {
  it('opens a 1280×800 window that cannot shrink below 1024×640 and shows once painted', () => {
    const window = createWindow();
    expect(window.options).toMatchObject({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
    });
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', true], // a plain-http LAN hub; the CSP keeps scripts to 'self'
    ['webviewTag', false],
    ['spellcheck', true],
    ['preload', '/app/dist/electron/preload.cjs'],
  ])('creates the window with webPreferences.%s = %j', (key, value) => {
    expect(createWindow().options.webPreferences).toHaveProperty(key, value);
  });

  it('loads the app from its own origin', () => {
    expect(createWindow().loadURL).toHaveBeenCalledWith('app://workbench/index.html');
  });

  it.each(BLOCKED)('blocks navigation and redirects to %s', (url) => {
    const { webContents } = createWindow();
    expect(webContents.navigate(url, 'will-navigate')).toBe(true);
    expect(webContents.navigate(url, 'will-redirect')).toBe(true);
  });

  it.each(ALLOWED)('lets the app move to %s', (url) => {
    expect(createWindow().webContents.navigate(url)).toBe(false);
  });

  it('denies every new window and sends only https links to the system browser', () => {
    const { webContents } = createWindow();
    expect(webContents.open('https://www.bipm.org/')).toEqual({ action: 'deny' });
    expect(fakes.electron.shell.openExternal).toHaveBeenCalledWith('https://www.bipm.org/');

    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://workbench/',
    ]) {
      expect(webContents.open(url)).toEqual({ action: 'deny' });
    }
    expect(fakes.electron.shell.openExternal).toHaveBeenCalledOnce();
  });

  it('refuses to attach a <webview>', () => {
    const { webContents } = createWindow();
    const event = fakeEvent();
    webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('hardenWebContents', () => {
  it('adds its handlers once, however often it is called', () => {
    const contents = new FakeWebContents();
    // The fake carries only the members window.ts uses.
    const asWebContents = contents as unknown as Parameters<typeof hardenWebContents>[0];
    hardenWebContents(asWebContents);
    hardenWebContents(asWebContents);
    expect(contents.count('will-navigate')).toBe(1);
    expect(contents.navigate('https://evil.example/')).toBe(true);
  });
});
