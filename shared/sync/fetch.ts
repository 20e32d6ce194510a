/**
 * A fetch for sync (PouchDB's HTTP adapter, the app's replicator, the hub's forwarding)
 * that settles only once the whole answer has arrived, and turns every failure on the
 * way into a 503 answer instead of a rejected promise:
 *   - a connection that cannot be made;
 *   - a connection cut while the answer's body is still arriving (undici's
 *     `TypeError: terminated` in Node). Read later by whoever holds the response, such a
 *     body rejects far from any handler; here it is read inside this promise, so a cut
 *     is an ordinary error answer that every caller retries with backoff.
 * A request the caller aborted stays aborted. Answers are small (a batch of documents,
 * one photo, a long poll's few lines), so holding one in memory costs what parsing it
 * would anyway; bytes are counted as they arrive, for progress.
 *
 * shared/ knows neither the DOM nor Node, so the caller passes its fetch and ways to
 * build a response (both are the standard Fetch API in Node 20 and every browser).
 */

interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/** What this wrapper needs of a fetch answer. */
export interface Answer {
  status: number;
  body: { getReader(): ChunkReader } | null;
}

export interface SettleOptions<Res> {
  /** Builds an answer with this status and JSON body. */
  respond: (status: number, json: string) => Res;
  /** Builds an answer like `answer` (status, headers) whose body is `bytes`, already decoded. */
  rebuild: (answer: Res, bytes: Uint8Array) => Res;
  /** Told the size of every piece of an answer's body as it arrives. */
  onBytes?: (n: number) => void;
}

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

async function readAll(reader: ChunkReader, onBytes?: (n: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    chunks.push(value);
    size += value.byteLength;
    onBytes?.(value.byteLength);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

export function settledFetch<Args extends unknown[], Res extends Answer>(
  fetcher: (...args: Args) => Promise<Res>,
  options: SettleOptions<Res>,
): (...args: Args) => Promise<Res> {
  const unreachable = (error: unknown): Res => {
    if (isAbort(error)) throw error;
    return options.respond(
      503,
      JSON.stringify({ error: 'unreachable', reason: String((error as Error)?.message ?? error) }),
    );
  };
  return async (...args) => {
    let answer: Res;
    try {
      answer = await fetcher(...args);
    } catch (error) {
      return unreachable(error);
    }
    if (!answer.body) return answer;
    const reader = answer.body.getReader();
    try {
      return options.rebuild(answer, await readAll(reader, options.onBytes));
    } catch (error) {
      void reader.cancel(error).catch(() => undefined);
      return unreachable(error);
    }
  };
}

/** Headers for the 503 answer built by `respond`. */
export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

interface StandardAnswer extends Answer {
  statusText: string;
  headers: { forEach(each: (value: string, key: string) => void): void };
}
type AnswerConstructor = new (
  body: Uint8Array | string | null,
  init: { status: number; statusText?: string; headers: Record<string, string> },
) => StandardAnswer;
type BufferFrom = { from(bytes: Uint8Array): unknown };

/** Statuses whose answers may not carry a body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * `settledFetch` over the platform's standard fetch and Response. Where Node's `Buffer`
 * exists, the rebuilt answer also has node-fetch's `buffer()`: PouchDB's HTTP adapter
 * reads attachments with it in Node, and otherwise takes a Blob, which its Node adapters
 * cannot store (the memory adapter's md5 throws on one). Browsers have no `Buffer`, and
 * keep the Blob they need.
 */
export function settledStandardFetch<Args extends unknown[], Res extends StandardAnswer>(
  fetcher: (...args: Args) => Promise<Res>,
  onBytes?: (n: number) => void,
): (...args: Args) => Promise<Res> {
  const platform = globalThis as unknown as { Response: AnswerConstructor; Buffer?: BufferFrom };
  const make = (
    body: Uint8Array | string | null,
    status: number,
    headers: Record<string, string>,
    statusText = '',
  ) => new platform.Response(NO_BODY.has(status) ? null : body, { status, statusText, headers }) as Res;
  return settledFetch(fetcher, {
    respond: (status, json) => make(json, status, { ...JSON_HEADERS }),
    rebuild: (answer, bytes) => {
      const headers: Record<string, string> = {};
      // The body is decoded already: its old encoding and length no longer describe it.
      answer.headers.forEach((value, key) => {
        if (key !== 'content-encoding' && key !== 'content-length') headers[key] = value;
      });
      const rebuilt = make(bytes, answer.status, headers, answer.statusText);
      const nodeBuffer = platform.Buffer;
      if (nodeBuffer) Object.assign(rebuilt, { buffer: () => Promise.resolve(nodeBuffer.from(bytes)) });
      return rebuilt;
    },
    ...(onBytes ? { onBytes } : {}),
  });
}
