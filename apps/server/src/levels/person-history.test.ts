import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { type Person, pendingRequestIdOf } from '../testing/levels.js';

let t: TestContext;
let admin: Person;
beforeAll(async () => ({ t, admin } = await contextWithAdmin()));
afterAll(() => t.destroy());

describe('admin.user', () => {
  it('shows the person and their requests, newest first, with who decided', async () => {
    const person = await t.signUp({ role: 'power', name: 'Hana' });
    const first = await pendingRequestIdOf(t.db, person.user.id);
    await admin.caller.admin.deny({ requestId: first, reason: 'Not yet.' });
    await t.db
      .updateTable('levelRequests')
      .set({ decidedAt: new Date('2026-01-01T00:00:00Z') })
      .where('id', '=', first)
      .execute();
    await person.caller.account.requestLevel({ role: 'power' });
    const second = await pendingRequestIdOf(t.db, person.user.id);

    const { user, requests } = await admin.caller.admin.user({ userId: person.user.id });
    expect(user).toMatchObject({
      id: person.user.id,
      name: 'Hana',
      pending: true,
      levelExpiresAt: null,
    });
    expect(requests.map((request) => [request.id, request.status])).toEqual([
      [second, 'pending'],
      [first, 'denied'],
    ]);
    expect(requests[1]).toMatchObject({
      denyReason: 'Not yet.',
      decidedBy: { id: admin.user.id, name: 'Root' },
    });
  });

  it('answers NOT_FOUND naming userId for an unknown id, BAD_REQUEST for one that is not an id', async () => {
    expect((await callerError(admin.caller.admin.user({ userId: randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await callerError(admin.caller.admin.user({ userId: 'me' }))).code).toBe('BAD_REQUEST');
  });
});
