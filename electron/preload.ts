/**
 * The only bridge between the sandboxed renderer and the main process. It exposes the
 * typed `WorkbenchApi` and nothing else — never ipcRenderer itself — and checks what the
 * main process sends back. The build bundles this file alone, because a sandboxed
 * preload cannot require other local files.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  appInfoSchema,
  IPC,
  saveFileResultSchema,
  type SaveFileRequest,
  type WorkbenchApi,
} from '../shared/platform-api';

const workbench = {
  appInfo: async () => appInfoSchema.parse(await ipcRenderer.invoke(IPC.appInfo)),
  saveFile: async (request: SaveFileRequest) =>
    saveFileResultSchema.parse(await ipcRenderer.invoke(IPC.saveFile, request)),
} satisfies WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', workbench);
