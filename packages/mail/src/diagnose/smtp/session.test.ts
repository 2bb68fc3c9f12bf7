import { type AddressInfo, createServer, connect as tcpConnect } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { diagnosisSettings } from '../../testing/settings.js';
import { smtpServers } from '../../testing/smtp-servers.js';
import type { SmtpTransport } from '../../transport.js';
import { diagnose } from '../diagnose.js';
import type { Diagnosis, Finding, Step } from '../types.js';

const smtpServer = smtpServers();

const settingsFor = (transport: SmtpTransport) =>
  diagnosisSettings(transport, [
    { name: 'Ada', email: 'ada@example.com' },
    { name: null, email: 'ops@example.org' },
  ]);

function failing(diagnosis: Diagnosis, step: Step): Finding {
  const found = diagnosis.findings.find((item) => item.step === step && !item.ok && !item.skipped);
  if (found === undefined)
    throw new Error(`no failing ${step} finding in ${JSON.stringify(diagnosis)}`);
  return found;
}

/**
 * A TCP relay that records the lines the client sends, to see RSET and the absence of DATA. Takes
 * the test context's onTestFinished: the global one cannot tell concurrent tests apart.
 */
async function recordClientCommands(port: number, onTestFinished: TestContext['onTestFinished']) {
  const commands: string[] = [];
  const relay = createServer((client) => {
    const upstream = tcpConnect(port, '127.0.0.1');
    client.on('data', (chunk: Buffer) =>
      commands.push(...chunk.toString('latin1').split('\r\n').filter(Boolean)),
    );
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => relay.close(() => resolve())));
  return { port: (relay.address() as AddressInfo).port, commands };
}

