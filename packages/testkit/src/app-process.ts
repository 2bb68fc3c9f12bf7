/**
 * One Node child process under test (the built server, `rolegate worker`, …) that a test can
 * SIGKILL, SIGTERM and start again with the same command and settings.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sleep } from './sleep.js';

/** Output kept per process: enough for a failing test's message, bounded under heavy load. */
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
  /** The tail of everything the process printed since it was first started. */
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

export interface AppProcessOptions {
  label: string;
  /** Arguments to `node` (the script first). */
  args: string[];
  /** The whole environment besides PATH: nothing else of the test process leaks in. */
  env: Record<string, string>;
  /** Resolves when the fresh process is ready; throws to fail the start. */
  ready: (process: AppProcess, startedAt: number) => Promise<void>;
}

/** Every child still alive, so a test worker that exits never leaves processes behind. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/**
 * An empty working directory outside the checkout, so a developer's .env is never picked up. One
 * for all (new ones per process piled up when a test worker exited without its exit hook); every
 * caller gives DATABASE_URL, so nothing is written into it.
 */
function emptyWorkingDirectory(): string {
  const cwd = path.join(tmpdir(), 'rolegate-test-cwd');
  mkdirSync(cwd, { recursive: true });
  return cwd;
}

export function appProcess(options: AppProcessOptions): AppProcess {
  const cwd = emptyWorkingDirectory();
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

/** "code 1", "signal SIGKILL" or "not started": for a start that failed. */
export function describeExit(process: AppProcess): string {
  const exit = process.lastExit;
  if (exit === null) return 'not started';
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
}
