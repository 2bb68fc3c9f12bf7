/**
 * Child processes the bench starts: the production server and `rolegate worker` (plain node on the
 * build), and its own helpers (load generator, bare handler, per-message sender) through tsx.
 * Every child gets a clean environment, so settings from the shell or a .env never leak in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_DIR, childScript, TSX_LOADER } from './paths.js';

export interface Started {
  child: ChildProcess;
  /** Its working directory (empty, so no .env is found) and log file live here. */
  dir: string;
  logFile: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  logLines(): unknown[];
  /** SIGTERM, then SIGKILL after `graceMs`; removes the directory. */
  stop(graceMs?: number): Promise<number | null>;
}

function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
  };
}

/** Runs `node <script> …args` with its stdout and stderr going to a log file. */
export function startLogged(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  execArgv: readonly string[] = [],
): Started {
  const dir = mkdtempSync(path.join(tmpdir(), 'rolegate-bench-'));
  const logFile = path.join(dir, 'out.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...execArgv, script, ...args], {
    cwd: dir,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', fd, fd],
  });
  // The child has its own copy of the descriptor.
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    dir,
    logFile,
    exited,
    logLines: () => parseLogLines(readFileSync(logFile, 'utf8')),
    async stop(graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The log's JSON lines (pino); other lines come back as strings. */
export function parseLogLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return line;
      }
    });
}

export function logTail(started: Started, lines = 15): string {
  return readFileSync(started.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Waits until a log line has `msg` equal to `message`; fails if the process ends first. */
export async function waitForLogMessage(
  started: Started,
  message: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = started
      .logLines()
      .some(
        (line) =>
          typeof line === 'object' && line !== null && 'msg' in line && line.msg === message,
      );
    if (found) return;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(
    `No "${message}" in the log of ${started.child.spawnargs.join(' ')}:\n${logTail(started)}`,
  );
}

/**
 * Runs one of the bench's own helper scripts to the end and returns the JSON it printed last.
 * Its stderr is passed through so a crash is visible.
 */
export function runHelper<T>(
  name: string,
  input: unknown,
  env: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, childScript(name), JSON.stringify(input)],
      {
        cwd: BENCH_DIR,
        env: { ...baseEnv(), ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${name} exited with ${code}: ${last}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${name} printed no JSON result: ${out.slice(-500)}`));
      }
    });
  });
}

/** Starts one of the bench's helper servers; resolves once it printed `ready`. */
export async function startHelper(
  name: string,
  input: unknown,
  env: Record<string, string> = {},
): Promise<Started> {
  const started = startLogged(childScript(name), [JSON.stringify(input)], env, [
    '--import',
    TSX_LOADER,
  ]);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (readFileSync(started.logFile, 'utf8').includes('ready')) return started;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await started.stop();
  throw new Error(`${name} did not become ready:\n${logTail(started)}`);
}
