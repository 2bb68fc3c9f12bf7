import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { EmailMessage, type EmailMessageInit } from './message.js';
import { renderMessage } from './render.js';
import { loadMailSettings } from './settings.js';

const settings = loadMailSettings({ DEFAULT_FROM_EMAIL: 'Rolegate <noreply@rolegate.test>' });

/** nodemailer composing message() exactly as EmailMessage gives it: the reference bytes. */
function composedAsGiven(message: EmailMessage): Promise<Buffer> {
  return new MailComposer(message.message()).compile().build();
}

/** MIME boundaries are random per composition; everything else must match byte for byte. */
const withoutBoundaries = (raw: Buffer) =>
  raw.toString('latin1').replace(/--_NmP-[0-9a-f]+-Part_\d+/g, '--BOUNDARY');

const cases: Record<string, EmailMessageInit> = {
  'plain addresses': { to: ['ann@example.com', 'bob@example.com'] },
  'names with commas, quotes and accents': {
    fromEmail: '"Rolegate, the app" <noreply@rolegate.test>',
    to: ['"Doe, Jane" <jane@example.com>', 'Zoë Ünïcode <zoe@example.com>'],
    cc: [{ name: 'Carl "the admin"', email: 'carl@example.com' }],
    replyTo: ['Support <support@rolegate.test>'],
  },
  'header overrides, one of them a list': {
    to: ['ann@example.com'],
    headers: { From: 'List <list@rolegate.test>', To: 'a@example.com, "B, b" <b@example.com>' },
  },
  'a text body with an HTML alternative': {
    to: ['Bench Admin <admin@bench.test>'],
    body: `A long line. ${'Someone asked for the power level. '.repeat(25)}\n`,
    alternatives: [{ content: '<p>Someone asked for the power level.</p>', mimetype: 'text/html' }],
  },
};

describe('renderMessage', () => {
  it.each(Object.entries(cases))('writes the bytes nodemailer writes for %s', async (_, init) => {
    const message = new EmailMessage({
      subject: 'Über the limit',
      body: 'Hello',
      settings,
      ...init,
    });
    expect(withoutBoundaries(await renderMessage(message))).toBe(
      withoutBoundaries(await composedAsGiven(message)),
    );
  });

  it('keeps Bcc out of the message', async () => {
    const message = new EmailMessage({
      to: ['a@example.com'],
      bcc: ['hidden@example.com'],
      settings,
    });
    expect((await renderMessage(message)).toString()).not.toContain('hidden@example.com');
  });
});
