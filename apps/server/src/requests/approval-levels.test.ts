import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { type Person, queuedMail } from '../testing/levels.js';
import { findPendingRequestOf } from './open.js';

/** APPROVAL_REQUIRED_LEVELS=editor,power */
let t: TestContext;
let admin: Person;
beforeAll(async () => {
  ({ t, admin } = await contextWithAdmin(
    { configOverrides: { approvalRequiredLevels: ['editor', 'power'] } },
    { name: 'Grace Admin', email: 'grace@example.com' },
  ));
});
afterAll(() => t.destroy());

const pendingRequestOf = async (userId: string) => {
  const request = await findPendingRequestOf(t.db, userId);
  if (request === undefined) throw new Error('no pending request');
  return request;
};

describe('with APPROVAL_REQUIRED_LEVELS=editor,power', () => {
  it('tells anyone which levels need approval', async () => {
    expect(await t.caller().auth.accessPolicy()).toEqual({
      approvalRequiredLevels: ['editor', 'power'],
    });
  });

  it('signs up as editor at contributor with a pending request, mails the admins, and approval grants editor', async () => {
    const eve = await t.signUp({ role: 'editor', name: 'Eve Editor', email: 'eve@example.com' });
    expect(eve.user).toMatchObject({ role: 'contributor', requestedRole: 'editor', pending: true });

    const request = await pendingRequestOf(eve.user.id);
    expect(request.requestedRole).toBe('editor');
    const mail = await queuedMail(t.db, `level-request:${request.id}:admins`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to.join(', ')).toContain('grace@example.com');
    expect(mail[0]?.body).toContain('they work as contributor');

    const decided = await admin.caller.admin.approve({ requestId: request.id });
    expect(decided.user).toMatchObject({ role: 'editor', pending: false, requestedRole: null });
  });

  it('keeps two self-made accounts from accepting each other’s proposals', async () => {
    const first = await t.signUp({ role: 'editor', email: 'first@example.com' });
    const second = await t.signUp({ role: 'editor', email: 'second@example.com' });
    const proposal = await first.caller.entries.propose({ title: 'Mine', body: 'Text' });
    const error = await callerError(
      second.caller.entries.review({ proposalId: proposal.proposal.id, decision: 'accept' }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });

  it('starts a power request at contributor too, so nobody reaches editor by asking for power', async () => {
    const pat = await t.signUp({ role: 'power', email: 'pat@example.com' });
    expect(pat.user).toMatchObject({ role: 'contributor', requestedRole: 'power', pending: true });
  });

  it('turns a later request for editor into a pending request, the level unchanged', async () => {
    const cora = await t.signUp({ role: 'contributor', email: 'cora@example.com' });
    const { user } = await cora.caller.account.requestLevel({ role: 'editor' });
    expect(user).toMatchObject({ role: 'contributor', requestedRole: 'editor', pending: true });
    const request = await pendingRequestOf(cora.user.id);
    expect(await queuedMail(t.db, `level-request:${request.id}:admins`)).toHaveLength(1);
  });

  it('lets an editor from before the setting keep editor while asking for power', async () => {
    const old = await t.signUp({ role: 'contributor', email: 'old@example.com' });
    await t.db.updateTable('users').set({ role: 'editor' }).where('id', '=', old.user.id).execute();
    const { user } = await old.caller.account.requestLevel({ role: 'power' });
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    const request = await pendingRequestOf(old.user.id);
    const mail = await queuedMail(t.db, `level-request:${request.id}:admins`);
    expect(mail[0]?.body).toContain('they work as editor');
  });
});
