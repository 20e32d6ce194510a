/**
 * The one typed API that the Electron preload exposes as `window.workbench`.
 * The preload object `satisfies` it; the renderer's platform/ module has an Electron
 * and a browser implementation of `Platform` built over it.
 */
import { z } from 'zod';

export const IPC = {
  appInfo: 'workbench:app-info',
  saveFile: 'workbench:save-file',
  hubStatus: 'workbench:hub-status',
  hubStart: 'workbench:hub-start',
  hubStop: 'workbench:hub-stop',
  credentialsLoad: 'workbench:credentials-load',
  credentialsSave: 'workbench:credentials-save',
  credentialsClear: 'workbench:credentials-clear',
  printToPdf: 'workbench:print-to-pdf',
  kioskWindow: 'workbench:kiosk-window',
} as const;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const saveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .refine((name) => !/[\\/]/.test(name), 'A suggested file name must not contain a folder'),
  data: z.instanceof(Uint8Array),
  filters: z
    .array(z.object({ name: z.string(), extensions: z.array(z.string().regex(/^[a-z0-9]+$/)) }))
    .max(10),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;

export const saveFileResultSchema = z.union([
  z.object({ saved: z.literal(true), path: z.string() }),
  z.object({ saved: z.literal(false) }),
]);
export type SaveFileResult = z.infer<typeof saveFileResultSchema>;

/** Print the window's current page (a printable layout) to a PDF the user saves. */
export const printToPdfRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .regex(/\.pdf$/i, 'A PDF file name ends with .pdf')
    .refine((name) => !/[\\/]/.test(name), 'A suggested file name must not contain a folder'),
  landscape: z.boolean().optional(),
});
export type PrintToPdfRequest = z.infer<typeof printToPdfRequestSchema>;

/** "Host a workshop hub": the same hub as `workbench hub`, run by the desktop app. */
export const hubStartRequestSchema = z.object({
  port: z
    .number()
    .int()
    .min(1024, 'Use a port from 1024 to 65535')
    .max(65535, 'Use a port from 1024 to 65535'),
});
export type HubStartRequest = z.infer<typeof hubStartRequestSchema>;

export const hubStatusSchema = z.object({
  /** False where this app cannot host a hub (the browser build). */
  available: z.boolean(),
  running: z.boolean(),
  port: z.number().int().optional(),
  /** Addresses participants' laptops can use, e.g. http://192.168.1.20:5984 */
  addresses: z.array(z.string()),
  /** Shown once, when the hub's admin password was just generated. */
  newAdminPassword: z.string().optional(),
  dataDir: z.string().optional(),
  error: z.string().optional(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** Sign-in to a sync server. The desktop app keeps it encrypted with the OS keychain (safeStorage). */
export const syncCredentialsSchema = z.object({
  org: z.string().min(1).max(100),
  url: z
    .string()
    .max(500)
    .regex(/^https?:\/\/[^\s]+$/, 'The server address must start with http:// or https://'),
  name: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export type SyncCredentials = z.infer<typeof syncCredentialsSchema>;

export const credentialsSaveResultSchema = z.object({
  /** False where the system offers no encryption: the password is then kept for this session only. */
  persisted: z.boolean(),
});
export type CredentialsSaveResult = z.infer<typeof credentialsSaveResultSchema>;

/** Kiosk mode on or off: the desktop app's window then refuses the developer tools and hides its menu. */
export const kioskWindowRequestSchema = z.object({ on: z.boolean() });
export type KioskWindowRequest = z.infer<typeof kioskWindowRequestSchema>;

export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  hubStatus(): Promise<HubStatus>;
  hubStart(request: HubStartRequest): Promise<HubStatus>;
  hubStop(): Promise<HubStatus>;
  credentialsLoad(): Promise<SyncCredentials | null>;
  credentialsSave(credentials: SyncCredentials): Promise<CredentialsSaveResult>;
  credentialsClear(): Promise<void>;
  /** The desktop app prints to PDF and offers a save dialog; the browser opens its print dialog. */
  printToPdf(request: PrintToPdfRequest): Promise<SaveFileResult>;
  /** Locks the window for kiosk mode, or unlocks it; a browser has nothing to lock. */
  kioskWindow(request: KioskWindowRequest): Promise<void>;
}
