/**
 * Saving a workbook the app made (the desktop app's save dialog, a download in a browser),
 * and what the returns screens share: how an institute is named in a workbook.
 */
import type { InstituteInfo } from '@shared/excel/return-export';
import { platform } from '../../platform';
import type { InstituteDirectory } from '../institutes/directory-view';

export const XLSX_FILTER = { name: 'Excel workbook', extensions: ['xlsx'] };
export const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The path or name the workbook was saved as, or undefined when the person cancelled. */
export async function saveWorkbook(name: string, bytes: Uint8Array): Promise<string | undefined> {
  const result = await platform.saveFile({
    suggestedName: name,
    data: new Uint8Array(bytes),
    filters: [XLSX_FILTER],
  });
  return result.saved ? result.path : undefined;
}

/** How the cover and the consolidated sheets name an institute: as the directory does. */
export function excelInstitute(institutes: InstituteDirectory, org: string): InstituteInfo {
  const info = institutes.get(org);
  return {
    org,
    name: info.name,
    ...(info.acronym ? { acronym: info.acronym } : {}),
    ...(info.economy ? { economy: info.economy } : {}),
    ...(info.inferred ? { inferred: true } : {}),
  };
}

/** Lets the browser paint progress between steps of a long export. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
