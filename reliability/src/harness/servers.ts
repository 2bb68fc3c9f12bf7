/**
 * Production servers and `rolegate worker` processes for a case: real `node dist/main.js` on a
 * free port, ready once /healthz answers 200 (@rolegate/testkit); workers ready once they log that
 * they started.
 */
import {
  type AppProcess,
  appProcess,
  assertServerBuilt,
  CLI_MAIN,
  describeExit,
  type ServerProcess,
  startBuiltServer,
} from '@rolegate/testkit';
import { sleep } from './wait.js';

const START_TIMEOUT_MS = 60_000;

export type { ServerProcess };
export type WorkerProcess = AppProcess;

/**
 * Starts `node apps/server/dist/main.js` with `env` (PORT is chosen here) and waits for /healthz.
 * APP_URL comes from `env` (the stack's one public origin) unless `ownOrigin` asks for its own.
 */
export const startServer = startBuiltServer;

/** Starts `rolegate worker` (`node apps/server/dist/cli/main.js worker`) and waits until it runs. */
export async function startWorker(
  env: Record<string, string>,
  { label = 'worker' }: { label?: string } = {},
): Promise<WorkerProcess> {
  assertServerBuilt();
  const process = appProcess({
    label,
    args: [CLI_MAIN, 'worker'],
    // The worker announces itself at info level; that line is how the harness knows it runs.
    env: { ...env, LOG_LEVEL: 'info' },
    ready: (self) => waitForOutput(self, 'outbox worker started'),
  });
  await process.start();
  return process;
}

async function waitForOutput(self: AppProcess, text: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (self.currentOutput().includes(text)) return;
    if (!self.running) throw new Error(`it exited (${describeExit(self)}) before it started`);
    await sleep(50);
  }
  throw new Error(`it did not print "${text}" within ${START_TIMEOUT_MS} ms`);
}
