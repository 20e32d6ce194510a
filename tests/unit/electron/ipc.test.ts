import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpcHandlers, type InvokeEvent, type IpcDeps } from '../../../electron/ipc';
import { appInfoSchema, IPC } from '../../../shared/platform-api';

type Listener = (event: InvokeEvent, payload: unknown) => unknown;

const trusted: InvokeEvent = { senderFrame: { url: 'app://workbench/index.html#/settings' } };
const validRequest = {
  suggestedName: 'cmc-plan.xlsx',
  data: new Uint8Array([1, 2, 3]),
  filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
};

let handlers: Map<string, Listener>;
let deps: IpcDeps & {
  showSaveDialog: ReturnType<typeof vi.fn<IpcDeps['showSaveDialog']>>;
  writeFile: ReturnType<typeof vi.fn<NonNullable<IpcDeps['writeFile']>>>;
};

function invoke(channel: string, event: InvokeEvent, payload?: unknown): Promise<unknown> {
  const listener = handlers.get(channel);
  if (!listener) throw new Error(`No handler for ${channel}`);
  return Promise.resolve().then(() => listener(event, payload));
}

beforeEach(() => {
  handlers = new Map();
  deps = {
    app: { getName: () => 'NMI Workbench', getVersion: () => '1.2.3' },
    platform: 'linux',
    showSaveDialog: vi.fn<IpcDeps['showSaveDialog']>(async () => ({
      canceled: false,
      filePath: '/home/u/plan.xlsx',
    })),
    writeFile: vi.fn<NonNullable<IpcDeps['writeFile']>>(async () => undefined),
  };
  registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, deps);
});

describe('registerIpcHandlers', () => {
  it('registers a handler for every channel of the API and no other', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
  });

  it('answers appInfo with the name, version and platform', async () => {
    const info = await invoke(IPC.appInfo, trusted);
    expect(info).toEqual({ name: 'NMI Workbench', version: '1.2.3', platform: 'linux' });
    expect(appInfoSchema.safeParse(info).success).toBe(true);
  });

  describe.each(Object.values(IPC))('on %s', (channel) => {
    it.each<[string, InvokeEvent]>([
      ['a web page', { senderFrame: { url: 'https://evil.example/' } }],
      ['a local file', { senderFrame: { url: 'file:///tmp/evil.html' } }],
      ['a look-alike host', { senderFrame: { url: 'app://workbench.evil.com/' } }],
      ['another app host', { senderFrame: { url: 'app://evil/' } }],
      ['a destroyed frame', { senderFrame: null }],
      ['no frame', {}],
    ])('refuses requests from %s', async (_label, event) => {
      await expect(invoke(channel, event, validRequest)).rejects.toThrow(/^Refused/);
      expect(deps.showSaveDialog).not.toHaveBeenCalled();
      expect(deps.writeFile).not.toHaveBeenCalled();
    });
  });
});

describe('kioskWindow', () => {
  it('locks and unlocks the window for the app only, with a checked payload', async () => {
    const kioskWindow = vi.fn<NonNullable<IpcDeps['kioskWindow']>>();
    handlers = new Map();
    registerIpcHandlers(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      { ...deps, kioskWindow },
    );
    await invoke(IPC.kioskWindow, trusted, { on: true });
    await invoke(IPC.kioskWindow, trusted, { on: false });
    expect(kioskWindow.mock.calls).toEqual([[true], [false]]);
    await expect(invoke(IPC.kioskWindow, trusted, { on: 'yes' })).rejects.toThrow(/Invalid kiosk request/);
    await expect(
      invoke(IPC.kioskWindow, { senderFrame: { url: 'https://evil.example/' } }, { on: false }),
    ).rejects.toThrow(/Refused workbench:kiosk-window/);
    expect(kioskWindow).toHaveBeenCalledTimes(2);
  });
});

