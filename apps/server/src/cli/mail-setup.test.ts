import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { certificateFor, startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import { runCli } from '../testing/run-cli.js';

const USER = 'me@example.com';
const PASSWORD = 'correct horse; battery';
const auth = { user: USER, pass: PASSWORD };

let cli: string;
let caFile: string;
let implicitTls: TestSmtpServer;
let starttls: TestSmtpServer;
let plain: TestSmtpServer;
let silent: TestSmtpServer;
let otherName: TestSmtpServer;
let refusing: Server;
let refusingPort: number;
let closedPort: number;

beforeAll(async () => {
  cli = await ensureCliBuilt();
  [implicitTls, starttls, plain, silent, otherName] = await Promise.all([
    startSmtpServer({ security: 'ssl', auth }),
    startSmtpServer({ security: 'starttls', auth }),
    startSmtpServer({ security: 'none', auth }),
    startSmtpServer({ faults: { neverGreet: true } }),
    certificateFor('mail.other.example').then((certificate) =>
      startSmtpServer({ security: 'ssl', auth, certificate }),
    ),
  ]);
  refusing = createServer((socket) => socket.end('554 5.7.1 No SMTP service here\r\n'));
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingPort = Number(Reflect.get(Object(refusing.address()), 'port'));
  const closed = await startSmtpServer();
  closedPort = closed.port;
  await closed.close();
  // Both certificates trusted, as a machine trusts public CAs: the other-name one still fails,
  // on its name alone.
  const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-setup-ca-'));
  caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, `${implicitTls.ca}\n${otherName.ca}\n`);
}, 120_000);
afterAll(async () => {
  await Promise.all([implicitTls, starttls, plain, silent, otherName].map((s) => s.close()));
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
});

async function projectDir(envText?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-setup-'));
  if (envText !== undefined) await writeFile(path.join(dir, '.env'), envText, { mode: 0o644 });
  return dir;
}

function rolegate(dir: string, args: string[], stdin = '') {
  return runCli(cli, args, {
    cwd: dir,
    stdin,
    env: { NODE_EXTRA_CA_CERTS: caFile, DATABASE_URL: 'pglite:memory:', LOG_LEVEL: 'silent' },
  });
}

const setup = (dir: string, ports: number[], extra: string[] = []) =>
  rolegate(
    dir,
    [
      'mail',
      'setup',
      '--from',
      USER,
      '--host',
      '127.0.0.1',
      '--ports',
      ports.join(','),
      '--password-stdin',
      '--yes',
      '--timeout',
      '20',
      ...extra,
    ],
    PASSWORD,
  );

