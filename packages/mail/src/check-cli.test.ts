import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { type StartSmtpServerOptions, startSmtpServer } from './testing/index.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(packageDir, 'dist', 'check-cli.js');

/** The CLI runs from dist/ as users run it; rebuild only when a source file is newer. */
async function ensureBuilt(): Promise<void> {
  const built = await stat(cli)
    .then((info) => info.mtimeMs)
    .catch(() => 0);
  const sources = await readdir(join(packageDir, 'src'), { recursive: true });
  const mtimes = await Promise.all(
    sources
      .filter((file) => file.endsWith('.ts'))
      .map(async (file) => (await stat(join(packageDir, 'src', file))).mtimeMs),
  );
  if (Math.max(...mtimes) <= built) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir });
}

async function runCheck(env: Record<string, string>, args: string[] = []) {
  // Only PATH from the outer environment: EMAIL_* set for the test run must not leak in.
  const options = { env: { PATH: process.env.PATH ?? '', ...env } };
  try {
    const { stdout } = await run(process.execPath, [cli, ...args], options);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

/**
 * Closed when *its* test ends: these tests run concurrently, and the global onTestFinished cannot
 * tell them apart (it closed one test's server when another test finished, and the check then
 * met ECONNREFUSED), so each test passes its own context's.
 */
async function smtpServer(
  onTestFinished: TestContext['onTestFinished'],
  options: StartSmtpServerOptions = {},
) {
  const server = await startSmtpServer(options);
  onTestFinished(() => server.close());
  return server;
}

function envFor(port: number, more: Record<string, string> = {}): Record<string, string> {
  return {
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(port),
    EMAIL_TIMEOUT: '2',
    DEFAULT_FROM_EMAIL: 'rolegate@example.com',
    ADMINS: 'Ada <ada@example.com>',
    ...more,
  };
}

beforeAll(ensureBuilt, 120_000);

// Each test starts a Node process: on a loaded machine that alone can take seconds.
describe.concurrent('mail:check (node dist/check-cli.js)', { timeout: 60_000 }, () => {
  it('exits 0 and says mail works against a good server', async ({ onTestFinished }) => {
    const server = await smtpServer(onTestFinished);
    const { code, stdout } = await runCheck(envFor(server.port));
    expect(stdout).toContain('✓ The server accepts ada@example.com (ADMINS) as recipients');
    expect(stdout.trim().split('\n').at(-1)).toBe('✓ Mail works.');
    expect(code).toBe(0);
    expect(server.received).toHaveLength(0);
  });

  it('exits 1 and names the fix when EMAIL_USE_SSL is set for a STARTTLS port', async ({
    onTestFinished,
  }) => {
    const server = await smtpServer(onTestFinished, { security: 'starttls' });
    const { code, stdout } = await runCheck(envFor(server.port, { EMAIL_USE_SSL: 'true' }));
    expect(stdout).toContain(`✗ Port ${server.port} on 127.0.0.1 speaks STARTTLS`);
    expect(stdout).toContain('    Fix: Set EMAIL_USE_TLS=true and EMAIL_USE_SSL=false');
    expect(code).toBe(1);
  });

  it('prints every settings problem with its variable and fix, and exits 1', async () => {
    const { code, stdout } = await runCheck({ EMAIL_PORT: 'twenty-five', EMAIL_USE_TLS: 'maybe' });
    expect(stdout).toMatch(/✗ EMAIL_PORT: .*\n {4}Fix: /);
    expect(stdout).toMatch(/✗ EMAIL_USE_TLS: .*\n {4}Fix: /);
    expect(code).toBe(1);
  });

  it('sends one test message with --send-to', async ({ onTestFinished }) => {
    const server = await smtpServer(onTestFinished);
    const { code, stdout } = await runCheck(envFor(server.port), ['--send-to', 'me@example.net']);
    expect(stdout).toContain('✓ Sent a test message to me@example.net');
    expect(code).toBe(0);
    expect(server.received.map((message) => message.envelope.rcptTo)).toEqual([['me@example.net']]);
  });
});
