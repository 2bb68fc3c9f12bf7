import { beforeEach, describe, expect, it } from 'vitest';
import { clearOutbox, outbox } from './backends/memory.js';
import { getConnection } from './connection.js';
import { BadHeaderError, InvalidAddressError } from './errors.js';
import { EmailMessage, EmailMultiAlternatives } from './message.js';
import { InvalidMessageJSONError } from './message-json.js';
import { renderMessage } from './render.js';
import { loadMailSettings } from './settings.js';

const settings = loadMailSettings({
  EMAIL_BACKEND: 'memory',
  DEFAULT_FROM_EMAIL: 'app@rolegate.test',
});

function sample(): EmailMessage {
  const message = new EmailMessage({
    subject: 'Your request',
    body: 'Plain text',
    fromEmail: 'Rolegate <noreply@rolegate.test>',
    to: ['ann@example.com'],
    cc: [{ name: 'Carl', email: 'carl@example.com' }],
    bcc: ['hidden@example.com'],
    replyTo: ['support@rolegate.test'],
    headers: { 'X-Request-Id': '42' },
    settings,
  });
  message.attachAlternative('<p>HTML</p>', 'text/html');
  message.attach('data.bin', Buffer.from([0, 1, 2, 255]), 'application/octet-stream');
  return message;
}

beforeEach(() => clearOutbox());

describe('EmailMessage', () => {
  it('gets a Message-ID at the sender’s domain and a whole-second Date at construction', () => {
    const message = sample();
    expect(message.messageId).toMatch(/^<[^@<>\s]+@rolegate\.test>$/);
    expect(message.date.getMilliseconds()).toBe(0);
    expect(sample().messageId).not.toBe(message.messageId);
  });

  it('uses DEFAULT_FROM_EMAIL when no sender is given', () => {
    expect(new EmailMessage({ to: ['a@example.com'], settings }).fromEmail).toBe(
      'app@rolegate.test',
    );
  });

  it('lists to, cc and bcc as bare addresses in recipients()', () => {
    expect(sample().recipients()).toEqual([
      'ann@example.com',
      'carl@example.com',
      'hidden@example.com',
    ]);
  });

  it('puts bcc in the envelope and never in the headers', async () => {
    const message = sample();
    const options = message.message();
    expect(options.envelope).toEqual({
      from: 'noreply@rolegate.test',
      to: ['ann@example.com', 'carl@example.com', 'hidden@example.com'],
    });
    expect(options.bcc).toBeUndefined();
    const raw = (await renderMessage(message)).toString();
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain('hidden@example.com');
  });

  it('lets a Message-ID header replace the generated one', () => {
    const message = new EmailMessage({
      to: ['a@example.com'],
      headers: { 'message-id': '<fixed@rolegate.test>' },
      settings,
    });
    expect(message.messageId).toBe('<fixed@rolegate.test>');
    expect(message.headers).toEqual({});
  });

  it('survives toJSON/fromJSON with its id, date, attachments and alternatives', () => {
    const message = sample();
    const copy = EmailMessage.fromJSON(JSON.parse(JSON.stringify(message)));
    expect(copy.toJSON()).toEqual(message.toJSON());
    expect(copy.messageId).toBe(message.messageId);
    expect(copy.date.getTime()).toBe(message.date.getTime());
    expect(copy.attachments[0]?.content.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
    expect(copy.alternatives).toEqual([{ content: '<p>HTML</p>', mimetype: 'text/html' }]);
  });

  it('refuses stored JSON that is not a message, naming the field', () => {
    const json = { ...sample().toJSON(), to: 'ann@example.com' };
    expect(() => EmailMessage.fromJSON(json)).toThrow(InvalidMessageJSONError);
    expect(() => EmailMessage.fromJSON(json)).toThrow(/to:/);
  });

  it('is also exported as EmailMultiAlternatives', () => {
    expect(new EmailMultiAlternatives({ to: ['a@example.com'], settings })).toBeInstanceOf(
      EmailMessage,
    );
  });

  it('sends an html body as text/html when contentSubtype is html', async () => {
    const message = new EmailMessage({
      body: '<b>hi</b>',
      contentSubtype: 'html',
      to: ['a@example.com'],
      settings,
    });
    expect((await renderMessage(message)).toString()).toMatch(/Content-Type: text\/html/);
  });
});

describe('header injection', () => {
  it.each([
    ['subject', { subject: 'Hi\r\nBcc: victim@example.com' }],
    ['to', { to: ['a@example.com\nBcc: victim@example.com'] }],
    ['cc', { cc: ['a@example.com\r'] }],
    ['bcc', { bcc: ['a@example.com\n'] }],
    ['reply-to', { replyTo: ['a@example.com\nX: y'] }],
    ['from', { fromEmail: 'me@example.com\nBcc: victim@example.com' }],
    ['a header value', { headers: { 'X-Tag': 'a\r\nBcc: victim@example.com' } }],
    ['a header name', { headers: { 'X-Tag\r\nBcc': 'victim@example.com' } }],
    ['an address name', { to: [{ name: 'Eve\nBcc: victim@example.com', email: 'e@example.com' }] }],
  ])('in the %s is refused at construction', (_field, init) => {
    expect(() => new EmailMessage({ to: ['a@example.com'], settings, ...init })).toThrow(
      BadHeaderError,
    );
  });

  it('added after construction is refused at send, and nothing is sent', async () => {
    const message = new EmailMessage({ subject: 'ok', to: ['a@example.com'], settings });
    message.subject = 'Hi\nBcc: victim@example.com';
    await expect(message.send()).rejects.toThrow(BadHeaderError);
    expect(outbox).toHaveLength(0);
  });

  it('in any message of a batch stops the whole batch before anything is sent', async () => {
    const good = new EmailMessage({ to: ['a@example.com'], settings });
    const bad = new EmailMessage({ to: ['b@example.com'], settings });
    bad.headers['X-Evil'] = 'x\r\nBcc: victim@example.com';
    await expect(getConnection(undefined, { settings }).sendMessages([good, bad])).rejects.toThrow(
      BadHeaderError,
    );
    expect(outbox).toHaveLength(0);
  });

  it('is told apart from a plain invalid address', () => {
    expect(() => new EmailMessage({ to: ['not an address'], settings })).toThrow(
      InvalidAddressError,
    );
  });
});
