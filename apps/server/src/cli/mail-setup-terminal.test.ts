/**
 * The interactive path of `rolegate mail setup`, in a real pseudo-terminal: util-linux's `script`
 * gives the CLI a terminal (so it asks, and reads the password without echo) and relays our answers.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';

const PASSWORD = 'hidden-in-the-terminal';
let cli: string;
let server: TestSmtpServer;

beforeAll(async () => {
  cli = await ensureCliBuilt();
  server = await startSmtpServer({
    security: 'starttls',
    auth: { user: 'me@example.com', pass: PASSWORD },
  });
}, 120_000);
afterAll(() => server.close());

/** Runs `command` in a pseudo-terminal; each time `prompt` appears on it, types `answer`. */
function inTerminal(
  command: string[],
  cwd: string,
  env: Record<string, string>,
  answers: [prompt: string, answer: string][],
): Promise<{ code: number | null; screen: string }> {
  const quoted = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', quoted, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TERM: 'dumb', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let next = 0;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    const pending = answers[next];
    if (pending !== undefined && screen.includes(pending[0])) {
      next++;
      child.stdin.write(`${pending[1]}\r`);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

it('asks for the address, login and password (without echo) in a terminal, then writes the settings', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-setup-tty-'));
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, server.ca);
  const run = await inTerminal(
    [process.execPath, cli, 'mail', 'setup', '--host', '127.0.0.1', '--ports', String(server.port)],
    dir,
    { NODE_EXTRA_CA_CERTS: caFile },
    [
      ['Send mail from which address', 'me@example.com'],
      ['Login name [me@example.com]', ''],
      ['Password (empty: no login)', PASSWORD],
      ['Write the mail settings to', 'y'],
    ],
  );
  expect(run.screen).toContain(`Using 127.0.0.1:${server.port} (STARTTLS)`);
  expect(run.screen).not.toContain(PASSWORD);
  expect(run.code).toBe(0);
  const env = await readFile(path.join(dir, '.env'), 'utf8');
  expect(env).toContain(
    `EMAIL_URL=smtp+tls://me%40example.com:${PASSWORD}@127.0.0.1:${server.port}`,
  );
}, 120_000);
