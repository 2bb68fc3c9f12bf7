import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
const WEB_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

export interface AppServer {
  /** The app's origin, e.g. http://127.0.0.1:41234: also its APP_URL. */
  url: string;
  /** Everything the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  // PORT must be 1–65535 (0 is refused), so ask the OS for a free one and hand it over.
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the real built server (`node apps/server/dist/main.js`) serving the built web app. */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  for (const [file, build] of [
    [SERVER_MAIN, '@rolegate/server'],
    [WEB_INDEX, '@rolegate/web'],
  ] as const) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: run \`pnpm --filter ${build} build\` (or \`pnpm test\`, which builds first).`,
      );
    }
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own working directory, so a developer's .env in the checkout is not picked up.
  const cwd = await mkdtemp(path.join(tmpdir(), 'rolegate-web-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      APP_URL: url,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(cwd, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited with code ${child.exitCode} before it was ready:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The server did not answer /healthz within 60 s:\n${output}`);
}
