/** Load from a separate process (children/load.ts), so the generator never slows what it measures. */
import { runHelper } from './processes.js';
import type { RunningServer } from './server.js';

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  kind: 'signup' | 'get';
  /** signup: the Origin header mutations need (APP_URL). */
  origin?: string;
  role?: 'reader' | 'contributor' | 'editor' | 'power';
  /** get: the path and headers of every request. */
  path?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** 2xx answers. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** 2xx answers per second. */
  perSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
}

/** Runs the load; fails when anything but 2xx came back, since the figures would then lie. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.seconds <= 0) throw new Error('runLoad: seconds must be > 0.');
  const result = await runHelper<LoadResult>('load', spec);
  if (result.ok === 0 || result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `Load on ${spec.url} (${spec.kind}) got ${result.ok} OK, ${result.non2xx} non-2xx and ${result.errors} errors: the server refused or failed requests.`,
    );
  }
  return result;
}

/** A warm-up run (JIT, pools, caches), its figures thrown away; none when seconds is 0. */
export async function warmUp(spec: LoadSpec): Promise<void> {
  if (spec.seconds > 0) await runLoad(spec);
}

/** Power sign-ups against the production server (rows 1 and 2): a new email each request. */
export function signUpLoad(server: RunningServer, connections: number): Omit<LoadSpec, 'seconds'> {
  return { url: server.url, origin: server.origin, kind: 'signup', connections };
}
