import {
  appInfoSchema,
  credentialsSaveResultSchema,
  syncCredentialsSchema,
  hubStatusSchema,
  saveFileResultSchema,
  type WorkbenchApi,
} from '@shared/platform-api';
import type { Platform } from './index-types';

/** The Electron implementation: every answer from the main process is parsed before use. */
export function electronPlatform(api: WorkbenchApi): Platform {
  return {
    kind: 'electron',
    appInfo: async () => appInfoSchema.parse(await api.appInfo()),
    saveFile: async (request) => saveFileResultSchema.parse(await api.saveFile(request)),
    hubStatus: async () => hubStatusSchema.parse(await api.hubStatus()),
    hubStart: async (request) => hubStatusSchema.parse(await api.hubStart(request)),
    hubStop: async () => hubStatusSchema.parse(await api.hubStop()),
    credentialsLoad: async () => syncCredentialsSchema.nullable().parse(await api.credentialsLoad()),
    credentialsSave: async (credentials) =>
      credentialsSaveResultSchema.parse(await api.credentialsSave(credentials)),
    credentialsClear: () => api.credentialsClear(),
    printToPdf: async (request) => saveFileResultSchema.parse(await api.printToPdf(request)),
    kioskWindow: (request) => api.kioskWindow(request),
  };
}
