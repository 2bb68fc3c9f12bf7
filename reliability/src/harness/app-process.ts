/**
 * One production Rolegate process (`node apps/server/dist/main.js` or `… dist/cli/main.js worker`)
 * that a case can SIGKILL, SIGTERM and start again with the same settings and port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './wait.js';

export const SERVER_MAIN = fileURLToPath(
  new URL('../../../apps/server/dist/main.js', import.meta.url),
);
export const CLI_MAIN = fileURLToPath(
  new URL('../../../apps/server/dist/cli/main.js', import.meta.url),
);

/** Output kept per process: enough for a failing case's message, bounded under 500 sign-ups. */
const OUTPUT_LIMIT = 256 * 1024;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  readonly label: string;
  /** The running child's pid, or null between a kill and the next start. */
  readonly pid: number | null;
  readonly running: boolean;
  /** How the last run ended (null while running or before the first exit). */
  readonly lastExit: ExitInfo | null;
  /** The tail of everything the process printed since the harness first started it. */
  output(): string;
  /** What the current run printed (since the last start). */
  currentOutput(): string;
  /** Starts the process (again) with the same command and settings; resolves once it is ready. */
  start(): Promise<void>;
  /** Sends `signal` and waits for the exit (SIGKILL: no shutdown code runs). */
  kill(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

/** Every child still alive, so a test worker that exits never leaves servers behind. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export interface AppProcessOptions {
  label: string;
  args: string[];
  env: Record<string, string>;
  /** Resolves when the fresh process is ready; throws to fail the start. */
  ready: (process: AppProcess, startedAt: number) => Promise<void>;
}

export function appProcess(options: AppProcessOptions): AppProcess {
  for (const file of [SERVER_MAIN, CLI_MAIN]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: run \`pnpm --filter @rolegate/server build\` (or \`pnpm test\` from the root, which builds first).`,
      );
    }
  }
  // An empty working directory outside the checkout, so a developer's .env is never picked up.
  const cwd = path.join(tmpdir(), 'rolegate-reliability-cwd');
  mkdirSync(cwd, { recursive: true });
  let child: ChildProcess | null = null;
  let exited: Promise<ExitInfo> = Promise.resolve({ code: null, signal: null });
  let output = '';
  let runOutput = '';
  let lastExit: ExitInfo | null = null;

  const append = (chunk: Buffer) => {
    output += chunk.toString();
    runOutput += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT / 2);
    if (runOutput.length > OUTPUT_LIMIT) runOutput = runOutput.slice(-OUTPUT_LIMIT / 2);
  };

  const self: AppProcess = {
    label: options.label,
    get pid() {
      return child?.pid ?? null;
    },
    get lastExit() {
      return lastExit;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    output: () => output,
    currentOutput: () => runOutput,
    async start() {
      if (self.running) throw new Error(`${options.label} is already running`);
      const startedAt = Date.now();
      output += `\n--- ${options.label} started ---\n`;
      runOutput = '';
      const spawned = spawn(process.execPath, options.args, {
        cwd,
        env: { PATH: process.env.PATH ?? '', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = spawned;
      lastExit = null;
      alive.add(spawned);
      spawned.stdout?.on('data', append);
      spawned.stderr?.on('data', append);
      exited = new Promise((resolve) =>
        spawned.once('exit', (code, signal) => {
          alive.delete(spawned);
          lastExit = { code, signal };
          resolve(lastExit);
        }),
      );
      try {
        await options.ready(self, startedAt);
      } catch (error) {
        await self.kill('SIGKILL');
        throw new Error(
          `${options.label} did not become ready: ${error instanceof Error ? error.message : String(error)}\n${output.slice(-4000)}`,
        );
      }
    },
    async kill(signal = 'SIGKILL') {
      const current = child;
      if (current === null) return { code: null, signal: null };
      if (current.exitCode === null && current.signalCode === null) current.kill(signal);
      const info = await exited;
      if (child === current) child = null;
      return info;
    },
    async stop(graceMs = 15_000) {
      const current = child;
      if (current === null) return { code: null, signal: null };
      if (current.exitCode === null && current.signalCode === null) current.kill('SIGTERM');
      const info = await Promise.race([exited, sleep(graceMs).then(() => null)]);
      if (info !== null) {
        if (child === current) child = null;
        return info;
      }
      return self.kill('SIGKILL');
    },
  };
  return self;
}