describe.concurrent('diagnose: login, sender and recipients', () => {
  it('passes a good plaintext server without delivering anything, ending with RSET', async ({
    onTestFinished,
  }) => {
    const server = await smtpServer();
    const relay = await recordClientCommands(server.port, onTestFinished);
    const diagnosis = await diagnose(settingsFor(server.transport({ port: relay.port })));
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.findings.every((item) => item.ok)).toBe(true);
    expect(server.received).toHaveLength(0);
    const envelope = relay.commands.filter((line) => /^(MAIL|RCPT|RSET|DATA)/.test(line));
    expect(envelope).toEqual([
      'MAIL FROM:<rolegate@example.com>',
      'RCPT TO:<ada@example.com>',
      'RCPT TO:<ops@example.org>',
      'RSET',
    ]);
  });

  it('explains refused credentials (535 5.7.8)', async () => {
    const server = await smtpServer({ auth: { user: 'app', pass: 'secret' } });
    const diagnosis = await diagnose(settingsFor(server.transport({ password: 'wrong' })));
    const auth = failing(diagnosis, 'auth');
    expect(auth.explanation).toBe('The server refused the user name and password (535 5.7.8).');
    expect(auth.fix).toContain('EMAIL_HOST_USER');
    expect(auth.fix).toContain('EMAIL_HOST_PASSWORD');
    expect(diagnosis.findings.filter((item) => item.skipped).map((item) => item.step)).toEqual([
      'sender',
      'recipients',
    ]);
  });

  it('explains Gmail asking for an app password (534 5.7.9)', async () => {
    const server = await smtpServer({
      security: 'starttls',
      auth: { user: 'me@gmail.com', pass: 'account-password' },
      faults: { auth: { code: 534, message: '5.7.9 Application-specific password required.' } },
    });
    const auth = failing(await diagnose(settingsFor(server.transport())), 'auth');
    expect(auth.explanation).toContain('Gmail wants an app password');
    expect(auth.fix).toContain('Create an App Password');
    expect(auth.fix).toContain('use it as EMAIL_HOST_PASSWORD');
  });

  it('explains Office 365 with SMTP AUTH disabled (535 5.7.139)', async () => {
    const server = await smtpServer({
      security: 'starttls',
      auth: { user: 'me@contoso.com', pass: 'secret' },
      faults: {
        auth: {
          code: 535,
          message:
            '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.',
        },
      },
    });
    const auth = failing(await diagnose(settingsFor(server.transport())), 'auth');
    expect(auth.explanation).toContain('Authenticated SMTP is turned off');
    expect(auth.fix).toContain(
      'Enable Authenticated SMTP for the mailbox in the Microsoft 365 admin center',
    );
  });

  it('says a login is required (530) when no user is set', async () => {
    const server = await smtpServer({ auth: { user: 'app', pass: 'secret' } });
    const diagnosis = await diagnose(
      settingsFor(server.transport({ username: null, password: null })),
    );
    const auth = failing(diagnosis, 'auth');
    expect(auth.explanation).toContain('requires a login before it takes mail (530)');
    expect(auth.explanation).toContain('EMAIL_HOST_USER is not set');
    expect(auth.fix).toBe(
      "Set EMAIL_HOST_USER and EMAIL_HOST_PASSWORD to the account's credentials.",
    );
  });

  it('fails when a user is set but the server offers no login', async () => {
    const server = await smtpServer();
    const diagnosis = await diagnose(
      settingsFor(server.transport({ username: 'app', password: 'x' })),
    );
    expect(diagnosis.ok).toBe(false);
    const auth = failing(diagnosis, 'auth');
    expect(auth.explanation).toContain(
      'offers no login (AUTH) on this connection, but EMAIL_HOST_USER is set',
    );
    expect(auth.fix).toContain('set EMAIL_USE_TLS=true and EMAIL_USE_SSL=false');
    expect(auth.fix).toContain('unset EMAIL_HOST_USER and EMAIL_HOST_PASSWORD');
  });

  it('says when the account may not send as DEFAULT_FROM_EMAIL (550 5.7.60)', async () => {
    const server = await smtpServer({
      auth: { user: 'app@contoso.com', pass: 'secret' },
      faults: {
        mailFrom: {
          code: 550,
          message: '5.7.60 SMTP; Client does not have permissions to send as this sender',
        },
      },
    });
    const diagnosis = await diagnose(settingsFor(server.transport()));
    const sender = failing(diagnosis, 'sender');
    expect(sender.explanation).toBe(
      'The server does not let app@contoso.com send as rolegate@example.com (550 5.7.60).',
    );
    expect(sender.fix).toContain(
      'Set DEFAULT_FROM_EMAIL and SERVER_EMAIL to an address the account owns',
    );
    expect(sender.fix).toContain('send-as rights');
    expect(server.received).toHaveLength(0);
  });

  it('says when the server refuses to relay to a recipient', async () => {
    const server = await smtpServer({
      faults: {
        rcptTo: { code: 554, message: '5.7.1 Relay access denied', addresses: ['ops@example.org'] },
      },
    });
    const diagnosis = await diagnose(settingsFor(server.transport()));
    expect(diagnosis.ok).toBe(false);
    const recipients = failing(diagnosis, 'recipients');
    expect(recipients.explanation).toContain('refuses to relay to ops@example.org (554 5.7.1)');
    expect(recipients.fix).toContain('Set EMAIL_HOST_USER and EMAIL_HOST_PASSWORD');
    expect(diagnosis.findings.filter((item) => !item.ok)).toHaveLength(1);
  });

  it('sends exactly one test message with sendTo and reports the reply', async () => {
    const server = await smtpServer({
      security: 'starttls',
      auth: { user: 'app', pass: 'secret' },
    });
    const diagnosis = await diagnose(settingsFor(server.transport()), { sendTo: 'me@example.net' });
    expect(diagnosis.ok).toBe(true);
    const send = diagnosis.findings.find((item) => item.step === 'send');
    expect(send?.ok).toBe(true);
    expect(send?.explanation).toMatch(
      /^Sent a test message to me@example.net; the server answered "250 /,
    );
    const [message] = await server.waitForMessages(1);
    expect(server.received).toHaveLength(1);
    expect(message?.envelope).toEqual({
      mailFrom: 'rolegate@example.com',
      rcptTo: ['me@example.net'],
    });
    expect(message?.parsed.subject).toMatch(/^Test email from .+ on /);
    expect(message?.parsed.text?.trim()).toBe("If you're reading this, it was successful.");
  });
});
