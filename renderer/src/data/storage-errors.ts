import { WorkbenchError } from '@shared/errors';

interface PouchLikeError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
}

function asPouchError(error: unknown): PouchLikeError {
  return typeof error === 'object' && error !== null ? (error as PouchLikeError) : {};
}

/** True for the quota errors that IndexedDB and PouchDB report when the disk or origin quota is full. */
export function isQuotaError(error: unknown): boolean {
  const e = asPouchError(error);
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.reason ?? ''}`;
  return /QuotaExceeded|quota|disk is full|NS_ERROR_DOM_QUOTA_REACHED/i.test(text);
}

export function isConflict(error: unknown): boolean {
  return asPouchError(error).status === 409;
}

/** Turns a storage failure into the plain-worded error the user sees. */
export function toStorageError(error: unknown, what: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  if (isQuotaError(error)) {
    return new WorkbenchError(
      'storage-full',
      `${what} was not saved because this computer's storage is full. Free some disk space; what you typed stays on screen and is saved on the next change.`,
      undefined,
      { cause: error },
    );
  }
  const e = asPouchError(error);
  return new WorkbenchError(
    'storage-unavailable',
    `${what} could not be saved: the local database answered "${e.message ?? e.reason ?? String(error)}".`,
    undefined,
    { cause: error },
  );
}
