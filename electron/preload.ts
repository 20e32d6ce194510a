/**
 * The only bridge between the sandboxed renderer and the main process. It exposes the
 * typed `WorkbenchApi` and nothing else — never ipcRenderer itself — and checks what the
 * main process sends back. The build bundles this file alone, because a sandboxed
 * preload cannot require other local files.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  appInfoSchema,
  credentialsSaveResultSchema,
  syncCredentialsSchema,
  hubStatusSchema,
  IPC,
  saveFileResultSchema,
  type HubStartRequest,
  type KioskWindowRequest,
  type PrintToPdfRequest,
  type SaveFileRequest,
  type SyncCredentials,
  type WorkbenchApi,
} from '../shared/platform-api';

const workbench = {
  appInfo: async () => appInfoSchema.parse(await ipcRenderer.invoke(IPC.appInfo)),
  saveFile: async (request: SaveFileRequest) =>
    saveFileResultSchema.parse(await ipcRenderer.invoke(IPC.saveFile, request)),
  hubStatus: async () => hubStatusSchema.parse(await ipcRenderer.invoke(IPC.hubStatus)),
  hubStart: async (request: HubStartRequest) =>
    hubStatusSchema.parse(await ipcRenderer.invoke(IPC.hubStart, request)),
  hubStop: async () => hubStatusSchema.parse(await ipcRenderer.invoke(IPC.hubStop)),
  credentialsLoad: async () =>
    syncCredentialsSchema.nullable().parse(await ipcRenderer.invoke(IPC.credentialsLoad)),
  credentialsSave: async (credentials: SyncCredentials) =>
    credentialsSaveResultSchema.parse(await ipcRenderer.invoke(IPC.credentialsSave, credentials)),
  credentialsClear: async () => {
    await ipcRenderer.invoke(IPC.credentialsClear);
  },
  printToPdf: async (request: PrintToPdfRequest) =>
    saveFileResultSchema.parse(await ipcRenderer.invoke(IPC.printToPdf, request)),
  kioskWindow: async (request: KioskWindowRequest) => {
    await ipcRenderer.invoke(IPC.kioskWindow, request);
  },
} satisfies WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', workbench);
