/**
 * One error shape for everything that crosses a boundary (IPC, HTTP, worker, UI):
 * plain data with a stable `code`, a sentence for people, and optional detail.
 */
export type ErrorCode =
  | 'validation-failed'
  | 'unknown-document-type'
  | 'newer-schema'
  | 'storage-unavailable'
  | 'storage-full'
  | 'conflict'
  | 'not-found'
  | 'invalid-input'
  | 'read-only'
  | 'forbidden'
  | 'unexpected';

export interface WorkbenchErrorData {
  code: ErrorCode;
  message: string;
  detail?: readonly string[];
}

export class WorkbenchError extends Error implements WorkbenchErrorData {
  readonly code: ErrorCode;
  readonly detail?: readonly string[];

  constructor(code: ErrorCode, message: string, detail?: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'WorkbenchError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }

  toData(): WorkbenchErrorData {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Reduces anything thrown to the plain, cloneable error shape. */
export function toErrorData(error: unknown): WorkbenchErrorData {
  if (error instanceof WorkbenchError) return error.toData();
  if (error instanceof Error) return { code: 'unexpected', message: error.message };
  return { code: 'unexpected', message: String(error) };
}
