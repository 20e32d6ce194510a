import type { WorkbenchApi } from '@shared/platform-api';
import { browserPlatform } from './index.browser';
import { electronPlatform } from './index.electron';
import type { Platform } from './index-types';

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by electron/preload.ts. */
    workbench?: WorkbenchApi;
  }
}

export type { Platform } from './index-types';

export const platform: Platform = window.workbench
  ? electronPlatform(window.workbench)
  : browserPlatform(__APP_VERSION__);