// Each test runs the CLI (a Node start takes seconds on a loaded machine) and waits out a silent port.
describe.concurrent('rolegate mail setup against local servers', { timeout: 120_000 }, () => {
  it('picks implicit TLS among every kind of port, writes only the mail lines, and mail check passes', async () => {
    const dir = await projectDir(
      'PORT=4000\n# keep me\nEMAIL_HOST=old.example.com\nEMAIL_USE_TLS=true\nLOG_LEVEL=warn\n',
    );
    const ports = [
      closedPort,
      refusingPort,
      silent.port,
      plain.port,
      otherName.port,
      starttls.port,
      implicitTls.port,
    ];
    const run = await setup(dir, ports);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const port of ports) expect(run.stdout).toContain(`127.0.0.1:${port}`);
    expect(run.stdout).toContain(`Using 127.0.0.1:${implicitTls.port} (implicit TLS)`);
    expect(run.stdout).toContain(
      `EMAIL_URL=smtps://me%40example.com:***@127.0.0.1:${implicitTls.port}`,
    );
    expect(run.stdout).not.toContain(PASSWORD);

    const env = await readFile(path.join(dir, '.env'), 'utf8');
    expect(env).toBe(
      `PORT=4000\n# keep me\nEMAIL_URL=smtps://me%40example.com:${encodeURIComponent(PASSWORD)}@127.0.0.1:${implicitTls.port}\n` +
        'DEFAULT_FROM_EMAIL=me@example.com\nSERVER_EMAIL=me@example.com\nLOG_LEVEL=warn\n',
    );
    expect((await stat(path.join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(dir, '.env.bak'), 'utf8')).toContain(
      'EMAIL_HOST=old.example.com',
    );

    const check = await rolegate(dir, ['mail', 'check']);
    expect(check.stdout).toContain('✓ Logged in as me@example.com.');
    expect(check.stdout).toContain('✓ Mail works.');
    expect(check.code).toBe(0);
  });

  it('never proposes a password over plain text: with only plain, silent, refusing and wrong-name ports it writes nothing and says why for each', async () => {
    const dir = await projectDir('PORT=4000\n');
    const run = await setup(dir, [
      plain.port,
      silent.port,
      refusingPort,
      closedPort,
      otherName.port,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('No candidate works, so nothing was written.');
    const reason = (port: number) =>
      run.stdout.split('\n').find((line) => line.startsWith(`  127.0.0.1:${port} (--host): `)) ??
      '';
    expect(reason(plain.port)).toContain('the password would travel unencrypted');
    expect(reason(silent.port)).toContain('sent no greeting');
    expect(reason(refusingPort)).toContain('554 5.7.1 No SMTP service here');
    expect(reason(closedPort)).toContain('Nothing listens');
    expect(reason(otherName.port)).toContain('mail.other.example');
    expect(await readFile(path.join(dir, '.env'), 'utf8')).toBe('PORT=4000\n');
    expect(plain.events.filter((event) => event.type === 'auth')).toEqual([]);
  });

  it('picks STARTTLS when it is the only encrypted port, and --send-to sends a test message through it', async () => {
    const dir = await projectDir();
    const run = await setup(
      dir,
      [plain.port, starttls.port],
      ['--send-to', 'Tester <tester@example.com>'],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Using 127.0.0.1:${starttls.port} (STARTTLS)`);
    const [message] = await starttls.waitForMessages(1);
    expect(message?.envelope.rcptTo).toEqual(['tester@example.com']);
    expect(message?.secure).toBe(true);
    expect(run.stdout).toContain('✓ Sent a test message to tester@example.com');
  });

  it('--mailers writes MAILERS in Django 6.1 form, drops the settings it replaces, and mail check passes on it', async () => {
    const dir = await projectDir('PORT=4000\nEMAIL_TIMEOUT=5\nEMAIL_URL=smtp://old.example.com\n');
    const run = await setup(dir, [plain.port, starttls.port], ['--mailers']);
    expect(run.code).toBe(0);
    const env = await readFile(path.join(dir, '.env'), 'utf8');
    expect(env).not.toMatch(/EMAIL_TIMEOUT|EMAIL_URL/);
    const line = env.split('\n').find((entry) => entry.startsWith('MAILERS=')) ?? '';
    expect(JSON.parse(line.slice('MAILERS='.length).replace(/^'|'$/g, ''))).toEqual({
      default: {
        BACKEND: 'django.core.mail.backends.smtp.EmailBackend',
        OPTIONS: {
          host: '127.0.0.1',
          port: starttls.port,
          username: USER,
          password: PASSWORD,
          use_tls: true,
        },
      },
    });
    const check = await rolegate(dir, ['mail', 'check']);
    expect(check.stdout).toContain(`Mailer "default" (smtp+tls://127.0.0.1:${starttls.port}`);
    expect(check.stdout).toContain('✓ Mail works.');
    expect(check.code).toBe(0);
  });

  it('keeps the other mailers of an existing MAILERS and replaces only "default"', async () => {
    const bulk = {
      BACKEND: 'django.core.mail.backends.smtp.EmailBackend',
      OPTIONS: { host: 'smtp.sendgrid.net', port: 2525, use_tls: true },
    };
    const old = JSON.stringify({ default: { BACKEND: 'console' }, bulk });
    const dir = await projectDir(`PORT=4000\nMAILERS='${old}'\n`);
    const run = await setup(dir, [starttls.port]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('names other mailers too (bulk)');
    const env = await readFile(path.join(dir, '.env'), 'utf8');
    expect(env).not.toContain('EMAIL_URL');
    const line = env.split('\n').find((entry) => entry.startsWith('MAILERS=')) ?? '';
    const mailers = JSON.parse(line.slice('MAILERS='.length).replace(/^'|'$/g, ''));
    expect(Object.keys(mailers)).toEqual(['default', 'bulk']);
    expect(mailers.default.OPTIONS).toMatchObject({ port: starttls.port, use_tls: true });
    expect(mailers.bulk).toEqual(bulk);
  });

  it('exits 2 where --yes would need a question: no --from, no password', async () => {
    const dir = await projectDir();
    const noFrom = await rolegate(dir, ['mail', 'setup', '--yes', '--password-stdin']);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toContain('--from is required');
    const noPassword = await rolegate(dir, ['mail', 'setup', '--yes', '--from', USER]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('--password-stdin');
    const badPorts = await rolegate(dir, [
      'mail',
      'setup',
      '--yes',
      '--from',
      USER,
      '--ports',
      '587,x',
    ]);
    expect(badPorts.code).toBe(2);
  });
});
