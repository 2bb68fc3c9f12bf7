/**
 * A person talking to the servers: a typed @trpc/client over HTTP with their own cookie jar and
 * the Origin a browser on APP_URL sends. One person may switch servers (a load balancer would).
 */
import type { AppRouter } from '@rolegate/server';
import { CookieJar } from '@rolegate/testkit';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

export type Trpc = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface PersonOptions {
  /** The server to call; a function to pick one per request (round robin, the restarted one…). */
  baseUrl: string | (() => string);
  /** Origin header on every request; default the base URL's origin. null sends none. */
  origin?: string | null;
  headers?: Record<string, string>;
  /** Per-request timeout, so no case waits forever on a hung server (default 15 s). */
  timeoutMs?: number;
}

export interface Person {
  trpc: Trpc;
  jar: CookieJar;
  /** fetch against the current base URL with the jar's cookies and the Origin (raw HTTP checks). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function person(options: PersonOptions): Person {
  const jar = new CookieJar();
  const base =
    typeof options.baseUrl === 'function' ? options.baseUrl : () => options.baseUrl as string;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const jarFetch = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(path, base());
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const origin = options.origin === undefined ? url.origin : options.origin;
    if (origin !== null && !headers.has('origin')) headers.set('origin', origin);
    const cookie = jar.header();
    if (cookie !== undefined) headers.set('cookie', cookie);
    const signal = init.signal ?? AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, { ...init, headers, signal });
    jar.store(response.headers);
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: '/trpc',
        // The link's URL is relative: jarFetch resolves it against whichever server is current.
        fetch: (input, init) => jarFetch(relativePath(String(input)), init as RequestInit),
      }),
    ],
  });
  return { trpc, jar, fetch: jarFetch };
}

function relativePath(input: string): string {
  return input.startsWith('/') ? input : new URL(input).pathname + new URL(input).search;
}

/**
 * How a call ended, for counting under load: 'ok', a tRPC code, 'http-<status>', 'timeout' (no
 * answer within the person's timeoutMs: a hang) or 'network' (refused, reset).
 */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: unknown; httpStatus?: unknown } | undefined;
      if (typeof data?.code === 'string') return data.code;
      if (typeof data?.httpStatus === 'number') return `http-${data.httpStatus}`;
      return isTimeout(error.cause)
        ? 'timeout'
        : error.cause instanceof Error
          ? 'network'
          : 'unknown';
    }
    return isTimeout(error) ? 'timeout' : 'network';
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The error a call rejected with as a TRPCClientError (fails the case if it resolved). */
export async function clientError(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) {
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  }
  return error as TRPCClientError<AppRouter>;
}
