/**
 * The one typed API that the Electron preload exposes as `window.workbench`.
 * The preload object `satisfies` it; the renderer's platform/ module has an Electron
 * and a browser implementation of `Platform` built over it.
 */
import { z } from 'zod';

export const IPC = {
  appInfo: 'workbench:app-info',
  saveFile: 'workbench:save-file',
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

export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
}
