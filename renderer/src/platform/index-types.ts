import type { WorkbenchApi } from '@shared/platform-api';

/** What the renderer may ask of the machine, whether Electron or a browser is behind it. */
export interface Platform extends WorkbenchApi {
  kind: 'electron' | 'browser';
}
