import { testServerUrl } from '@rolegate/db/testing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailsTo } from '../testing/account-mail.js';
import { queuedDecisionToken } from '../testing/decision-links.js';
import { callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { auditOf, type Person, pendingRequestIdOf } from '../testing/levels.js';
import { signal } from '../testing/signal.js';
import { setAdmin } from './set-admin.js';

let t: TestContext;
let root: Person;
beforeEach(async () => ({ t, admin: root } = await contextWithAdmin()));
afterEach(() => t.destroy());

const adminIds = async () =>
  (await t.db.selectFrom('users').select('id').where('isAdmin', '=', true).execute()).map(
    (row) => row.id,
  );

describe('admin.setAdmin', () => {
  it('makes someone an admin and takes it back, an audit row each time', async () => {
    const person = await t.signUp({ name: 'Noor' });
    const made = await root.caller.admin.setAdmin({ userId: person.user.id, isAdmin: true });
    expect(made.user.isAdmin).toBe(true);
    expect((await person.caller.admin.users()).users.length).toBeGreaterThan(0);

    const removed = await root.caller.admin.setAdmin({ userId: person.user.id, isAdmin: false });
    expect(removed.user.isAdmin).toBe(false);
    expect((await callerError(person.caller.admin.users())).code).toBe('FORBIDDEN');
    expect((await auditOf(t.db, person.user.id)).map((row) => row.action)).toEqual([
      'user.admin_granted',
      'user.admin_removed',
    ]);
  });

  it('mails the person each time, naming the admin who did it', async () => {
    const person = await t.signUp({ name: 'Noor', email: 'noor@example.com' });
    await root.caller.admin.setAdmin({ userId: person.user.id, isAdmin: true });
    await root.caller.admin.setAdmin({ userId: person.user.id, isAdmin: false });
    // Setting the flag it already has changes nothing, and says nothing.
    await root.caller.admin.setAdmin({ userId: person.user.id, isAdmin: false });
    const mails = (await mailsTo(t.db, 'noor@example.com')).filter((mail) =>
      mail.subject.includes('admin'),
    );
    expect(mails.map((mail) => mail.subject)).toEqual([
      '[Rolegate] You are now an admin',
      '[Rolegate] You are no longer an admin',
    ]);
    expect(mails[0]?.body).toContain(`${root.user.name} (${root.user.email}) made you an admin`);
    expect(mails[0]?.body).toContain('If you did not expect this, tell another admin.');
  });

  it('refuses to remove the last admin (CONFLICT), even oneself, and changes nothing', async () => {
    const error = await callerError(
      root.caller.admin.setAdmin({ userId: root.user.id, isAdmin: false }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/last admin/);
    expect(await adminIds()).toEqual([root.user.id]);
    expect(await auditOf(t.db, root.user.id)).toEqual([]);
  });

  it('lets an admin step down while another admin is left', async () => {
    const other = await t.signUpAdmin({ name: 'Other' });
    await root.caller.admin.setAdmin({ userId: root.user.id, isAdmin: false });
    expect(await adminIds()).toEqual([other.user.id]);
  });

  it('two admins removing each other at the same moment leave one admin', async () => {
    const other = await t.signUpAdmin({ name: 'Other' });
    const results = await Promise.allSettled([
      root.caller.admin.setAdmin({ userId: other.user.id, isAdmin: false }),
      other.caller.admin.setAdmin({ userId: root.user.id, isAdmin: false }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await adminIds()).toHaveLength(1);
  });

  it('a demotion that waits for another one sees it, and is CONFLICT', async () => {
    const other = await t.signUpAdmin({ name: 'Other' });
    const gate = signal();
    const firstDemoted = signal();
    // The first demotion holds its transaction open after its update, as a slow request would.
    const first = t.db.transaction().execute(async (trx) => {
      await setAdmin(trx, t.config, {
        admin: root.user,
        userId: other.user.id,
        isAdmin: false,
        now: new Date(),
      });
      firstDemoted.give();
      await gate.done;
    });
    await firstDemoted.done;
    const second = t.db.transaction().execute((trx) =>
      setAdmin(trx, t.config, {
        admin: other.user,
        userId: root.user.id,
        isAdmin: false,
        now: new Date(),
      }),
    );
    if (testServerUrl() !== undefined) await waitUntilSomeoneWaitsForALock(t);
    gate.give();
    await first;
    expect((await callerError(second)).code).toBe('CONFLICT');
    expect(await adminIds()).toEqual([root.user.id]);
  });

  it("kills the demoted admin's decision links", async () => {
    const other = await t.signUpAdmin({ name: 'Other', email: 'other@example.com' });
    const person = await t.signUp({ role: 'power' });
    const requestId = await pendingRequestIdOf(t.db, person.user.id);
    const token = await queuedDecisionToken(t.db, requestId, other.user.id);
    await root.caller.admin.setAdmin({ userId: other.user.id, isAdmin: false });
    const error = await callerError(t.caller().admin.decideByLink({ token, decision: 'approve' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect((await person.caller.account.requests()).requests[0]?.status).toBe('pending');
  });

  it('refuses bad input naming the field', async () => {
    const error = await callerError(
      root.caller.admin.setAdmin({ userId: root.user.id, isAdmin: 'yes' as unknown as boolean }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/isAdmin/);
  });
});

/** Postgres: until a backend waits for a row lock (the second demotion, behind the first). */
async function waitUntilSomeoneWaitsForALock(context: TestContext) {
  for (;;) {
    const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where wait_event_type = 'Lock' and datname = current_database()`.execute(context.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
