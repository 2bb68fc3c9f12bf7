/**
 * Attacks (issue 6) through the mail the server sends: CR/LF in a name or an email reaching the
 * headers of the admins' notification (an extra header, an extra recipient, a smuggled second
 * message), and HTML/JS in a name or a reason reaching the HTML part unescaped. Checked on what the
 * SMTP fixture actually received.
 */
import type { ReceivedMessage } from '@rolegate/mail/testing';
import { describe, expect } from 'vitest';
import { db, stack, useFileStack } from '../harness/file-stack.js';
import {
  ADMINS_ADDRESS,
  adminNotifications,
  isTo,
  PASSWORD,
  reliabilityCase,
  signInAdmin,
  waitFor,
} from '../harness/index.js';
import { signUp } from './accounts.js';
import { jsonHeaders, send } from './wire.js';

const VICTIM = 'victim@evil.test';

useFileStack();

const baseUrl = () => stack.servers[0]?.url ?? '';

function headerSection(message: ReceivedMessage): string[] {
  const end = message.raw.search(/\r?\n\r?\n/);
  return message.raw.slice(0, end).split(/\r?\n/);
}

/** The typed error of a power sign-up sent as raw JSON (undefined when it was not refused). */
async function registerError(fields: Record<string, string>) {
  const response = await send(baseUrl(), {
    paths: ['auth.register'],
    body: JSON.stringify({ password: PASSWORD, role: 'power', ...fields }),
    headers: jsonHeaders(stack.appUrl),
  });
  const outcome = response.outcomes[0];
  return outcome?.kind === 'error' ? outcome.error : undefined;
}

async function messagesFor(count: number): Promise<ReceivedMessage[]> {
  return waitFor(`${count} admin notifications`, () => {
    const received = adminNotifications(stack.smtp);
    return received.length >= count ? received : undefined;
  });
}

