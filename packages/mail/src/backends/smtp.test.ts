import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from '../classify.js';
import { getConnection } from '../connection.js';
import type { TestSmtpServer } from '../testing/index.js';
import { testMessage } from '../testing/message.js';
import { closedPort, settingsFor } from '../testing/settings.js';
import { smtpServers } from '../testing/smtp-servers.js';
import type { Security } from '../transport.js';

const server = smtpServers();

/** Sends one message through `transport`; resolves to the error, or null when it went through. */
async function failureOf(smtp: TestSmtpServer, overrides = {}): Promise<unknown> {
  const connection = getConnection(smtp.transport(overrides), {
    settings: settingsFor({ backend: 'dummy' }),
  });
  return connection.sendMessages([testMessage()]).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('delivery', () => {
  it.each<[Security, boolean]>([
    ['none', false],
    ['starttls', true],
    ['ssl', true],
  ])('works over %s, encrypted: %s', async (security, encrypted) => {
    const smtp = await server({ security, auth: { user: 'mailer', pass: 'secret' } });
    const sent = await getConnection(smtp.transport()).sendMessages([testMessage()]);
    expect(sent).toBe(1);
    const [received] = await smtp.waitForMessages(1);
    expect(received?.secure).toBe(encrypted);
    expect(received?.user).toBe('mailer');
  });

  it('delivers every field as built', async () => {
    const smtp = await server({ security: 'starttls' });
    const original = testMessage({
      subject: 'Décision: approved',
      body: 'Plain body',
      fromEmail: 'Rolegate <noreply@rolegate.test>',
      to: ['Ann <ann@example.com>'],
      cc: ['carl@example.com'],
      bcc: ['secret@example.com'],
      replyTo: ['support@rolegate.test'],
      headers: { 'X-Rolegate-Request': '17' },
    });
    original.attachAlternative('<p>HTML body</p>', 'text/html');
    original.attach('report.csv', 'a,b\n1,2\n', 'text/csv');
    original.attach('blob.bin', Buffer.from([0, 159, 255]), 'application/octet-stream');
    expect(await getConnection(smtp.transport()).sendMessages([original])).toBe(1);

    const [received] = await smtp.waitForMessages(1);
    if (!received) throw new Error('nothing received');
    const { parsed, envelope } = received;
    expect(parsed.from?.value).toEqual([{ name: 'Rolegate', address: 'noreply@rolegate.test' }]);
    expect(parsed.subject).toBe('Décision: approved');
    expect(parsed.text?.trim()).toBe('Plain body');
    expect(parsed.html).toBe('<p>HTML body</p>');
    expect(parsed.messageId).toBe(original.messageId);
    expect(parsed.date?.getTime()).toBe(original.date.getTime());
    expect(parsed.headers.get('x-rolegate-request')).toBe('17');
    const addresses = (field: typeof parsed.to) =>
      (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
        a.value.map((v) => v.address),
      );
    expect(addresses(parsed.to)).toEqual(['ann@example.com']);
    expect(addresses(parsed.cc)).toEqual(['carl@example.com']);
    expect(addresses(parsed.replyTo)).toEqual(['support@rolegate.test']);
    expect(
      parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString('hex')]),
    ).toEqual([
      ['report.csv', 'text/csv', Buffer.from('a,b\n1,2\n').toString('hex')],
      ['blob.bin', 'application/octet-stream', '009fff'],
    ]);
    expect(envelope.mailFrom).toBe('noreply@rolegate.test');
    expect(envelope.rcptTo).toEqual(['ann@example.com', 'carl@example.com', 'secret@example.com']);
    expect(parsed.bcc).toBeUndefined();
    expect(received.raw).not.toContain('secret@example.com');
  });

  it('keeps the connection after a refused message (RSET) and sends the next one on it', async () => {
    const smtp = await server();
    smtp.setFaults({ rcptTo: { code: 550, addresses: ['gone@example.com'] } });
    const connection = getConnection(smtp.transport(), { failSilently: true });
    const sent = await connection.sendMessages([
      testMessage({ to: ['gone@example.com'] }),
      testMessage({ to: ['ann@example.com'] }),
    ]);
    expect(sent).toBe(1);
    expect(smtp.connections).toBe(1);
    expect(smtp.received.map((r) => r.envelope.rcptTo)).toEqual([['ann@example.com']]);
  });

  it('reconnects for the next message after the server dropped the connection mid-DATA', async () => {
    const smtp = await server();
    smtp.setFaults({ dropDuringData: true });
    const connection = getConnection(smtp.transport());
    await connection.open();
    // The small message was all written before the drop: it may have arrived, as far as we know.
    await expect(connection.sendMessages([testMessage()])).rejects.toMatchObject({
      code: 'EUNCERTAIN',
    });
    smtp.setFaults({});
    expect(await connection.sendMessages([testMessage()])).toBe(1);
    await connection.close();
    expect(smtp.connections).toBe(2);
  });
});

