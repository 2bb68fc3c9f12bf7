import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPendingRequestOf } from '../requests/open.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await t.signUpAdmin();
});
afterAll(() => t.destroy());

describe('account.requestLevel', () => {
  it('needs a session', async () => {
    const error = await callerError(t.caller().account.requestLevel({ role: 'power' }));
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('from reader to power: editor at once, a pending request, the admins notified', async () => {
    const { user, caller } = await t.signUp({ role: 'reader' });
    const result = await caller.account.requestLevel({ role: 'power', reason: 'data cleanup' });
    expect(result.user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    const request = await findPendingRequestOf(t.db, user.id);
    expect(request).toMatchObject({ requestedRole: 'power', reason: 'data cleanup' });
    const mail = await t.db
      .selectFrom('mailOutbox')
      .select('id')
      .where('idempotencyKey', 'like', `level-request:${request?.id}:admins%`)
      .execute();
    expect(mail).toHaveLength(1);
  });

  it('a level without approval is granted at once, with no request', async () => {
    const { user, caller } = await t.signUp({ role: 'reader' });
    const result = await caller.account.requestLevel({ role: 'editor' });
    expect(result.user).toMatchObject({ role: 'editor', pending: false, requestedRole: null });
    expect(await findPendingRequestOf(t.db, user.id)).toBeUndefined();
    const audit = await t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('subjectId', '=', user.id)
      .execute();
    expect(audit).toMatchObject([
      {
        actorId: user.id,
        action: 'user.level_granted_at_once',
        details: { roleBefore: 'reader', roleAfter: 'editor', asked: 'editor' },
      },
    ]);
  });

  it('a second request while one is pending is a CONFLICT and changes nothing', async () => {
    const { user, caller } = await t.signUp({ role: 'power' });
    const first = await findPendingRequestOf(t.db, user.id);
    const error = await callerError(caller.account.requestLevel({ role: 'power' }));
    expect(error.code).toBe('CONFLICT');
    expect(await findPendingRequestOf(t.db, user.id)).toEqual(first);
  });

  it('a level not above the current one is BAD_REQUEST naming role', async () => {
    const { caller } = await t.signUp({ role: 'editor' });
    for (const role of ['reader', 'editor'] as const) {
      const error = await callerError(caller.account.requestLevel({ role }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.cause).toMatchObject({ field: 'role' });
    }
    // The level held is named once, not as including itself.
    const same = await callerError(caller.account.requestLevel({ role: 'editor' }));
    expect(same.message).toBe('You already have Editor; choose a level above it.');
    const lower = await callerError(caller.account.requestLevel({ role: 'reader' }));
    expect(lower.message).toBe(
      'You already have Editor, which includes Reader; choose a level above Editor.',
    );
  });

  it('rejects admin and unknown keys', async () => {
    const { caller } = await t.signUp();
    const admin = await callerError(caller.account.requestLevel({ role: 'admin' } as never));
    expect(admin.code).toBe('BAD_REQUEST');
    const extra = await callerError(
      caller.account.requestLevel({ role: 'power', isAdmin: true } as never),
    );
    expect(extra.code).toBe('BAD_REQUEST');
  });
});
