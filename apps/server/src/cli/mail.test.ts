import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import { runCli } from '../testing/run-cli.js';

let cli: string;
let good: TestSmtpServer;
let refusing: TestSmtpServer;
let closedPort: number;

beforeAll(async () => {
  cli = await ensureCliBuilt();
  good = await startSmtpServer();
  refusing = await startSmtpServer({
    faults: {
      mailFrom: {
        code: 550,
        message: '5.7.60 Client does not have permission to send as this sender',
      },
    },
  });
  const closed = await startSmtpServer();
  closedPort = closed.port;
  await closed.close();
}, 120_000);
afterAll(async () => {
  await good.close();
  await refusing.close();
});

/** `rolegate mail …` as a separate process, with only the settings given here. */
function rolegateMail(args: string[], port: number) {
  return runCli(cli, ['mail', ...args], {
    env: {
      DATABASE_URL: 'pglite:memory:',
      LOG_LEVEL: 'silent',
      EMAIL_URL: `smtp://127.0.0.1:${port}`,
      EMAIL_TIMEOUT: '5',
      DEFAULT_FROM_EMAIL: 'rolegate@example.com',
      SERVER_EMAIL: 'rolegate@example.com',
      ADMINS: 'Grace Hopper <grace@example.com>',
    },
  });
}

describe('rolegate mail check', () => {
  it('exits 0 and says mail works against a good server, sending nothing', async () => {
    const run = await rolegateMail(['check'], good.port);
    expect(run.stdout).toContain('Mail works');
    expect(run.code).toBe(0);
    expect(good.received).toEqual([]);
    expect(good.events.map((event) => event.type)).toEqual(['mailFrom', 'rcptTo']);
  });

  it('exits 1 and explains a refused sender', async () => {
    const run = await rolegateMail(['check'], refusing.port);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('5.7.60');
    expect(run.stdout).toContain('Mail does not work');
  });

  it.each(['console:', 'memory:', 'dummy:'])(
    'exits 1 and says nobody receives mail with EMAIL_URL=%s',
    async (url) => {
      const run = await runCli(cli, ['mail', 'check'], {
        env: { DATABASE_URL: 'pglite:memory:', LOG_LEVEL: 'silent', EMAIL_URL: url },
      });
      expect(run.stdout).toContain('nobody receives mail');
      expect(run.stdout).not.toContain('Mail works');
      expect(run.code).toBe(1);
    },
  );

  it('exits 1 when nothing listens on the port', async () => {
    const run = await rolegateMail(['check'], closedPort);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Mail does not work');
  });

  it('sends a test message with --send-to', async () => {
    const run = await rolegateMail(['check', '--send-to', 'ops@example.com'], good.port);
    expect(run.code).toBe(0);
    expect(good.received.at(-1)?.envelope.rcptTo).toEqual(['ops@example.com']);
  });
});

describe('rolegate mail send-test', () => {
  it('sends one message directly and exits 0', async () => {
    const before = good.received.length;
    const run = await rolegateMail(['send-test', '--to', 'ada@example.com'], good.port);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sent a test message to ada@example.com');
    expect(good.received).toHaveLength(before + 1);
    expect(good.received.at(-1)?.parsed.subject).toBe('[Rolegate] Test message');
  });

  it('takes --to in the "Name <address>" form the settings accept', async () => {
    const run = await rolegateMail(['send-test', '--to', 'Tester <tester@example.com>'], good.port);
    expect(run.code).toBe(0);
    expect(good.received.at(-1)?.envelope.rcptTo).toEqual(['tester@example.com']);
    expect(good.received.at(-1)?.parsed.to).toMatchObject({
      value: [{ name: 'Tester', address: 'tester@example.com' }],
    });
  });

  it('exits 1 with the reason when the server refuses', async () => {
    const run = await rolegateMail(['send-test', '--to', 'ada@example.com'], refusing.port);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Not sent to ada@example.com: SMTP refused: 550 5.7.60');
  });

  it('--mailer sends through that MAILERS entry; an unknown name exits 2 listing the mailers', async () => {
    const mailers = JSON.stringify({
      default: { BACKEND: 'smtp', OPTIONS: { host: '127.0.0.1', port: refusing.port } },
      bulk: { BACKEND: 'smtp', OPTIONS: { host: '127.0.0.1', port: good.port } },
    });
    const env = { DATABASE_URL: 'pglite:memory:', LOG_LEVEL: 'silent', MAILERS: mailers };
    const before = good.received.length;
    const sent = await runCli(
      cli,
      ['mail', 'send-test', '--to', 'ada@example.com', '--mailer', 'bulk'],
      { env },
    );
    expect(sent.stdout).toContain(
      "Sent a test message to ada@example.com through the mailer 'bulk'",
    );
    expect(sent.code).toBe(0);
    expect(good.received).toHaveLength(before + 1);
    const unknown = await runCli(
      cli,
      ['mail', 'send-test', '--to', 'ada@example.com', '--mailer', 'news'],
      { env },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "No mailer is named 'news': the configured mailers are 'default', 'bulk'.",
    );
  });

  it('exits 2 without --to', async () => {
    const run = await rolegateMail(['send-test'], good.port);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to');
  });
});

describe('rolegate --help', () => {
  it.each([
    ['mail', '--help'],
    ['mail', 'check', '--help'],
    ['mail', 'setup', '--help'],
    ['mail', 'send-test', '-h'],
    ['create-admin', '--help'],
    ['migrate', '--help'],
    ['worker', '--help'],
  ])('rolegate %s %s prints the usage and exits 0', async (...args) => {
    const run = await runCli(cli, args, { env: { DATABASE_URL: 'pglite:memory:' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: rolegate /);
    expect(run.code).toBe(0);
  });
});
