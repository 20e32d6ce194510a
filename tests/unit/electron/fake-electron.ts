/**
 * Stand-ins for the parts of the `electron` module the main process and preload use.
 * They record every call so tests can assert that a security setting is really applied;
 * `vi.mock('electron', ...)` hands this module out instead of Electron.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export interface FakeEvent {
  url: string;
  preventDefault: ReturnType<typeof vi.fn>;
}

export function fakeEvent(url = ''): FakeEvent {
  return { url, preventDefault: vi.fn() };
}

export type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends Emitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Electron's print to PDF: a small PDF header stands in for the rendered page. */
  readonly printToPDF = vi.fn(async (_options: object) => Buffer.from('%PDF-1.7\n%fake page\n'));
  devToolsOpen = false;
  readonly isDevToolsOpened = vi.fn(() => this.devToolsOpen);
  readonly closeDevTools = vi.fn(() => {
    this.devToolsOpen = false;
  });

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Emits will-navigate as Electron does and tells whether navigation was blocked. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const details = fakeEvent(url);
    this.emit(event, details, url);
    return details.preventDefault.mock.calls.length > 0;
  }

  open(url: string): { action: string } {
    if (this.windowOpenHandler === null) throw new Error('No window open handler was set');
    return this.windowOpenHandler({ url });
  }
}

export interface WindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  webPreferences?: Record<string, unknown>;
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly isMinimized = vi.fn(() => this.minimized);
  readonly setMenuBarVisibility = vi.fn();

  constructor(readonly options: WindowOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;

/** A utility process whose answers the test gives (see tests/unit/electron/hub-host.test.ts). */
export class FakeUtilityProcess extends Emitter {
  readonly sent: unknown[] = [];
  readonly kill = vi.fn(() => true);
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
}

export function createFakeElectron() {
  let resolveReady: () => void = () => undefined;
  let readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const app = Object.assign(new Emitter(), {
    lockGranted: true,
    ready: false,
    requestSingleInstanceLock: vi.fn((): boolean => app.lockGranted),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    isReady: vi.fn((): boolean => app.ready),
    whenReady: vi.fn(() => readyPromise),
    getName: vi.fn(() => 'NMI Workbench'),
    getVersion: vi.fn(() => '9.8.7'),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    /** Resolves whenReady() and lets the `then` callbacks run. */
    async becomeReady(): Promise<void> {
      app.ready = true;
      resolveReady();
      await new Promise((resolve) => setImmediate(resolve));
    },
  });

  const defaultSession = {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
    setPermissionRequestHandler: vi.fn((handler: PermissionRequestHandler) => {
      defaultSession.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: PermissionCheckHandler) => {
      defaultSession.permissionCheckHandler = handler;
    }),
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((_scheme: string, _handler: (request: Request) => Promise<Response>) => undefined),
    },
    utilityProcess: {
      fork: vi.fn((_modulePath: string, _args: string[], _options: object) => new FakeUtilityProcess()),
    },
    net: { fetch: vi.fn(async (_url: string) => new Response('file body')) },
    ipcMain: { handle: vi.fn((_channel: string, _listener: Listener) => undefined) },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((plain: string) => Buffer.from(plain, 'utf8').reverse()),
      decryptString: vi.fn((encrypted: Buffer) => Buffer.from(encrypted).reverse().toString('utf8')),
    },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
    },
  };

  function reset(): void {
    vi.clearAllMocks();
    FakeBrowserWindow.instances = [];
    app.listeners.clear();
    app.lockGranted = true;
    app.ready = false;
    readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
    defaultSession.permissionRequestHandler = null;
    defaultSession.permissionCheckHandler = null;
  }

  return { electron, app, defaultSession, reset };
}
