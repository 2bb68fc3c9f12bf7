/**
 * The production server as users run it, `node apps/server/dist/main.js`, on a free port, ready
 * once /healthz answers 200.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppProcess, appProcess, describeExit } from './app-process.js';
import { freePort } from './free-port.js';
import { sleep } from './sleep.js';

// This file runs from packages/testkit/dist/: the server's build is three folders up. A path, not
// an import of @rolegate/server, which lists this package among its own dev dependencies.
const SERVER_DIST = fileURLToPath(new URL('../../../apps/server/dist/', import.meta.url));
export const SERVER_MAIN = path.join(SERVER_DIST, 'main.js');
export const CLI_MAIN = path.join(SERVER_DIST, 'cli', 'main.js');

const START_TIMEOUT_MS = 60_000;

/** Fails with the command that fixes it when apps/server has not been built. */
export function assertServerBuilt(): void {
  for (const file of [SERVER_MAIN, CLI_MAIN]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: run \`pnpm --filter @rolegate/server build\` (or \`pnpm test\` from the root, which builds first).`,
      );
    }
  }
}

export interface ServerProcess extends AppProcess {
  /** http://127.0.0.1:<port>: where to send requests (the port stays the same across restarts). */
  readonly url: string;
  readonly port: number;
}

export interface BuiltServerOptions {
  label?: string;
  /**
   * APP_URL = the server's own address, so pages a browser loads from it may call mutations (the
   * Origin check compares with APP_URL). Otherwise `env` gives APP_URL, e.g. one origin shared by
   * several servers behind a load balancer.
   */
  ownOrigin?: boolean;
  /** The script to run instead of apps/server/dist/main.js (e.g. a release folder's main.js). */
  main?: string;
}

/** Starts `node apps/server/dist/main.js` (or `main`) with `env` (PORT is chosen here) and waits for /healthz. */
export async function startBuiltServer(
  env: Record<string, string>,
  { label = 'server', ownOrigin = false, main }: BuiltServerOptions = {},
): Promise<ServerProcess> {
  if (main === undefined) assertServerBuilt();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = appProcess({
    label,
    args: [main ?? SERVER_MAIN],
    env: { ...env, PORT: String(port), ...(ownOrigin ? { APP_URL: url } : {}) },
    ready: (self, startedAt) => waitForHealthz(self, url, startedAt),
  });
  await server.start();
  return Object.assign(server, { url, port });
}

async function waitForHealthz(self: AppProcess, url: string, startedAt: number): Promise<void> {
  while (Date.now() - startedAt < START_TIMEOUT_MS) {
    if (!self.running) {
      throw new Error(`it exited (${describeExit(self)}) before answering /healthz`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`/healthz did not answer 200 within ${START_TIMEOUT_MS} ms`);
}
