/**
 * The account flows as a person lives them: over HTTP with @trpc/client, the outbox worker
 * delivering to a real SMTP server, and each link read out of the mail that arrived.
 */
import { startSmtpServer, type TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LinkPage, linkTokensIn } from '../testing/account-mail.js';
import { clientError, startTestServer, type TestServer } from '../testing/index.js';
import { mailSettings, workerPool } from '../testing/outbox.js';
import { LINK_EXPIRED } from './account-tokens.js';

let smtp: TestSmtpServer;
let s: TestServer;
const workers = workerPool(() => s);

beforeAll(async () => {
  smtp = await startSmtpServer();
  s = await startTestServer({
    configOverrides: { emailVerification: 'required', mail: mailSettings(smtp.transport()) },
  });
  workers.start();
});
afterAll(async () => {
  await workers.stopAll();
  await s.close();
  await smtp.close();
});

const password = 'correct horse battery staple';

/**
 * Waits for the SMTP server to accept a mail to `to` whose text holds a `page` link; its token.
 * `seen`: tokens already read, to wait for a newer mail (delivery order is not guaranteed).
 */
async function mailedToken(to: string, page: LinkPage, seen: string[] = []): Promise<string> {
  return vi.waitFor(
    () => {
      const tokens = smtp.received
        .filter((mail) => mail.envelope.rcptTo.includes(to))
        .flatMap((mail) => linkTokensIn(mail.parsed.text ?? '', page));
      const token = tokens.find((candidate) => !seen.includes(candidate));
      if (token === undefined) throw new Error(`no ${page} link to ${to} yet`);
      return token;
    },
    { timeout: 15_000, interval: 25 },
  );
}

function received(to: string) {
  return smtp.received.filter((mail) => mail.envelope.rcptTo.includes(to));
}

async function signUp(email: string) {
  const client = s.client({ headers: { 'user-agent': 'Firefox/140 (test)' } });
  const { user } = await client.trpc.auth.register.mutate({
    email,
    password,
    name: 'Ada',
    role: 'editor',
  });
  return { client, user };
}

