import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderMessage } from './render.js';
import { loadMailSettings } from './settings.js';
import { testMessage } from './testing/message.js';

const settings = loadMailSettings({ EMAIL_BACKEND: 'memory' });
const LOOKALIKE = '=?utf-8?b?QWRtaW4=?=';

async function parsed(subject: string, to = 'b@example.com') {
  return simpleParser(await renderMessage(testMessage({ subject, to: [to], settings })));
}

describe('user text in headers', () => {
  it.each([
    `[Rolegate] ${LOOKALIKE} asks for power access`,
    LOOKALIKE,
    'x =?UTF-8?Q?Admin?= y',
    `${LOOKALIKE} `.repeat(6) + 'asks for power access, in a subject long enough to be folded',
    'Zoë =?iso-8859-1?q?caf=E9?=',
  ])('reads as the literal text, never as encoded words the sender wrote: %s', async (subject) => {
    expect((await parsed(subject)).subject).toBe(subject);
  });

  it('keeps a display name that looks like an encoded word literal', async () => {
    const mail = await parsed('Hello', `${LOOKALIKE} <b@example.com>`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.name : null).toBe(LOOKALIKE);
  });

  it('leaves a plain subject as it is in the header', async () => {
    const message = testMessage({ subject: 'Plain words', settings });
    expect((await renderMessage(message)).toString()).toMatch(/^Subject: Plain words\r$/m);
  });
});
