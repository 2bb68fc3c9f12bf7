import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldRefusals } from '../testing/expectations.js';
import { callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { auditOf, type Person, pendingRequestIdOf } from '../testing/levels.js';
import { requestRow, userRow } from '../testing/rows.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const clock = new Date('2026-12-04T10:00:00Z');
const inDays = (days: number) => new Date(clock.getTime() + days * DAY_MS).toISOString();

let t: TestContext;
let admin: Person;
beforeAll(async () => ({ t, admin } = await contextWithAdmin({ now: () => clock })));
afterAll(() => t.destroy());

const mailsTo = async (email: string) =>
  (
    await t.db
      .selectFrom('mailOutbox')
      .select(['idempotencyKey', 'message'])
      .where('idempotencyKey', 'like', 'level-set:%')
      .execute()
  ).filter((row) => JSON.stringify(row.message).includes(email));

describe('admin.setLevel', () => {
  it('takes power back: the level falls, the person is mailed with the reason, one audit row', async () => {
    const person = await t.signUp({ role: 'power', name: 'Pia', email: 'pia@example.com' });
    await admin.caller.admin.approve({ requestId: await pendingRequestIdOf(t.db, person.user.id) });

    const { user } = await admin.caller.admin.setLevel({
      userId: person.user.id,
      role: 'contributor',
      reason: 'Left the <b>team</b>.',
    });
    expect(user).toMatchObject({ role: 'contributor', levelExpiresAt: null, pending: false });
    expect((await person.caller.auth.me()).user?.role).toBe('contributor');

    const mails = await mailsTo('pia@example.com');
    expect(mails).toHaveLength(1);
    const message = JSON.stringify(mails[0]?.message);
    expect(message).toContain('from power access to contributor access');
    expect(message).toContain('Left the <b>team</b>.');
    expect(message).toContain('Left the &lt;b&gt;team&lt;/b&gt;.');

    const audit = (await auditOf(t.db, person.user.id)).filter(
      (a) => a.action === 'user.level_set',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.user.id,
      details: { roleBefore: 'power', roleAfter: 'contributor', reason: 'Left the <b>team</b>.' },
    });
  });

  it('closes a pending request the new level answers as superseded; a lower level leaves it pending', async () => {
    const person = await t.signUp({ role: 'power', name: 'Sam' });
    const requestId = await pendingRequestIdOf(t.db, person.user.id);

    await admin.caller.admin.setLevel({ userId: person.user.id, role: 'reader' });
    expect((await person.caller.account.requests()).requests[0]?.status).toBe('pending');

    const { user } = await admin.caller.admin.setLevel({ userId: person.user.id, role: 'power' });
    expect(user).toMatchObject({ role: 'power', pending: false, requestedRole: null });
    const [request] = (await person.caller.account.requests()).requests;
    expect(request).toMatchObject({ id: requestId, status: 'superseded' });
    expect(await requestRow(t.db, requestId)).toMatchObject({
      decidedBy: admin.user.id,
      decidedAt: clock,
    });
    const audit = (await auditOf(t.db, person.user.id)).at(-1);
    expect(audit?.details).toMatchObject({ supersededRequestId: requestId });
  });

  it('grants for a while: levelExpiresAt says when, and the level before is kept for the return', async () => {
    const person = await t.signUp({ role: 'editor', name: 'Tia' });
    const { user } = await admin.caller.admin.setLevel({
      userId: person.user.id,
      role: 'power',
      expiresAt: inDays(7),
      reason: 'Covering for Pia.',
    });
    expect(user).toMatchObject({ role: 'power', levelExpiresAt: inDays(7) });
    // A second grant while one runs still returns to the level held for good.
    await admin.caller.admin.setLevel({
      userId: person.user.id,
      role: 'power',
      expiresAt: inDays(30),
    });
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'levelBeforeGrant', 'levelExpiresAt', 'levelExpiryWarnedAt'])
      .where('id', '=', person.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      role: 'power',
      levelBeforeGrant: 'editor',
      levelExpiresAt: new Date(inDays(30)),
      levelExpiryWarnedAt: null,
    });
    // Making it permanent forgets the grant.
    const permanent = await admin.caller.admin.setLevel({ userId: person.user.id, role: 'power' });
    expect(permanent.user.levelExpiresAt).toBeNull();
  });

  it("refuses one's own account, changing nothing", async () => {
    const error = await callerError(
      admin.caller.admin.setLevel({ userId: admin.user.id, role: 'reader' }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/own level/);
    expect((await admin.caller.auth.me()).user?.role).toBe('reader');
  });

  it('refuses bad input naming the field, an unknown id, and the level already held for good', async () => {
    const person = await t.signUp({ role: 'editor' });
    await expectFieldRefusals([
      [() => admin.caller.admin.setLevel({ userId: 'nope', role: 'power' }), 'userId'],
      [
        () => admin.caller.admin.setLevel({ userId: person.user.id, role: 'owner' as 'power' }),
        'role',
      ],
      [
        () =>
          admin.caller.admin.setLevel({ userId: person.user.id, role: 'power', expiresAt: 'soon' }),
        'expiresAt',
      ],
      [
        () =>
          admin.caller.admin.setLevel({
            userId: person.user.id,
            role: 'power',
            expiresAt: inDays(-1),
          }),
        'expiresAt',
      ],
      [() => admin.caller.admin.setLevel({ userId: person.user.id, role: 'editor' }), 'role'],
    ]);
    const missing = await callerError(
      admin.caller.admin.setLevel({ userId: randomUUID(), role: 'power' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect((await person.caller.auth.me()).user?.role).toBe('editor');
    expect(await auditOf(t.db, person.user.id)).toEqual([]);
  });
});

describe('admin.setLevel and admin.approve at the same moment', () => {
  it('take turns: the level is set, and the approval either lands first or is CONFLICT', async () => {
    const other = await t.signUpAdmin({ name: 'Other' });
    for (let round = 0; round < 6; round++) {
      const person = await t.signUp({ role: 'power' });
      const requestId = await pendingRequestIdOf(t.db, person.user.id);
      const [approved, set] = await Promise.allSettled([
        other.caller.admin.approve({ requestId }),
        admin.caller.admin.setLevel({
          userId: person.user.id,
          role: 'power',
          expiresAt: inDays(7),
        }),
      ]);
      expect(set.status).toBe('fulfilled');
      if (approved.status === 'rejected') {
        expect((await callerError(Promise.reject(approved.reason))).code).toBe('CONFLICT');
      }
      expect((await person.caller.auth.me()).user).toMatchObject({ role: 'power', pending: false });
    }
  });
});

describe('admin.approve with expiresAt', () => {
  it('grants the level until then and returns the level held before the grant', async () => {
    const person = await t.signUp({ role: 'power', name: 'Uma', email: 'uma@example.com' });
    const requestId = await pendingRequestIdOf(t.db, person.user.id);
    const { user } = await admin.caller.admin.approve({ requestId, expiresAt: inDays(30) });
    expect(user).toMatchObject({ role: 'power', levelExpiresAt: inDays(30) });
    expect((await userRow(t.db, person.user.id)).levelBeforeGrant).toBe('editor');
    const decision = await t.db
      .selectFrom('mailOutbox')
      .select('message')
      .where('idempotencyKey', '=', `level-request:${requestId}:decision`)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(decision.message)).toContain('It lasts until');
  });

  it('refuses an expiresAt in the past naming expiresAt, and decides nothing', async () => {
    const person = await t.signUp({ role: 'power' });
    const requestId = await pendingRequestIdOf(t.db, person.user.id);
    await expectFieldRefusals([
      [
        () => admin.caller.admin.approve({ requestId, expiresAt: clock.toISOString() }),
        'expiresAt',
      ],
    ]);
    expect((await person.caller.account.requests()).requests[0]?.status).toBe('pending');
  });
});
