import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../housekeeping.js';
import { type LoggedTestServer, startLoggedTestServer } from '../testing/index.js';

let s: LoggedTestServer;
beforeAll(async () => {
  // The server's own logger, at its most talkative level, into memory.
  s = await startLoggedTestServer('trace');
});
afterAll(() => s.close());

describe('logs', () => {
  it('never contain a password or a session token', async () => {
    const password = 'a very secret password';
    const { trpc, jar } = s.client();
    await trpc.auth.register.mutate({
      email: 'log@example.com',
      password,
      name: 'Log',
      role: 'power',
    });
    await trpc.auth.login.mutate({ email: 'log@example.com', password });
    await trpc.auth.login
      .mutate({ email: 'log@example.com', password: 'wrong password!' })
      .catch(() => null);
    await trpc.auth.me.query();
    const token = jar.cookies.get('rolegate_session') ?? '';
    expect(token).not.toBe('');
    const log = s.logLines.join('');
    expect(log).not.toContain(password);
    expect(log).not.toContain(token);
  });
});

describe('request logs', () => {
  const SECRET = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
  /** Requests each path (SECRET in it); the log must keep every `shown` form and never SECRET. */
  async function expectRedacted(paths: string[], shown: string[]) {
    s.logLines.length = 0;
    for (const path of paths) await fetch(new URL(path, s.url));
    const log = s.logLines.join('');
    expect(log).not.toContain(SECRET);
    for (const form of shown) expect(log).toContain(form);
  }

  it('keep the page of a mailed link but never its token', async () => {
    await expectRedacted(
      [`/verify-email?token=${SECRET}&from=mail`, `/reset-password?token=${SECRET}&from=mail`],
      ['/verify-email?token=[redacted]&from=mail', '/reset-password?token=[redacted]&from=mail'],
    );
  });

  it('keep neither the token of a decision link nor the one its page reads it with', async () => {
    const input = encodeURIComponent(JSON.stringify({ token: SECRET }));
    await expectRedacted(
      [`/decide/${SECRET}?decision=approve`, `/trpc/admin.decisionLink?input=${input}`],
      [
        '/decide/[redacted]?decision=approve',
        '/trpc/admin.decisionLink?input=%7B%22token%22%3A%22[redacted]%22%7D',
      ],
    );
  });

  it('are one line a request, once answered, with the method, URL, status and time', async () => {
    s.logLines.length = 0;
    const response = await fetch(new URL('/trpc/auth.me', s.url));
    expect(response.status).toBe(200);
    const entries = s.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const forMe = entries.filter((entry) => JSON.stringify(entry.req ?? {}).includes('auth.me'));
    expect(forMe).toHaveLength(1);
    expect(forMe[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/trpc/auth.me' },
      res: { statusCode: 200 },
    });
    expect(typeof forMe[0]?.responseTime).toBe('number');
    expect(entries.some((entry) => entry.msg === 'incoming request')).toBe(false);
  });
});

describe('housekeeping', () => {
  it('deletes expired sessions, ended rate-limit windows and dead links, nothing else', async () => {
    const { user } = await s.signUp();
    const past = new Date(Date.now() - 1000);
    const future = new Date(Date.now() + 60_000);
    await s.db
      .insertInto('sessions')
      .values([
        { tokenHash: 'expired', userId: user.id, expiresAt: past },
        { tokenHash: 'live', userId: user.id, expiresAt: future },
      ])
      .execute();
    await s.db
      .insertInto('rateLimits')
      .values([
        { key: 'ended', count: 3, resetAt: past },
        { key: 'open', count: 1, resetAt: future },
      ])
      .execute();
    const link = { userId: user.id, purpose: 'verify_email' as const, email: user.email };
    await s.db
      .insertInto('accountTokens')
      .values([
        { ...link, tokenHash: 'late', expiresAt: past },
        { ...link, tokenHash: 'used', expiresAt: future, usedAt: past },
        { ...link, tokenHash: 'usable', expiresAt: future },
      ])
      .execute();
    const asker = await s.signUp({ role: 'power' });
    const request = await s.db
      .selectFrom('levelRequests')
      .select('id')
      .where('userId', '=', asker.user.id)
      .executeTakeFirstOrThrow();
    const decide = { requestId: request.id, adminId: user.id };
    await s.db
      .insertInto('decisionLinks')
      .values([
        { ...decide, tokenHash: 'decide-late', expiresAt: past },
        { ...decide, tokenHash: 'decide-usable', expiresAt: future },
      ])
      .execute();
    const deleted = await sweepExpired(s.db, new Date());
    expect(deleted).toEqual({ sessions: 1, rateLimits: 1, accountTokens: 2, decisionLinks: 1 });
    const decisionLinks = await s.db.selectFrom('decisionLinks').select('tokenHash').execute();
    expect(decisionLinks.map((row) => row.tokenHash)).toContain('decide-usable');
    expect(decisionLinks.map((row) => row.tokenHash)).not.toContain('decide-late');
    const tokens = await s.db.selectFrom('accountTokens').select('tokenHash').execute();
    expect(tokens.map((row) => row.tokenHash)).toEqual(['usable']);
    const sessions = await s.db
      .selectFrom('sessions')
      .select('tokenHash')
      .where('userId', '=', user.id)
      .execute();
    // sign-up opened a real session too: it stays.
    expect(sessions.map((row) => row.tokenHash)).toContain('live');
    expect(sessions.map((row) => row.tokenHash)).not.toContain('expired');
    expect(sessions).toHaveLength(2);
  });
});
