import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { auditOf, type Person, queuedMail } from '../testing/levels.js';
import { userRow } from '../testing/rows.js';

let t: TestContext;
let admin: Person;
beforeAll(async () => {
  ({ t, admin } = await contextWithAdmin({}, { name: 'Grace Admin', email: 'grace@example.com' }));
});
afterAll(() => t.destroy());

async function requestOf(userId: string) {
  return t.db
    .selectFrom('levelRequests')
    .selectAll()
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
}

const decisionKey = (requestId: string) => `level-request:${requestId}:decision`;

describe('the power flow', () => {
  it('signs up as editor with a pending request, mails the admins once, and approval grants power', async () => {
    const ada = await t.signUp({
      role: 'power',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      reason: 'I maintain the glossary.',
    });
    expect(ada.user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });

    const request = await requestOf(ada.user.id);
    const adminMail = await queuedMail(t.db, `level-request:${request.id}:admins`);
    expect(adminMail).toHaveLength(1);
    expect(adminMail[0]?.to.join(', ')).toContain('grace@example.com');
    expect(adminMail[0]?.body).toContain(`/admin/requests/${request.id}`);

    const { requests } = await admin.caller.admin.requests({ status: 'pending' });
    const listed = requests.find((each) => each.id === request.id);
    expect(listed).toMatchObject({
      user: { id: ada.user.id, role: 'editor', pending: true, requestedRole: 'power' },
      requestedRole: 'power',
      reason: 'I maintain the glossary.',
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      denyReason: null,
    });
    expect(listed?.createdAt).toBe(request.createdAt.toISOString());

    const decided = await admin.caller.admin.approve({ requestId: request.id });
    expect(decided.user).toMatchObject({ role: 'power', pending: false, requestedRole: null });
    expect(decided.request).toMatchObject({
      status: 'approved',
      decidedBy: { id: admin.user.id, name: 'Grace Admin', email: 'grace@example.com' },
    });
    expect(new Date(decided.request.decidedAt ?? '').toISOString()).toBe(decided.request.decidedAt);

    const stored = await requestOf(ada.user.id);
    expect(stored).toMatchObject({ status: 'approved', decidedBy: admin.user.id });
    expect((await userRow(t.db, ada.user.id)).role).toBe('power');

    const audit = await auditOf(t.db, request.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.user.id,
      action: 'level_request.approved',
      subjectType: 'level_request',
      details: { userId: ada.user.id, roleBefore: 'editor', roleAfter: 'power' },
    });

    const decisionMail = await queuedMail(t.db, decisionKey(request.id));
    expect(decisionMail).toHaveLength(1);
    expect(decisionMail[0]?.to.join(', ')).toContain('ada@example.com');
    expect(decisionMail[0]?.subject).toMatch(/now have power/i);

    const { user: me } = await ada.caller.auth.me();
    expect(me).toMatchObject({ role: 'power', pending: false, requestedRole: null });
  });

  it('denies with a reason: the mail says so, the level stays editor', async () => {
    const bob = await t.signUp({ role: 'power', name: 'Bob' });
    const request = await requestOf(bob.user.id);

    const decided = await admin.caller.admin.deny({
      requestId: request.id,
      reason: 'Ask again after a month of reviews.',
    });
    expect(decided.request).toMatchObject({
      status: 'denied',
      denyReason: 'Ask again after a month of reviews.',
      decidedBy: { id: admin.user.id },
    });
    expect(decided.user).toMatchObject({ role: 'editor', pending: false });

    const [mail, ...more] = await queuedMail(t.db, decisionKey(request.id));
    expect(more).toEqual([]);
    expect(mail?.subject).toMatch(/declined/);
    expect(mail?.body).toContain('Ask again after a month of reviews.');
    expect(await auditOf(t.db, request.id)).toMatchObject([
      {
        action: 'level_request.denied',
        details: { denyReason: 'Ask again after a month of reviews.' },
      },
    ]);
    const { user: me } = await bob.caller.auth.me();
    expect(me).toMatchObject({ role: 'editor', pending: false });
  });

  it('answers a second decision with CONFLICT naming who decided, and queues no second mail', async () => {
    const cy = await t.signUp({ role: 'power' });
    const request = await requestOf(cy.user.id);
    await admin.caller.admin.approve({ requestId: request.id });

    const again = await callerError(admin.caller.admin.approve({ requestId: request.id }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already approved by Grace Admin at \d{4}-\d\d-\d\dT/);
    const reversal = await callerError(admin.caller.admin.deny({ requestId: request.id }));
    expect(reversal.code).toBe('CONFLICT');

    expect(await queuedMail(t.db, decisionKey(request.id))).toHaveLength(1);
    expect(await auditOf(t.db, request.id)).toHaveLength(1);
    expect((await requestOf(cy.user.id)).status).toBe('approved');
  });

  it('lets exactly one of an approve and a deny racing each other win', async () => {
    const dee = await t.signUp({ role: 'power' });
    const request = await requestOf(dee.user.id);
    const other = await t.signUpAdmin();

    const results = await Promise.allSettled([
      admin.caller.admin.approve({ requestId: request.id }),
      other.caller.admin.deny({ requestId: request.id, reason: 'no' }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(await callerError(Promise.reject(lost?.reason))).toMatchObject({ code: 'CONFLICT' });

    const stored = await requestOf(dee.user.id);
    expect(won[0]?.value.request.status).toBe(stored.status);
    expect(await auditOf(t.db, request.id)).toHaveLength(1);
    expect(await queuedMail(t.db, decisionKey(request.id))).toHaveLength(1);
  });

  it('keeps 20 concurrent approvals to one decision, one audit row and one mail', async () => {
    const eve = await t.signUp({ role: 'power' });
    const request = await requestOf(eve.user.id);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => admin.caller.admin.approve({ requestId: request.id })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((each) => each.status === 'rejected')) {
      expect(await callerError(Promise.reject(result.reason))).toMatchObject({ code: 'CONFLICT' });
    }
    expect(await auditOf(t.db, request.id)).toHaveLength(1);
    expect(await queuedMail(t.db, decisionKey(request.id))).toHaveLength(1);
  });

  it('refuses an admin deciding their own request, and lets another admin decide it', async () => {
    const selfish = await t.signUpAdmin({ role: 'power' });
    const request = await requestOf(selfish.user.id);

    const own = await callerError(selfish.caller.admin.approve({ requestId: request.id }));
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toMatch(/own request/);
    expect((await requestOf(selfish.user.id)).status).toBe('pending');
    expect(await queuedMail(t.db, decisionKey(request.id))).toEqual([]);

    await admin.caller.admin.approve({ requestId: request.id });
    expect((await requestOf(selfish.user.id)).status).toBe('approved');
  });
});

describe('account.requestLevel', () => {
  it('opens one request and answers a second one with CONFLICT', async () => {
    const fay = await t.signUp({ role: 'reader' });
    const { user } = await fay.caller.account.requestLevel({ role: 'power', reason: 'bulk fixes' });
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });

    const second = await callerError(fay.caller.account.requestLevel({ role: 'power' }));
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toMatch(/already have a pending request for Power/);

    const rows = await t.db
      .selectFrom('levelRequests')
      .select(['id', 'status'])
      .where('userId', '=', fay.user.id)
      .execute();
    expect(rows).toMatchObject([{ status: 'pending' }]);
    // One mail to each admin, with links of their own.
    const admins = await t.db
      .selectFrom('users')
      .select('id')
      .where('isAdmin', '=', true)
      .execute();
    expect(await queuedMail(t.db, `level-request:${rows[0]?.id}:admins`)).toHaveLength(
      admins.length,
    );
  });
});
