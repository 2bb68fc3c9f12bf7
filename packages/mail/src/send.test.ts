import { afterEach, describe, expect, it } from 'vitest';
import { clearOutbox, outbox } from './backends/memory.js';
import { classifyDeliveryError } from './classify.js';
import { configureMail } from './config.js';
import { getConnection } from './connection.js';
import { BadHeaderError, MailFailoverError } from './errors.js';
import { mailAdmins, mailManagers, sendMail, sendMassMail } from './send.js';
import { loadMailSettings } from './settings.js';
import { closedPort, settingsFor } from './testing/settings.js';
import { smtpServers } from './testing/smtp-servers.js';

const server = smtpServers();
afterEach(() => {
  configureMail(null);
  clearOutbox();
});

describe('sendMail', () => {
  it('returns 1 and delivers from DEFAULT_FROM_EMAIL when fromEmail is null', async () => {
    const smtp = await server({ security: 'starttls' });
    const settings = settingsFor(smtp.transport());
    expect(await sendMail('Welcome', 'Hi Ann', null, ['ann@example.com'], { settings })).toBe(1);
    const [received] = await smtp.waitForMessages(1);
    expect(received?.envelope).toEqual({
      mailFrom: 'noreply@rolegate.test',
      rcptTo: ['ann@example.com'],
    });
    expect(received?.parsed.subject).toBe('Welcome');
  });

  it('adds htmlMessage as a text/html alternative', async () => {
    const smtp = await server();
    await sendMail('Hi', 'plain', null, ['a@example.com'], {
      settings: settingsFor(smtp.transport()),
      htmlMessage: '<b>html</b>',
    });
    const [received] = await smtp.waitForMessages(1);
    expect(received?.parsed.text?.trim()).toBe('plain');
    expect(received?.parsed.html).toBe('<b>html</b>');
  });

  it('with failSilently returns 0 instead of throwing', async () => {
    const smtp = await server();
    smtp.setFaults({ rcptTo: { code: 550 } });
    const settings = settingsFor(smtp.transport());
    await expect(sendMail('x', 'y', null, ['a@example.com'], { settings })).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(
      await sendMail('x', 'y', null, ['a@example.com'], { settings, failSilently: true }),
    ).toBe(0);
  });

  it('with failSilently returns 0 when the server cannot be reached', async () => {
    const port = await closedPort();
    const settings = loadMailSettings({ EMAIL_HOST: '127.0.0.1', EMAIL_PORT: String(port) });
    expect(
      await sendMail('x', 'y', null, ['a@example.com'], { settings, failSilently: true }),
    ).toBe(0);
  });

  it('uses authUser and authPassword instead of the configured credentials', async () => {
    const smtp = await server({ security: 'starttls', auth: { user: 'other', pass: 'right' } });
    const settings = settingsFor(smtp.transport({ username: 'configured', password: 'wrong' }));
    await expect(sendMail('x', 'y', null, ['a@example.com'], { settings })).rejects.toMatchObject({
      responseCode: 535,
    });
    const sent = await sendMail('x', 'y', null, ['a@example.com'], {
      settings,
      authUser: 'other',
      authPassword: 'right',
    });
    expect(sent).toBe(1);
    expect((await smtp.waitForMessages(1))[0]?.user).toBe('other');
  });

  it('refuses header injection and sends nothing', async () => {
    const smtp = await server();
    const settings = settingsFor(smtp.transport());
    await expect(
      sendMail('Hi\r\nBcc: everyone@example.com', 'y', null, ['a@example.com'], { settings }),
    ).rejects.toThrow(BadHeaderError);
    await expect(
      sendMail('Hi', 'y', null, ['a@example.com\nBcc: everyone@example.com'], {
        settings,
        failSilently: true,
      }),
    ).rejects.toThrow(BadHeaderError);
    expect(smtp.connections).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('reads the module-level settings set by configureMail', async () => {
    configureMail(
      loadMailSettings({ EMAIL_BACKEND: 'memory', DEFAULT_FROM_EMAIL: 'app@rolegate.test' }),
    );
    expect(await sendMail('Configured', 'body', null, ['a@example.com'])).toBe(1);
    expect(outbox.map((m) => [m.subject, m.fromEmail])).toEqual([
      ['Configured', 'app@rolegate.test'],
    ]);
  });
});

describe('sendMassMail', () => {
  it('sends 20 messages over ONE connection and returns 20', async () => {
    const smtp = await server({ security: 'starttls', auth: { user: 'u', pass: 'p' } });
    const datatuple = Array.from(
      { length: 20 },
      (_, i) => [`Message ${i}`, `Body ${i}`, null, [`user${i}@example.com`]] as const,
    );
    expect(await sendMassMail(datatuple, { settings: settingsFor(smtp.transport()) })).toBe(20);
    await smtp.waitForMessages(20);
    expect(smtp.connections).toBe(1);
    expect(smtp.received.map((r) => r.parsed.subject)).toEqual(
      datatuple.map(([subject]) => subject),
    );
  });

  it('with failSilently counts only what was sent', async () => {
    const smtp = await server();
    smtp.setFaults({ rcptTo: { code: 550, addresses: ['gone@example.com'] } });
    const sent = await sendMassMail(
      [
        ['a', 'b', null, ['ok1@example.com']],
        ['a', 'b', null, ['gone@example.com']],
        ['a', 'b', null, ['ok2@example.com']],
      ],
      { settings: settingsFor(smtp.transport()), failSilently: true },
    );
    expect(sent).toBe(2);
    expect(smtp.connections).toBe(1);
  });
});

describe('mailAdmins and mailManagers', () => {
  const staffSettings = (backend: 'memory') =>
    loadMailSettings({
      EMAIL_BACKEND: backend,
      SERVER_EMAIL: 'server@rolegate.test',
      EMAIL_SUBJECT_PREFIX: '[RG] ',
      ADMINS: 'Ada <ada@example.com>, ops@example.com',
      MANAGERS: 'Max <max@example.com>',
    });

  it('mailAdmins sends from SERVER_EMAIL to ADMINS with the subject prefix', async () => {
    expect(await mailAdmins('Request waiting', 'body', { settings: staffSettings('memory') })).toBe(
      1,
    );
    expect(outbox.map((m) => [m.subject, m.fromEmail, m.to])).toEqual([
      [
        '[RG] Request waiting',
        'server@rolegate.test',
        ['"Ada" <ada@example.com>', 'ops@example.com'],
      ],
    ]);
  });

  it('mailManagers sends to MANAGERS, with an html alternative', async () => {
    await mailManagers('Report', 'text', {
      settings: staffSettings('memory'),
      htmlMessage: '<p>r</p>',
    });
    expect(outbox[0]?.to).toEqual(['"Max" <max@example.com>']);
    expect(outbox[0]?.alternatives).toEqual([{ content: '<p>r</p>', mimetype: 'text/html' }]);
  });

  it('does nothing when the list is empty, as Django', async () => {
    const settings = loadMailSettings({ EMAIL_BACKEND: 'memory' });
    expect(await mailAdmins('x', 'y', { settings })).toBe(0);
    expect(await mailManagers('x', 'y', { settings })).toBe(0);
    expect(outbox).toHaveLength(0);
  });

  it('arrive over SMTP with names and prefix intact', async () => {
    const smtp = await server();
    const settings = settingsFor(smtp.transport(), {
      admins: [{ name: 'Doe, Jane', email: 'jane@example.com' }],
    });
    await mailAdmins('Alert', 'body', { settings });
    const [received] = await smtp.waitForMessages(1);
    expect(received?.parsed.subject).toBe('[Rolegate] Alert');
    expect(received?.envelope).toEqual({
      mailFrom: 'server@rolegate.test',
      rcptTo: ['jane@example.com'],
    });
  });
});

describe('failover', () => {
  it('sends through the second server when the first refuses', async () => {
    const first = await server();
    const second = await server({ security: 'ssl' });
    first.setFaults({ mailFrom: { code: 421 } });
    const settings = settingsFor(first.transport(), { failover: [second.transport()] });
    expect(await sendMail('Via backup', 'b', null, ['a@example.com'], { settings })).toBe(1);
    expect((await second.waitForMessages(1))[0]?.parsed.subject).toBe('Via backup');
    expect(first.received).toHaveLength(0);
  });

  it('skips a main server that cannot be reached for the rest of the batch', async () => {
    const port = await closedPort();
    const backup = await server();
    const main = { ...backup.transport(), port };
    const connection = getConnection(undefined, {
      settings: settingsFor(main, { failover: [backup.transport()] }),
    });
    const datatuple = [1, 2, 3].map((i) => [`m${i}`, 'b', null, ['a@example.com']] as const);
    expect(await sendMassMail(datatuple, { connection })).toBe(3);
    expect(backup.connections).toBe(1);
  });

  it('when every transport fails, throws all errors with the last as cause', async () => {
    const first = await server();
    const second = await server();
    first.setFaults({ rcptTo: { code: 450 } });
    second.setFaults({ rcptTo: { code: 550 } });
    const settings = settingsFor(first.transport(), { failover: [second.transport()] });
    const error = await sendMail('x', 'y', null, ['a@example.com'], { settings }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailFailoverError);
    const failover = error as MailFailoverError;
    expect(failover.errors.map((e: { responseCode?: number }) => e.responseCode)).toEqual([
      450, 550,
    ]);
    expect(failover.cause).toBe(failover.errors[1]);
    expect(classifyDeliveryError(error).kind).toBe('temporary');
  });
});
