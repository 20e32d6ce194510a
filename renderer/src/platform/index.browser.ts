import { syncCredentialsSchema, type HubStatus } from '@shared/platform-api';
import type { Platform } from './index-types';

/** A browser tab cannot listen on the network: hosting a hub needs the desktop app. */
const NO_HUB: HubStatus = { available: false, running: false, addresses: [] };

/**
 * A browser keeps the sign-in for this tab's session only (sessionStorage): closing the
 * tab forgets it, and nothing is written to disk by the app.
 */
const SESSION_KEY = 'workbench-sync-sign-in';

/** The browser fallback used by `npm run web` and the e2e tests. */
export function browserPlatform(version: string): Platform {
  return {
    kind: 'browser',
    appInfo: () => Promise.resolve({ name: 'NMI Workbench', version, platform: 'browser' }),
    saveFile: (request) => {
      const blob = new Blob([request.data.slice().buffer]);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return Promise.resolve({ saved: true, path: request.suggestedName });
    },
    hubStatus: () => Promise.resolve(NO_HUB),
    hubStart: () => Promise.resolve(NO_HUB),
    hubStop: () => Promise.resolve(NO_HUB),
    credentialsLoad: () => {
      try {
        const parsed = syncCredentialsSchema.safeParse(
          JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null'),
        );
        return Promise.resolve(parsed.success ? parsed.data : null);
      } catch {
        return Promise.resolve(null);
      }
    },
    credentialsSave: (credentials) => {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(syncCredentialsSchema.parse(credentials)));
      return Promise.resolve({ persisted: false });
    },
    credentialsClear: () => {
      sessionStorage.removeItem(SESSION_KEY);
      return Promise.resolve();
    },
    // The browser's own print dialog, where "Save as PDF" is one of the printers; it cannot
    // tell whether a file was saved.
    printToPdf: () => {
      window.print();
      return Promise.resolve({ saved: false });
    },
    // A browser tab has no developer-tools switch or menu the app could take away.
    kioskWindow: () => Promise.resolve(),
  };
}
