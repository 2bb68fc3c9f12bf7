import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { pendingRequestIdOf } from '../testing/levels.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.destroy());

describe('account.requests', () => {
  it("shows a person their own requests, the latest first, with the admin's reason", async () => {
    const admin = await t.signUpAdmin();
    const person = await t.signUp({ role: 'power', name: 'Dana' });
    const other = await t.signUp({ role: 'power', name: 'Olga' });
    await admin.caller.admin.deny({
      requestId: await pendingRequestIdOf(t.db, person.user.id),
      reason: 'We need a reference first.',
    });

    const { requests } = await person.caller.account.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      requestedRole: 'power',
      status: 'denied',
      denyReason: 'We need a reference first.',
      decidedAt: expect.any(String),
      decidedBy: null,
      user: { id: person.user.id },
    });
    const others = await other.caller.account.requests();
    expect(others.requests.map((request) => request.user.id)).toEqual([other.user.id]);
  });

  it('needs a session', async () => {
    expect((await callerError(t.caller().account.requests())).code).toBe('UNAUTHORIZED');
  });
});
