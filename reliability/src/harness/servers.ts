/**
 * Production servers and `rolegate worker` processes for a case: real `node dist/main.js` on a
 * free port, ready once /healthz answers 200; workers ready once they log that they started.
 */
import { type AppProcess, appProcess, CLI_MAIN, SERVER_MAIN } from './app-process.js';
import { freePort } from './free-port.js';
import { sleep } from './wait.js';

const START_TIMEOUT_MS = 60_000;

export interface ServerProcess extends AppProcess {
  /** http://127.0.0.1:<port>: where to send requests (the port stays the same across restarts). */
  readonly url: string;
  readonly port: number;
}

export type WorkerProcess = AppProcess;

/** Starts `node apps/server/dist/main.js` with `env` (PORT is chosen here) and waits for /healthz. */
export async function startServer(
  env: Record<string, string>,
  { label = 'server' }: { label?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = appProcess({
    label,
    args: [SERVER_MAIN],
    env: { ...env, PORT: String(port) },
    ready: (self, startedAt) => waitForHealthz(self, url, startedAt),
  });
  await process.start();
  return Object.assign(process, { url, port });
}

/** Starts `rolegate worker` (`node apps/server/dist/cli/main.js worker`) and waits until it runs. */
export async function startWorker(
  env: Record<string, string>,
  { label = 'worker' }: { label?: string } = {},
): Promise<WorkerProcess> {
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

async function waitForHealthz(self: AppProcess, url: string, startedAt: number): Promise<void> {
  while (Date.now() - startedAt < START_TIMEOUT_MS) {
    if (!self.running)
      throw new Error(`it exited (${describeExit(self)}) before answering /healthz`);
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

async function waitForOutput(self: AppProcess, text: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (self.currentOutput().includes(text)) return;
    if (!self.running) throw new Error(`it exited (${describeExit(self)}) before it started`);
    await sleep(50);
  }
  throw new Error(`it did not print "${text}" within ${START_TIMEOUT_MS} ms`);
}

function describeExit(self: AppProcess): string {
  const exit = self.lastExit;
  if (exit === null) return 'not started';
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
}
