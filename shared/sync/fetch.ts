/**
 * A fetch for PouchDB's HTTP adapter that turns a failed connection into a 503 answer
 * instead of a rejected promise. PouchDB leaves some rejected requests unhandled (which
 * stops a Node process and litters a browser console), while an error answer goes
 * through its normal retry-with-backoff path. A request the caller aborted stays aborted.
 *
 * shared/ knows neither the DOM nor Node, so the caller passes its fetch and a way to
 * build a response (both are the standard Fetch API in Node 20 and every browser).
 */
export function unreachableAs503<Args extends unknown[], Res>(
  fetcher: (...args: Args) => Promise<Res>,
  respond: (status: number, json: string) => Res,
): (...args: Args) => Promise<Res> {
  return (...args) =>
    fetcher(...args).catch((error: unknown) => {
      if ((error as Error | undefined)?.name === 'AbortError') throw error;
      return respond(
        503,
        JSON.stringify({ error: 'unreachable', reason: String((error as Error)?.message ?? error) }),
      );
    });
}

/** Headers for the 503 answer built by `respond`. */
export const JSON_HEADERS = { 'content-type': 'application/json' } as const;
