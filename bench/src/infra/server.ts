/** The production server (`node apps/server/dist/main.js`) as a child process, on loopback. */
import { performance } from 'node:perf_hooks';
import { CLI_MAIN, freePort, SERVER_MAIN } from '@rolegate/testkit';
import { logTail, removeDir, type Started, startLogged, waitForLogMessage } from './processes.js';

export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

export interface RunningServer {
  url: string;
  /** What mutations must send as Origin (APP_URL). */
  origin: string;
  /** Process start to the first 200 on /healthz. */
  startMs: number;
  /** SIGTERM; resolves with the event-loop delay the server logged while serving. */
  stop(): Promise<{ exitCode: number | null; eventLoopDelayMs: EventLoopDelay | null }>;
}

export interface ServerOptions {
  databaseUrl: string;
  /** More settings: EMAIL_URL, ADMINS, … */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Spawns the server and polls /healthz every 5 ms until it answers 200. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const started = startLogged(SERVER_MAIN, [], {
    PORT: String(port),
    APP_URL: origin,
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'info',
    // Every load request comes from 127.0.0.1: the per-IP limits would refuse the benchmark.
    RATE_LIMIT_SIGNUPS_PER_HOUR: '0',
    RATE_LIMIT_LOGINS_PER_15_MIN: '0',
    RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: '0',
    // The rows measure the flows they were written for; the verification row sets `required`.
    EMAIL_VERIFICATION: 'off',
    EMAIL_URL: 'dummy:',
    ...options.env,
  });
  let startMs: number;
  try {
    startMs = (await waitForHealthy(started, `${origin}/healthz`, options.timeoutMs)) - startedAt;
  } catch (error) {
    await started.stop();
    removeDir(started.dir);
    throw error;
  }
  return {
    url: origin,
    origin,
    startMs,
    async stop() {
      const exitCode = await started.stop();
      const eventLoopDelayMs = findEventLoopDelay(started.logLines());
      removeDir(started.dir);
      return { exitCode, eventLoopDelayMs };
    },
  };
}

// Generous: the figure is the start time, not this limit, and `pnpm test` runs the smoke bench
// beside every other suite, where a PGlite cold start on two loaded cores has taken 25 s.
async function waitForHealthy(started: Started, url: string, timeoutMs = 180_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // Not listening yet.
    }
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`The server did not answer 200 on ${url}:\n${logTail(started)}`);
}

function findEventLoopDelay(lines: unknown[]): EventLoopDelay | null {
  for (const line of lines) {
    if (typeof line === 'object' && line !== null && 'eventLoopDelayMs' in line) {
      return line.eventLoopDelayMs as EventLoopDelay;
    }
  }
  return null;
}

/** `rolegate worker` processes (MAIL_WORKER's separate-process form), ready once they log it. */
export async function startWorkers(
  count: number,
  env: Record<string, string>,
): Promise<{ stop(): Promise<void> }> {
  const workers = Array.from({ length: count }, () =>
    startLogged(CLI_MAIN, ['worker'], { LOG_LEVEL: 'info', ...env }),
  );
  try {
    await Promise.all(workers.map((worker) => waitForLogMessage(worker, 'outbox worker started')));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.stop()));
    throw error;
  }
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
      for (const worker of workers) removeDir(worker.dir);
    },
  };
}