describe('authentication', () => {
  it('is refused with the wrong password, permanently', async () => {
    const smtp = await server({ security: 'starttls', auth: { user: 'mailer', pass: 'secret' } });
    const error = await failureOf(smtp, { password: 'wrong' });
    expect(error).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect(classifyDeliveryError(error)).toMatchObject({ kind: 'permanent', responseCode: 535 });
    expect(smtp.received).toHaveLength(0);
  });

  it.each([
    [535, '5.7.8 Username and Password not accepted'],
    [534, '5.7.9 Application-specific password required'],
    [
      535,
      '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant',
    ],
  ])('refused with %i %s is reported with the server’s words', async (code, text) => {
    const smtp = await server({ security: 'starttls', auth: { user: 'mailer', pass: 'secret' } });
    smtp.setFaults({ auth: { code, message: text } });
    const error = await failureOf(smtp);
    expect(error).toMatchObject({ responseCode: code });
    expect(String((error as Error).message)).toContain(text);
    expect(classifyDeliveryError(error).kind).toBe('permanent');
  });

  it('fails clearly when a user is set but the server offers no AUTH', async () => {
    const smtp = await server();
    const error = await failureOf(smtp, { username: 'u', password: 'p' });
    expect(error).toMatchObject({ code: 'ENOAUTH' });
    expect(String((error as Error).message)).toMatch(/does not offer AUTH.*EMAIL_USE_TLS=true/);
  });
});

describe('failures', () => {
  it('connection refused is a temporary error', async () => {
    const port = await closedPort();
    const connection = getConnection({
      backend: 'smtp',
      host: '127.0.0.1',
      port,
      username: null,
      password: null,
      security: 'none',
      timeoutMs: 2000,
      sslCertfile: null,
      sslKeyfile: null,
    });
    const error = await connection.sendMessages([testMessage()]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ESOCKET' });
    expect(classifyDeliveryError(error)).toMatchObject({ kind: 'temporary' });
    expect(classifyDeliveryError(error).reason).toContain('ECONNREFUSED');
  });

  it('a server that never answers times out after EMAIL_TIMEOUT, temporarily', async () => {
    const smtp = await server({ faults: { neverGreet: true } });
    const error = await failureOf(smtp, { timeoutMs: 300 });
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    expect(classifyDeliveryError(error).kind).toBe('temporary');
    expect(smtp.connections).toBe(1);
    expect(smtp.received).toHaveLength(0);
  });

  it.each([
    ['mailFrom', 421, 'temporary'],
    ['mailFrom', 553, 'permanent'],
    ['rcptTo', 450, 'temporary'],
    ['rcptTo', 550, 'permanent'],
    ['data', 451, 'temporary'],
    ['data', 554, 'permanent'],
  ] as const)('a %s reply of %i is %s', async (step, code, kind) => {
    const smtp = await server();
    smtp.setFaults({ [step]: { code } });
    const error = await failureOf(smtp);
    expect(error).toMatchObject({ responseCode: code });
    expect(classifyDeliveryError(error)).toMatchObject({ kind, responseCode: code });
    expect(smtp.received).toHaveLength(0);
  });

  it('a fault with `times` clears itself, so a retry goes through', async () => {
    const smtp = await server();
    smtp.setFaults({ data: { code: 451, times: 1 } });
    expect(await failureOf(smtp)).toMatchObject({ responseCode: 451 });
    expect(await failureOf(smtp)).toBeNull();
    expect(smtp.received).toHaveLength(1);
  });

  it('a self-signed certificate that is not trusted is refused, permanently', async () => {
    const smtp = await server({ security: 'ssl' });
    const error = await failureOf(smtp, { tls: { servername: 'localhost' } });
    expect(error).toBeInstanceOf(Error);
    expect(classifyDeliveryError(error).kind).toBe('permanent');
  });
});