describe('over HTTP, with mail through a real SMTP server', () => {
  it('signs up unverified, is refused until the mailed link is followed, then works', async () => {
    const { client, user } = await signUp('ada@example.com');
    expect(user.emailVerified).toBe(false);
    const refused = await clientError(client.trpc.entries.list.query({}));
    expect(refused.data?.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Confirm your email address first');

    const token = await mailedToken('ada@example.com', 'verify-email');
    const verified = await s.client().trpc.auth.verifyEmail.mutate({ token });
    expect(verified.user.emailVerified).toBe(true);
    await client.trpc.entries.list.query({});
    const again = await clientError(s.client().trpc.auth.verifyEmail.mutate({ token }));
    expect(again.data?.code).toBe('BAD_REQUEST');
    expect(again.message).toBe(LINK_EXPIRED);
  });

  it('resets a forgotten password: one answer for every address, old sessions gone, a new one set', async () => {
    const { client: oldBrowser } = await signUp('reset@example.com');
    const asker = s.client();
    expect(
      await asker.trpc.auth.requestPasswordReset.mutate({ email: 'nobody@example.com' }),
    ).toEqual({ ok: true });
    expect(
      await asker.trpc.auth.requestPasswordReset.mutate({ email: 'RESET@example.com' }),
    ).toEqual({ ok: true });
    const token = await mailedToken('reset@example.com', 'reset-password');
    expect(received('nobody@example.com')).toEqual([]);

    const { user } = await asker.trpc.auth.resetPassword.mutate({
      token,
      password: 'a brand new passphrase',
    });
    expect(user).toMatchObject({ email: 'reset@example.com', emailVerified: true });
    expect((await asker.trpc.auth.me.query()).user?.id).toBe(user.id);
    expect((await oldBrowser.trpc.auth.me.query()).user).toBeNull();
    await s
      .client()
      .trpc.auth.login.mutate({ email: 'reset@example.com', password: 'a brand new passphrase' });

    const reused = await clientError(
      s.client().trpc.auth.resetPassword.mutate({ token, password: 'attacker passphrase' }),
    );
    expect(reused.data?.code).toBe('BAD_REQUEST');
    expect(reused.message).toBe(LINK_EXPIRED);
  });

  it('a newer reset request voids the older link', async () => {
    await signUp('twice@example.com');
    await s.client().trpc.auth.requestPasswordReset.mutate({ email: 'twice@example.com' });
    const first = await mailedToken('twice@example.com', 'reset-password');
    await s.client().trpc.auth.requestPasswordReset.mutate({ email: 'twice@example.com' });
    const second = await mailedToken('twice@example.com', 'reset-password', [first]);
    const stale = await clientError(
      s
        .client()
        .trpc.auth.resetPassword.mutate({ token: first, password: 'a brand new passphrase' }),
    );
    expect(stale.message).toBe(LINK_EXPIRED);
    await s
      .client()
      .trpc.auth.resetPassword.mutate({ token: second, password: 'a brand new passphrase' });
  });

  it('changes the address only once the link mailed to the new one is followed; the old one is told', async () => {
    const { client } = await signUp('old@example.com');
    await s.client().trpc.auth.verifyEmail.mutate({
      token: await mailedToken('old@example.com', 'verify-email'),
    });
    const taken = await clientError(
      client.trpc.account.changeEmail.mutate({ password, newEmail: 'ADA@example.com' }),
    );
    expect(taken.data?.code).toBe('CONFLICT');
    const wrongPassword = await clientError(
      client.trpc.account.changeEmail.mutate({ password: 'not it', newEmail: 'new@example.com' }),
    );
    expect(wrongPassword.data?.fieldErrors).toEqual({ password: ['This is not your password.'] });
    await client.trpc.account.changeEmail.mutate({ password, newEmail: 'new@example.com' });
    expect((await client.trpc.auth.me.query()).user?.email).toBe('old@example.com');
    const token = await mailedToken('new@example.com', 'verify-email');
    await vi.waitFor(() =>
      expect(received('old@example.com').map((m) => m.parsed.subject)).toContain(
        '[Rolegate] Your email address is being changed',
      ),
    );
    await s.client().trpc.auth.verifyEmail.mutate({ token });
    expect((await client.trpc.auth.me.query()).user).toMatchObject({
      email: 'new@example.com',
      emailVerified: true,
    });
  });

  it('lists sessions with browser and IP, ends one, and signs out everywhere else', async () => {
    const { client: here } = await signUp('sessions@example.com');
    const there = s.client();
    await there.trpc.auth.login.mutate({ email: 'sessions@example.com', password });
    const third = s.client();
    await third.trpc.auth.login.mutate({ email: 'sessions@example.com', password });

    const { sessions } = await here.trpc.account.sessions.query();
    expect(sessions).toHaveLength(3);
    const current = sessions.find((session) => session.current);
    expect(current).toMatchObject({ userAgent: 'Firefox/140 (test)', ip: '127.0.0.1' });
    expect(sessions.filter((session) => session.current)).toHaveLength(1);

    const thereId = (await there.trpc.account.sessions.query()).sessions.find((x) => x.current)?.id;
    await here.trpc.account.revokeSession.mutate({ sessionId: thereId ?? '' });
    expect((await there.trpc.auth.me.query()).user).toBeNull();

    await here.trpc.account.signOutEverywhere.mutate();
    expect((await third.trpc.auth.me.query()).user).toBeNull();
    expect((await here.trpc.account.sessions.query()).sessions).toHaveLength(1);
  });

  it('changes the password with the current one, ends the other sessions and mails a notice', async () => {
    const { client: here } = await signUp('pw@example.com');
    await s
      .client()
      .trpc.auth.verifyEmail.mutate({ token: await mailedToken('pw@example.com', 'verify-email') });
    const there = s.client();
    await there.trpc.auth.login.mutate({ email: 'pw@example.com', password });
    const wrong = await clientError(
      here.trpc.account.changePassword.mutate({
        currentPassword: 'not it at all',
        newPassword: 'another passphrase',
      }),
    );
    expect(wrong.data?.code).toBe('BAD_REQUEST');
    expect(wrong.data?.fieldErrors).toEqual({
      currentPassword: ['Your current password is not this one.'],
    });
    await here.trpc.account.changePassword.mutate({
      currentPassword: password,
      newPassword: 'another passphrase',
    });
    expect((await there.trpc.auth.me.query()).user).toBeNull();
    expect((await here.trpc.auth.me.query()).user?.email).toBe('pw@example.com');
    await vi.waitFor(() =>
      expect(received('pw@example.com').map((m) => m.parsed.subject)).toContain(
        '[Rolegate] Your password was changed',
      ),
    );
  });
});
