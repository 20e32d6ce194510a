import { describe, expect, it, vi } from 'vitest';
import { IPC, type WorkbenchApi } from '../../../shared/platform-api';

const fakes = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => fakes.electron);

await import('../../../electron/preload');

function exposedApi(): WorkbenchApi {
  const [key, api] = fakes.electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('workbench');
  return api as WorkbenchApi;
}

describe('preload', () => {
  it('exposes exactly the typed API as window.workbench and nothing else', () => {
    expect(fakes.electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(exposedApi()).sort()).toEqual([
      'appInfo',
      'credentialsClear',
      'credentialsLoad',
      'credentialsSave',
      'hubStart',
      'hubStatus',
      'hubStop',
      'kioskWindow',
      'printToPdf',
      'saveFile',
    ]);
  });

  it('asks the main process for app information on its channel', async () => {
    fakes.electron.ipcRenderer.invoke.mockResolvedValueOnce({ name: 'N', version: '1', platform: 'linux' });
    await expect(exposedApi().appInfo()).resolves.toEqual({ name: 'N', version: '1', platform: 'linux' });
    expect(fakes.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.appInfo);
  });

  it('forwards a save request on its channel', async () => {
    const request = { suggestedName: 'a.xlsx', data: new Uint8Array([1]), filters: [] };
    fakes.electron.ipcRenderer.invoke.mockResolvedValueOnce({ saved: false });
    await expect(exposedApi().saveFile(request)).resolves.toEqual({ saved: false });
    expect(fakes.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.saveFile, request);
  });

  it('forwards a print-to-PDF request on its channel and checks the answer', async () => {
    fakes.electron.ipcRenderer.invoke.mockResolvedValueOnce({ saved: true, path: '/home/u/story.pdf' });
    await expect(exposedApi().printToPdf({ suggestedName: 'story.pdf' })).resolves.toEqual({
      saved: true,
      path: '/home/u/story.pdf',
    });
    expect(fakes.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.printToPdf, {
      suggestedName: 'story.pdf',
    });
    fakes.electron.ipcRenderer.invoke.mockResolvedValueOnce({ saved: 'yes' });
    await expect(exposedApi().printToPdf({ suggestedName: 'story.pdf' })).rejects.toThrow();
  });

  it('rejects replies from the main process that do not match the API', async () => {
    fakes.electron.ipcRenderer.invoke.mockResolvedValueOnce({ name: 'N' });
    await expect(exposedApi().appInfo()).rejects.toThrow();
  });
});
