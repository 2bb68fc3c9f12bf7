import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../housekeeping.js';
import { startTestServer, type TestServer } from '../test-support/index.js';
import { createLogger } from './logger.js';

const lines: string[] = [];
let s: TestServer;
beforeAll(async () => {
  // The server's own logger, at its most talkative level, into memory.
  const logger = createLogger(
    { logLevel: 'trace' },
    { write: (line: string) => void lines.push(line) },
  );
  s = await startTestServer({ logger });
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
    const log = lines.join('');
    expect(log).toContain('incoming request');
    expect(log).not.toContain(password);
    expect(log).not.toContain(token);
  });
});

describe('housekeeping', () => {
  it('deletes expired sessions and ended rate-limit windows, nothing else', async () => {
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
    const deleted = await sweepExpired(s.db, new Date());
    expect(deleted).toEqual({ sessions: 1, rateLimits: 1 });
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
