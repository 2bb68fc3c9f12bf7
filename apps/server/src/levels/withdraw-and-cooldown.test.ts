import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerError,
  clientError,
  createTestContext,
  startTestServer,
  type TestServer,
} from '../testing/index.js';
import { auditOf, pendingRequestIdOf } from '../testing/levels.js';
import { requestRow } from '../testing/rows.js';

const HOUR_MS = 60 * 60 * 1000;
let clock = new Date('2026-12-04T10:00:00Z');
let s: TestServer;
let admin: Awaited<ReturnType<TestServer['signUpAdmin']>>;

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  admin = await s.signUpAdmin({ name: 'Root' });
});
afterAll(() => s.close());

/** A person signed in over HTTP, at `role` (power: working as editor, a request pending). */
async function signedIn(role: 'editor' | 'power', name: string) {
  const client = s.client();
  const { user } = await client.trpc.auth.register.mutate({
    email: `${name.toLowerCase()}-${randomUUID()}@example.com`,
    name,
    password: 'correct horse battery staple',
    role,
  });
  return { ...client, user };
}

describe('account.withdrawRequest over HTTP', () => {
  it('withdraws one’s own pending request; the person keeps the provisional level', async () => {
    const person = await signedIn('power', 'Wanda');
    const requestId = await pendingRequestIdOf(s.db, person.user.id);
    const { request } = await person.trpc.account.withdrawRequest.mutate({ requestId });
    expect(request).toMatchObject({ id: requestId, status: 'withdrawn', decidedBy: null });
    const { user } = await person.trpc.auth.me.query();
    expect(user).toMatchObject({ role: 'editor', pending: false, requestedRole: null });
    expect((await auditOf(s.db, requestId)).map((row) => row.action)).toEqual([
      'level_request.withdrawn',
    ]);
    // An admin can no longer decide it.
    expect((await callerError(admin.caller.admin.approve({ requestId }))).code).toBe('CONFLICT');
    const { requests } = await person.trpc.account.requests.query();
    expect(requests.map((r) => r.status)).toEqual(['withdrawn']);
  });

  it("answers NOT_FOUND for someone else's request and CONFLICT for a decided one", async () => {
    const owner = await signedIn('power', 'Owen');
    const stranger = await signedIn('editor', 'Stan');
    const requestId = await pendingRequestIdOf(s.db, owner.user.id);
    const notYours = await clientError(stranger.trpc.account.withdrawRequest.mutate({ requestId }));
    expect(notYours.data?.code).toBe('NOT_FOUND');

    await admin.caller.admin.deny({ requestId, reason: 'Not yet.' });
    const decided = await clientError(owner.trpc.account.withdrawRequest.mutate({ requestId }));
    expect(decided.data?.code).toBe('CONFLICT');
    expect((await owner.trpc.account.requests.query()).requests[0]).toMatchObject({
      status: 'denied',
      denyReason: 'Not yet.',
    });
  });

  it('refuses a requestId that is not an id, naming it', async () => {
    const person = await signedIn('editor', 'Ida');
    const error = await clientError(
      person.trpc.account.withdrawRequest.mutate({ requestId: 'first' }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors).toHaveProperty('requestId');
  });
});

describe('a time-limited level over HTTP', () => {
  it('auth.me says until when the level lasts', async () => {
    const person = await signedIn('editor', 'Gil');
    const expiresAt = new Date(clock.getTime() + 30 * 24 * HOUR_MS).toISOString();
    await admin.caller.admin.setLevel({ userId: person.user.id, role: 'power', expiresAt });
    expect((await person.trpc.auth.me.query()).user).toMatchObject({
      role: 'power',
      levelExpiresAt: expiresAt,
    });
  });
});

describe('asking again after a denial (LEVEL_REQUEST_COOLDOWN_HOURS, 24)', () => {
  it('is TOO_MANY_REQUESTS with the time until the cooldown ends, then allowed', async () => {
    const person = await signedIn('power', 'Cora');
    const requestId = await pendingRequestIdOf(s.db, person.user.id);
    await admin.caller.admin.deny({ requestId });
    const deniedAt = (await requestRow(s.db, requestId)).decidedAt as Date;
    clock = new Date(deniedAt.getTime() + 2 * HOUR_MS);

    const error = await clientError(person.trpc.account.requestLevel.mutate({ role: 'power' }));
    const again = new Date(deniedAt.getTime() + 24 * HOUR_MS).toISOString();
    expect(error.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toContain(again);
    expect(error.data?.retryAfterSeconds).toBe(22 * 60 * 60);
    expect((await person.trpc.auth.me.query()).user?.pending).toBe(false);

    clock = new Date(deniedAt.getTime() + 24 * HOUR_MS + 1000);
    await person.trpc.account.requestLevel.mutate({ role: 'power' });
    expect((await person.trpc.auth.me.query()).user).toMatchObject({
      pending: true,
      requestedRole: 'power',
    });
  });
});

describe('LEVEL_REQUEST_COOLDOWN_HOURS=0', () => {
  it('lets the same level be asked for again at once after a denial', async () => {
    const t = await createTestContext({ configOverrides: { levelRequestCooldownHours: 0 } });
    try {
      const root = await t.signUpAdmin();
      const person = await t.signUp({ role: 'power' });
      await root.caller.admin.deny({ requestId: await pendingRequestIdOf(t.db, person.user.id) });
      const { user } = await person.caller.account.requestLevel({ role: 'power' });
      expect(user).toMatchObject({ pending: true, requestedRole: 'power' });
    } finally {
      await t.destroy();
    }
  });
});
