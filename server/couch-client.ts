/**
 * A small client for the standard CouchDB HTTP API, used by `workbench setup` and
 * `workbench user`. Works the same against the hub and Apache CouchDB 3. Credentials
 * come from the URL (`http://admin:pw@host:5984`) or WORKBENCH_ADMIN_USER /
 * WORKBENCH_ADMIN_PASSWORD, and are sent as basic auth on every request (no cookies).
 */
export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface CouchClient {
  base: string;
  /** The account the requests are made as (for `updatedBy` on documents the command writes). */
  user: string;
  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** GET that gives undefined for 404. */
  find<T = Record<string, unknown>>(path: string): Promise<T | undefined>;
}

/**
 * How transient failures are retried: a reset or refused connection, or a 502/503/504 from a
 * proxy or a cluster node that is failing over, is tried again after 250 ms, then 0.5, 1 and
 * 2 s. Retrying is safe for writes too: CouchDB's writes name the revision they replace, so
 * one that had landed meets 409, which the callers already re-read.
 */
export interface RetryPolicy {
  retries: number;
  firstDelayMs: number;
}

export const TRANSIENT_RETRY: RetryPolicy = { retries: 4, firstDelayMs: 250 };

const TRANSIENT_STATUS = new Set([502, 503, 504]);

export function couchClient(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  retry: RetryPolicy = TRANSIENT_RETRY,
): CouchClient {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CouchError(
      0,
      'bad_url',
      `"${url}" is not a server address; write it like http://127.0.0.1:5984.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CouchError(0, 'bad_url', `"${url}" must start with http:// or https://.`);
  }
  const user = decodeURIComponent(parsed.username) || env['WORKBENCH_ADMIN_USER'] || 'admin';
  const password = decodeURIComponent(parsed.password) || env['WORKBENCH_ADMIN_PASSWORD'] || '';
  parsed.username = '';
  parsed.password = '';
  const base = parsed.toString().replace(/\/+$/, '');
  const auth = password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;

  /** One answer, its body read; transient failures tried again with a growing wait. */
  async function exchange(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ response: Response; text: string }> {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retry.retries;
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(auth ? { authorization: auth } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        // A connection cut while the answer arrives is as transient as one refused.
        const text = await response.text();
        if (!TRANSIENT_STATUS.has(response.status) || last) return { response, text };
      } catch (error) {
        if (last) {
          throw new CouchError(
            0,
            'unreachable',
            `The server at ${base} could not be reached (${String((error as Error).cause ?? error)}; tried ${attempt + 1} times).`,
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, retry.firstDelayMs * 2 ** attempt));
    }
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { response, text } = await exchange(method, path, body);
    let json: Record<string, unknown>;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new CouchError(response.status, 'bad_response', `${base} did not answer like a CouchDB server.`);
    }
    if (!response.ok) {
      const reason = typeof json['reason'] === 'string' ? json['reason'] : response.statusText;
      throw new CouchError(response.status, String(json['error'] ?? 'error'), reason);
    }
    return json as T;
  }

  return {
    base,
    user,
    request,
    find: async <T>(path: string) => {
      try {
        return await request<T>('GET', path);
      } catch (error) {
        if (error instanceof CouchError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}
