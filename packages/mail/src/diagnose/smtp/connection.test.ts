import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { diagnosisSettings } from '../../testing/settings.js';
import { smtpServers } from '../../testing/smtp-servers.js';
import type { SmtpTransport } from '../../transport.js';
import { diagnose } from '../diagnose.js';
import type { Diagnosis, Finding, Step } from '../types.js';

const smtpServer = smtpServers();

const settingsFor = (transport: SmtpTransport) =>
  diagnosisSettings(transport, [{ name: 'Admin', email: 'admin@example.com' }]);

function finding(diagnosis: Diagnosis, step: Step): Finding {
  const found = diagnosis.findings.find((item) => item.step === step && !item.ok);
  if (found === undefined)
    throw new Error(`no failing ${step} finding in ${JSON.stringify(diagnosis)}`);
  return found;
}

function skippedSteps(diagnosis: Diagnosis): Step[] {
  return diagnosis.findings.filter((item) => item.skipped).map((item) => item.step);
}

describe.concurrent('diagnose: reaching the server and its TLS mode', () => {
  it('says the host does not resolve and skips every later step', async () => {
    const diagnosis = await diagnose(
      settingsFor({ ...(await smtpServer()).transport(), host: 'nonexistent.invalid' }),
    );
    expect(diagnosis.ok).toBe(false);
    expect(finding(diagnosis, 'resolve').explanation).toContain(
      'The host nonexistent.invalid does not resolve',
    );
    expect(finding(diagnosis, 'resolve').fix).toContain('EMAIL_HOST');
    expect(skippedSteps(diagnosis)).toEqual(['connect', 'tls', 'auth', 'sender', 'recipients']);
  });

  it('says nothing listens when the connection is refused', async () => {
    const server = await smtpServer();
    const transport = server.transport();
    await server.close();
    const diagnosis = await diagnose(settingsFor(transport));
    const connect = finding(diagnosis, 'connect');
    expect(connect.explanation).toContain(`Nothing listens on 127.0.0.1:${transport.port}`);
    expect(connect.fix).toContain('EMAIL_PORT');
  });

  it('explains a server that never greets as a blocked port and suggests other ports or an HTTP API', async () => {
    const server = await smtpServer({ faults: { neverGreet: true } });
    const diagnosis = await diagnose(settingsFor(server.transport()));
    const connect = finding(diagnosis, 'connect');
    expect(connect.explanation).toContain('sent no greeting');
    expect(connect.explanation).toContain(`outbound port ${server.port} looks blocked`);
    expect(connect.fix).toMatch(/587 or 2525.*HTTP API such as SendGrid's or Mailgun's/);
    expect(skippedSteps(diagnosis)).toEqual(['tls', 'auth', 'sender', 'recipients']);
    expect(connect.detail).toMatch(/^no SMTP greeting within 2 s/);
  });

  it('names the greeting, not a TLS handshake, as what timed out when a server with TLS off never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = Number(Reflect.get(Object(silent.address()), 'port'));
    const server = await smtpServer();
    const diagnosis = await diagnose(settingsFor(server.transport({ port })));
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    expect(finding(diagnosis, 'connect').detail).toBe(
      'no SMTP greeting within 1.5 s, and no answer to a TLS handshake within 2 s after it',
    );
  }, 15_000);

  it('says a STARTTLS port is not implicit TLS when EMAIL_USE_SSL is set', async () => {
    const server = await smtpServer({ security: 'starttls' });
    const diagnosis = await diagnose(settingsFor(server.transport({ security: 'ssl' })));
    const tls = finding(diagnosis, 'tls');
    expect(tls.explanation).toContain(`Port ${server.port} on 127.0.0.1 speaks STARTTLS`);
    expect(tls.explanation).toContain('EMAIL_USE_SSL is true');
    expect(tls.explanation).toContain('wrong version number');
    expect(tls.fix).toContain('Set EMAIL_USE_TLS=true and EMAIL_USE_SSL=false');
  });

  it('says an implicit-TLS port never greets a STARTTLS client', async () => {
    const server = await smtpServer({ security: 'ssl' });
    const diagnosis = await diagnose(settingsFor(server.transport({ security: 'starttls' })));
    const tls = finding(diagnosis, 'tls');
    expect(tls.explanation).toContain('expects TLS from the first byte (implicit TLS)');
    expect(tls.explanation).toContain('Greeting never received');
    expect(tls.fix).toContain('Set EMAIL_USE_TLS=false and EMAIL_USE_SSL=true');
  });

  it('explains a self-signed certificate and how to trust it', async () => {
    const server = await smtpServer({ security: 'ssl' });
    const diagnosis = await diagnose(
      settingsFor(server.transport({ tls: { servername: 'localhost' } })),
    );
    const tls = finding(diagnosis, 'tls');
    expect(tls.explanation).toContain('is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(tls.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(skippedSteps(diagnosis)).toEqual(['auth', 'sender', 'recipients']);
  });

  it('explains a certificate issued for another host name', async () => {
    const server = await smtpServer({ security: 'starttls' });
    const transport = server.transport({ tls: { ca: server.ca, servername: 'mail.example.com' } });
    const diagnosis = await diagnose(settingsFor(transport));
    const tls = finding(diagnosis, 'tls');
    expect(tls.explanation).toContain('is for DNS:localhost');
    expect(tls.explanation).toContain('not for mail.example.com');
    expect(tls.fix).toContain('Set EMAIL_HOST to a name the certificate lists (localhost)');
  });

  it('passes a good STARTTLS server with a login, step by step', async () => {
    const server = await smtpServer({
      security: 'starttls',
      auth: { user: 'app', pass: 'secret' },
    });
    const diagnosis = await diagnose(settingsFor(server.transport()));
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.findings.map((item) => [item.step, item.ok])).toEqual([
      ['resolve', true],
      ['connect', true],
      ['tls', true],
      ['tls', true],
      ['auth', true],
      ['sender', true],
      ['recipients', true],
    ]);
    expect(diagnosis.findings.map((item) => item.explanation)).toContain(
      `Port ${server.port} on 127.0.0.1 speaks STARTTLS, as configured.`,
    );
    expect(server.events.filter((event) => event.type === 'auth')).toEqual([
      { type: 'auth', value: 'app', code: 235 },
    ]);
  });
});