describe('printToPdf', () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  let printToPdf: ReturnType<typeof vi.fn<NonNullable<IpcDeps['printToPdf']>>>;
  beforeEach(() => {
    printToPdf = vi.fn<NonNullable<IpcDeps['printToPdf']>>(async () => pdf);
    handlers = new Map();
    registerIpcHandlers(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      { ...deps, printToPdf },
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['no payload', undefined, /Invalid print request/],
    ['a name that is not a PDF', { suggestedName: 'story.exe' }, /ends with \.pdf/],
    ['a name with a folder', { suggestedName: '../../evil.pdf' }, /must not contain a folder/],
    ['a Windows folder', { suggestedName: 'C:\\Users\\x.pdf' }, /must not contain a folder/],
    ['landscape as text', { suggestedName: 'a.pdf', landscape: 'yes' }, /landscape/],
  ])('rejects %s, rendering and writing nothing', async (_label, payload, message) => {
    await expect(invoke(IPC.printToPdf, trusted, payload)).rejects.toThrow(message);
    expect(printToPdf).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('asks where first, then prints the window to PDF and writes it there', async () => {
    deps.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/story.pdf' });
    const result = await invoke(IPC.printToPdf, trusted, { suggestedName: 'rice-mills.pdf' });
    expect(deps.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'rice-mills.pdf',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    expect(printToPdf).toHaveBeenCalledWith({ landscape: false });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/u/story.pdf', pdf);
    expect(result).toEqual({ saved: true, path: '/home/u/story.pdf' });
  });

  it('renders nothing when the person cancels the save dialog', async () => {
    deps.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await invoke(IPC.printToPdf, trusted, { suggestedName: 'a.pdf' })).toEqual({ saved: false });
    expect(printToPdf).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('says so where the window cannot print', async () => {
    handlers = new Map();
    registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, deps);
    await expect(invoke(IPC.printToPdf, trusted, { suggestedName: 'a.pdf' })).rejects.toThrow(
      'Printing to PDF is not available',
    );
  });
});

describe('saveFile', () => {
  it.each<[string, unknown, RegExp]>([
    ['no payload', undefined, /Invalid save-file request/],
    ['null', null, /Invalid save-file request/],
    ['a string', 'plan.xlsx', /Invalid save-file request/],
    ['an empty name', { ...validRequest, suggestedName: '' }, /suggestedName/],
    [
      'a name with a folder',
      { ...validRequest, suggestedName: '../../.bashrc' },
      /must not contain a folder/,
    ],
    [
      'a Windows folder',
      { ...validRequest, suggestedName: 'C:\\Windows\\x.dll' },
      /must not contain a folder/,
    ],
    ['data as an array', { ...validRequest, data: [1, 2, 3] }, /data/],
    ['data as text', { ...validRequest, data: 'AQID' }, /data/],
    [
      'an extension with a dot',
      { ...validRequest, filters: [{ name: 'x', extensions: ['.exe'] }] },
      /filters/,
    ],
    ['too many filters', { ...validRequest, filters: Array(11).fill(validRequest.filters[0]) }, /filters/],
    ['no filters', { suggestedName: 'a.xlsx', data: new Uint8Array() }, /filters/],
  ])('rejects %s, naming what is wrong', async (_label, payload, message) => {
    await expect(invoke(IPC.saveFile, trusted, payload)).rejects.toThrow(message);
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('offers the suggested name and filters in the save dialog and writes the bytes', async () => {
    const result = await invoke(IPC.saveFile, trusted, validRequest);
    expect(deps.showSaveDialog).toHaveBeenCalledWith({
      defaultPath: 'cmc-plan.xlsx',
      filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
    });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/u/plan.xlsx', validRequest.data);
    expect(result).toEqual({ saved: true, path: '/home/u/plan.xlsx' });
  });

  it('writes nothing when the user cancels', async () => {
    deps.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await invoke(IPC.saveFile, trusted, validRequest)).toEqual({ saved: false });
    expect(deps.writeFile).not.toHaveBeenCalled();
  });
});