describe('attacks: header injection and HTML through mail', () => {
  reliabilityCase(
    'CR/LF in a name or an email is refused at sign-up: no account, nothing queued, nothing sent',
    30_000,
    async (figures) => {
      const attempts: Array<[string, Record<string, string>]> = [
        ['name', { name: `Eve\r\nBcc: ${VICTIM}` }],
        ['name', { name: `Eve\nBcc: ${VICTIM}` }],
        ['name', { name: 'Eve\rX-Injected: yes' }],
        ['name', { name: `Eve\tBcc: ${VICTIM}` }],
        ['name', { name: `Eve\u2028Bcc: ${VICTIM}` }],
        ['name', { name: `Eve\u0085Bcc: ${VICTIM}` }],
        ['email', { email: `eve@inject.test\r\nBcc: ${VICTIM}` }],
        ['email', { email: `eve@inject.test\nBcc: ${VICTIM}` }],
        ['email', { email: `eve@inject.test>\r\nRCPT TO:<${VICTIM}>` }],
      ];
      for (const [field, change] of attempts) {
        const error = await registerError({ email: 'eve@inject.test', name: 'Eve', ...change });
        expect(error?.data.fieldErrors?.[field], JSON.stringify(change)).toBeDefined();
      }
      expect(await db.selectFrom('users').where('email', 'like', 'eve@%').execute()).toEqual([]);
      expect(await db.selectFrom('mailOutbox').execute()).toEqual([]);
      expect(stack.smtp.events.filter((event) => event.value === VICTIM)).toEqual([]);
      figures.refused = attempts.length;
      figures.queued = 0;
    },
  );

  reliabilityCase(
    'names and reasons that pass validation cannot add a header, a recipient or a second message',
    60_000,
    async (figures) => {
      const names = [
        `=?UTF-8?Q?Eve=0D=0ABcc:_${VICTIM}?=`,
        `Eve <${VICTIM}>`,
        `Eve", ${VICTIM}, "x`,
        `Eve%0D%0ABcc:%20${VICTIM}`,
      ];
      const smuggling = `Please.\r\n.\r\nMAIL FROM:<x@evil.test>\r\nRCPT TO:<${VICTIM}>\r\nDATA\r\nSubject: smuggled\r\n\r\nHi\r\n.\r\n`;
      for (const [i, name] of names.entries()) {
        await signUp(stack.personOptions(), { email: `hdr-${i}@inject.test`, role: 'power', name });
      }
      const smuggler = await signUp(stack.personOptions(), {
        email: 'smuggler@inject.test',
        role: 'editor',
        name: 'Smuggler',
      });
      await smuggler.person.trpc.account.requestLevel.mutate({ role: 'power', reason: smuggling });

      const received = await messagesFor(names.length + 1);
      for (const message of received) {
        expect(message.envelope.rcptTo).toEqual([ADMINS_ADDRESS]);
        const headers = headerSection(message);
        expect(
          headers.filter((line) => /^(bcc|cc|x-injected|subject: smuggled)/i.test(line)),
        ).toEqual([]);
        expect(message.parsed.headers.has('bcc')).toBe(false);
        expect(
          message.parsed.to && 'text' in message.parsed.to ? message.parsed.to.text : '',
        ).not.toContain(VICTIM);
      }
      // Each name is in its subject as the text typed, the encoded-word look-alike included.
      const subjects = received.map((message) => message.parsed.subject ?? '');
      for (const name of names) {
        expect(
          subjects.some((subject) => subject.includes(name)),
          name,
        ).toBe(true);
      }
      const smuggled = received.find((message) => message.parsed.text?.includes('RCPT TO:'));
      expect(smuggled?.parsed.text).toContain(`RCPT TO:<${VICTIM}>`);
      // Nothing else reached the server: no second message, no RCPT for the victim.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(stack.smtp.received.filter((message) => !isTo(message, ADMINS_ADDRESS))).toEqual([]);
      expect(stack.smtp.events.filter((event) => event.value === VICTIM)).toEqual([]);
      expect(adminNotifications(stack.smtp)).toHaveLength(names.length + 1);
      figures.hostileNames = names.length;
      figures.smtpSmugglingReason = 'sent as body text';
      figures.messages = received.length;
      figures.extraRecipients = 0;
    },
  );

  reliabilityCase(
    'HTML/JS in a name and a reason arrives escaped in the admins’ and the person’s HTML mail',
    60_000,
    async (figures) => {
      const name = '<script>alert("name")</script><img src=x onerror=alert(1)>';
      const reason = '<a href="javascript:alert(2)">click</a> & <b>bold</b>';
      const email = 'html@inject.test';
      const before = adminNotifications(stack.smtp).length;
      const { user } = await signUp(stack.personOptions(), { email, role: 'power', name });
      await (
        await signUp(stack.personOptions(), { email: 'html2@inject.test', role: 'editor', name })
      ).person.trpc.account.requestLevel.mutate({ role: 'power', reason });
      const received = (await messagesFor(before + 2)).slice(before);

      const admin = await signInAdmin(stack.personOptions());
      const { requests } = await admin.trpc.admin.requests.query({ status: 'pending' });
      const own = requests.find((request) => request.user.id === user.id);
      await admin.trpc.admin.deny.mutate({
        requestId: own?.id ?? '',
        reason: '<i>no</i><script>x()</script>',
      });
      const decision = await waitFor('the decision mail', () =>
        stack.smtp.received.find((message) => isTo(message, email)),
      );

      for (const message of [...received, decision]) {
        const html = typeof message.parsed.html === 'string' ? message.parsed.html : '';
        expect(html).toContain('&lt;script&gt;');
        expect(html).not.toMatch(/<script|<img|<a href="javascript|<b>bold|<i>no/i);
        expect(message.parsed.text ?? '').toContain(name);
      }
      expect(
        received.some((message) =>
          (message.parsed.html || '').includes('&lt;a href=&quot;javascript:alert(2)&quot;&gt;'),
        ),
      ).toBe(true);
      figures.mails = received.length + 1;
      figures.rawTagsInHtml = 0;
      figures.textPartShowsNameLiterally = true;
    },
  );
  reliabilityCase(
    'a name that looks like an encoded word reaches the admins’ Subject as the literal text',
    60_000,
    async (figures) => {
      const name = '=?utf-8?b?QWRtaW4=?=';
      const email = 'lookalike@inject.test';
      await signUp(stack.personOptions(), { email, role: 'power', name });
      const message = await waitFor('the admins’ mail about the look-alike', () =>
        adminNotifications(stack.smtp).find((each) => each.parsed.text?.includes(email)),
      );
      expect(message.parsed.subject).toMatch(/=\?utf-8\?b\?QWRtaW4=\?= asks for power access$/);
      expect(message.parsed.subject).not.toMatch(/Admin asks/);
      // On the wire the look-alike is inside encoded words of the server's own, never bare.
      const subjectLines = headerSection(message)
        .join('\n')
        .match(/^Subject:.*(\n[ \t].*)*/im);
      expect(subjectLines?.[0]).not.toContain(name);
      figures.subject = message.parsed.subject ?? '';
    },
  );

  reliabilityCase(
    'direction overrides, invisible names and C1 controls are refused with BAD_REQUEST naming the field',
    30_000,
    async (figures) => {
      const attempts: Array<[string, Record<string, string>]> = [
        ['name', { name: 'Bob \u202egnp.exe' }],
        ['name', { name: 'Bob \u2067gnp.exe\u2069' }],
        ['name', { name: '\u200b\u200b\u200b' }],
        ['name', { name: '\u3164' }],
        ['name', { name: 'Eve\u009bBcc' }],
        ['reason', { reason: 'Please \u202eexe.txt' }],
        ['reason', { reason: 'Please\u0085approve' }],
      ];
      for (const [field, change] of attempts) {
        const error = await registerError({ email: 'bidi@inject.test', name: 'Bidi', ...change });
        expect(error?.data.code, JSON.stringify(change)).toBe('BAD_REQUEST');
        expect(error?.data.fieldErrors?.[field], JSON.stringify(change)).toBeDefined();
        expect(error?.message).toContain(`${field}:`);
      }
      expect(
        await db.selectFrom('users').where('email', '=', 'bidi@inject.test').execute(),
      ).toEqual([]);
      figures.refused = attempts.length;
    },
  );
});
