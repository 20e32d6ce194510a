/**
 * The main-process side of `window.workbench`. Every request is answered only for a
 * frame on the app origin, and every payload is parsed before it is used: the renderer
 * is treated as untrusted input, like a network client.
 */
import { writeFile as fsWriteFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  credentialsSaveResultSchema,
  hubStartRequestSchema,
  kioskWindowRequestSchema,
  printToPdfRequestSchema,
  syncCredentialsSchema,
  IPC,
  saveFileRequestSchema,
  saveFileResultSchema,
  type AppInfo,
  type HubStatus,
  type CredentialsSaveResult,
  type SaveFileResult,
  type SyncCredentials,
} from '../shared/platform-api';
import { isAppUrl } from './security';

/** The parts of an Electron invoke event this module reads. */
export interface InvokeEvent {
  senderFrame?: { url: string } | null;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => unknown): void;
}

export interface SaveDialogOptions {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

export interface IpcDeps {
  app: { getName(): string; getVersion(): string };
  platform: string;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  writeFile?: (filePath: string, data: Uint8Array) => Promise<void>;
  hub?: {
    status(): HubStatus;
    start(port: number): Promise<HubStatus>;
    stop(): Promise<HubStatus>;
  };
  /** Renders the app window's current page as a PDF (Electron's webContents.printToPDF). */
  printToPdf?: (options: { landscape: boolean }) => Promise<Uint8Array>;
  /** Locks the app window for kiosk mode, or unlocks it (window.ts `setKioskLock`). */
  kioskWindow?: (on: boolean) => void;
  credentials?: {
    load(): Promise<SyncCredentials | null>;
    save(credentials: SyncCredentials): Promise<CredentialsSaveResult>;
    clear(): Promise<void>;
  };
}

function assertTrustedSender(channel: string, event: InvokeEvent): void {
  const url = event.senderFrame?.url;
  if (!isAppUrl(url)) {
    throw new Error(`Refused ${channel}: the request came from ${url ?? 'an unknown frame'}, not the app.`);
  }
}

export function registerIpcHandlers(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  const writeFile = deps.writeFile ?? ((filePath, data) => fsWriteFile(filePath, data));

  ipcMain.handle(IPC.appInfo, (event): AppInfo => {
    assertTrustedSender(IPC.appInfo, event);
    return { name: deps.app.getName(), version: deps.app.getVersion(), platform: deps.platform };
  });

  ipcMain.handle(IPC.saveFile, async (event, payload): Promise<SaveFileResult> => {
    assertTrustedSender(IPC.saveFile, event);
    const parsed = saveFileRequestSchema.safeParse(payload);
    if (!parsed.success) {
      throw new Error(`Invalid save-file request: ${z.prettifyError(parsed.error)}`);
    }
    const request = parsed.data;
    const choice = await deps.showSaveDialog({
      defaultPath: request.suggestedName,
      filters: request.filters,
    });
    if (choice.canceled || !choice.filePath) return saveFileResultSchema.parse({ saved: false });
    await writeFile(choice.filePath, request.data);
    return saveFileResultSchema.parse({ saved: true, path: choice.filePath });
  });

  ipcMain.handle(IPC.printToPdf, async (event, payload): Promise<SaveFileResult> => {
    assertTrustedSender(IPC.printToPdf, event);
    const parsed = printToPdfRequestSchema.safeParse(payload);
    if (!parsed.success) throw new Error(`Invalid print request: ${z.prettifyError(parsed.error)}`);
    if (!deps.printToPdf) throw new Error('Printing to PDF is not available in this window.');
    // Where first, so that nothing is rendered when the person cancels.
    const choice = await deps.showSaveDialog({
      defaultPath: parsed.data.suggestedName,
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    if (choice.canceled || !choice.filePath) return saveFileResultSchema.parse({ saved: false });
    const pdf = await deps.printToPdf({ landscape: parsed.data.landscape ?? false });
    await writeFile(choice.filePath, pdf);
    return saveFileResultSchema.parse({ saved: true, path: choice.filePath });
  });

  const hub = deps.hub;
  const noHub: HubStatus = { available: false, running: false, addresses: [] };
  ipcMain.handle(IPC.hubStatus, (event): HubStatus => {
    assertTrustedSender(IPC.hubStatus, event);
    return hub ? hub.status() : noHub;
  });
  ipcMain.handle(IPC.hubStart, async (event, payload): Promise<HubStatus> => {
    assertTrustedSender(IPC.hubStart, event);
    const parsed = hubStartRequestSchema.safeParse(payload);
    if (!parsed.success) throw new Error(`Invalid hub request: ${z.prettifyError(parsed.error)}`);
    return hub ? hub.start(parsed.data.port) : noHub;
  });
  ipcMain.handle(IPC.hubStop, async (event): Promise<HubStatus> => {
    assertTrustedSender(IPC.hubStop, event);
    return hub ? hub.stop() : noHub;
  });

  ipcMain.handle(IPC.kioskWindow, (event, payload): void => {
    assertTrustedSender(IPC.kioskWindow, event);
    const parsed = kioskWindowRequestSchema.safeParse(payload);
    if (!parsed.success) throw new Error(`Invalid kiosk request: ${z.prettifyError(parsed.error)}`);
    deps.kioskWindow?.(parsed.data.on);
  });

  const credentials = deps.credentials;
  ipcMain.handle(IPC.credentialsLoad, async (event): Promise<SyncCredentials | null> => {
    assertTrustedSender(IPC.credentialsLoad, event);
    return credentials ? credentials.load() : null;
  });
  ipcMain.handle(IPC.credentialsSave, async (event, payload): Promise<CredentialsSaveResult> => {
    assertTrustedSender(IPC.credentialsSave, event);
    const parsed = syncCredentialsSchema.safeParse(payload);
    if (!parsed.success) throw new Error(`Invalid sign-in: ${z.prettifyError(parsed.error)}`);
    return credentialsSaveResultSchema.parse(
      credentials ? await credentials.save(parsed.data) : { persisted: false },
    );
  });
  ipcMain.handle(IPC.credentialsClear, async (event): Promise<void> => {
    assertTrustedSender(IPC.credentialsClear, event);
    await credentials?.clear();
  });
}
