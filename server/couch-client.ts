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

export function couchClient(url: string, env: NodeJS.ProcessEnv = process.env): CouchClient {
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

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(auth ? { authorization: auth } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new CouchError(
        0,
        'unreachable',
        `The server at ${base} could not be reached (${String((error as Error).cause ?? error)}).`,
      );
    }
    const text = await response.text();
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
