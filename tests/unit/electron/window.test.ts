import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent, FakeWebContents } from './fake-electron';

const fakes = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fakes.electron);

const { createMainWindow, hardenWebContents, opensDevTools, setKioskLock } =
  await import('../../../electron/window');

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

describe('kiosk mode', () => {
  const key = (
    k: string,
    mods: Partial<{ control: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
  ) => ({
    type: 'keyDown',
    key: k,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  });
  type Lockable = Parameters<typeof setKioskLock>[0];

  it.each([
    ['F12', {}],
    ['I', { control: true, shift: true }],
    ['J', { control: true, shift: true }],
    ['c', { control: true, shift: true }],
    ['i', { meta: true, alt: true }],
  ])('knows %s (%j) opens the developer tools', (k, mods) => {
    expect(opensDevTools(key(k, mods))).toBe(true);
  });

  it.each([
    ['i', {}],
    ['I', { control: true }],
    ['c', { control: true }],
    ['v', { control: true }],
    ['Tab', {}],
  ])('lets %s (%j) through for typing', (k, mods) => {
    expect(opensDevTools(key(k, mods))).toBe(false);
  });

  it('refuses the developer tools and hides the menu while on, and gives them back after', () => {
    const window = createWindow();
    const { webContents } = window;
    const press = () => {
      const event = fakeEvent();
      webContents.emit('before-input-event', event, key('I', { control: true, shift: true }));
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(press()).toBe(false);
    webContents.devToolsOpen = true;
    setKioskLock(window as unknown as Lockable, true);
    expect(webContents.closeDevTools).toHaveBeenCalledOnce();
    expect(window.setMenuBarVisibility).toHaveBeenLastCalledWith(false);
    expect(press()).toBe(true);
    // Opened some other way (the macOS menu): closed at once.
    webContents.emit('devtools-opened');
    expect(webContents.closeDevTools).toHaveBeenCalledTimes(2);
    setKioskLock(window as unknown as Lockable, false);
    expect(press()).toBe(false);
    expect(window.setMenuBarVisibility).toHaveBeenLastCalledWith(true);
  });
});
