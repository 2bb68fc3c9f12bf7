import { createTestDb, type TestDb } from '@rolegate/db/testing';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerError, createTestContext, type TestContext, testConfig } from '../testing/index.js';
import { signUpRowCounts, withInsertsRefused } from '../testing/sign-up-rows.js';

/** Counts the statements that go through the query builder (every one a round trip). */
function statementCounter() {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      counter.statements += 1;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { counter, plugin };
}

let testDb: TestDb;
let t: TestContext;
const { counter, plugin } = statementCounter();
beforeAll(async () => {
  testDb = await createTestDb();
  t = await createTestContext({
    db: testDb.db.withPlugin(plugin),
    configOverrides: {
      mail: testConfig({}, { ADMINS: 'Ada Admin <ada@example.com>' }).mail,
    },
  });
});
afterAll(() => t.destroy());

const power = {
  password: 'correct horse battery staple',
  name: 'Grace Hopper',
  role: 'power' as const,
  reason: 'I maintain the import scripts.',
};

const counts = () => signUpRowCounts(t.db);

describe('a sign-up is written as one statement', () => {
  it('writes a power sign-up (user, session, request, the admins’ mails and links) in one statement', async () => {
    const before = await counts();
    counter.statements = 0;
    const { user } = await t.caller().auth.register({ ...power, email: 'one@example.com' });
    // pnpm bench row 2: each statement costs the server and Postgres CPU next to the hash. Rate
    // limits are off here (testConfig): a limit turned off costs no query either. One read says
    // who hears of the request (which ADMINS are admin accounts, with links of their own); one
    // statement writes everything.
    expect(counter.statements).toBe(2);
    expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
    expect(await counts()).toEqual({
      users: before.users + 1,
      requests: before.requests + 1,
      mail: before.mail + 1,
      sessions: before.sessions + 1,
      links: before.links,
    });
  });

  it('addresses the admins’ mail to ADMINS and links the request it was written with', async () => {
    const { user } = await t.caller().auth.register({ ...power, email: 'linked@example.com' });
    const request = await t.db
      .selectFrom('levelRequests')
      .select(['id', 'reason', 'createdAt'])
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    const mail = await t.db
      .selectFrom('mailOutbox')
      .select('message')
      .where('idempotencyKey', 'like', `level-request:${request.id}:admins%`)
      .executeTakeFirstOrThrow();
    expect(mail.message.to).toEqual(['"Ada Admin" <ada@example.com>']);
    expect(mail.message.body).toContain(`admin/requests/${request.id}`);
    expect(mail.message.body).toContain(request.createdAt.toISOString());
    expect(request.reason).toBe(power.reason);
  });

  it('writes nothing at all when the admins’ mail cannot be queued', async () => {
    const before = await counts();
    const cookies = new Map<string, string>();
    const error = await withInsertsRefused(t.db, 'mail_outbox', () =>
      callerError(
        t.caller(null, { cookies }).auth.register({ ...power, email: 'no-mail@example.com' }),
      ),
    );
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await counts()).toEqual(before);
    expect(cookies.has('rolegate_session')).toBe(false);
  });

  it('writes nothing for a taken email: no second user, request, mail or session', async () => {
    await t.caller().auth.register({ ...power, email: 'taken@example.com' });
    const before = await counts();
    const cookies = new Map<string, string>();
    const error = await callerError(
      t.caller(null, { cookies }).auth.register({ ...power, email: 'Taken@Example.com' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('An account with this email already exists.');
    expect(await counts()).toEqual(before);
    expect(cookies.has('rolegate_session')).toBe(false);
  });
});

describe('with EMAIL_VERIFICATION=required', () => {
  let v: TestContext;
  const vCounter = statementCounter();
  beforeAll(async () => {
    v = await createTestContext({
      db: (await createTestDb()).db.withPlugin(vCounter.plugin),
      configOverrides: {
        emailVerification: 'required',
        mail: testConfig({}, { ADMINS: 'Ada Admin <ada@example.com>' }).mail,
      },
    });
  });
  afterAll(() => v.destroy());

  it('writes the person, session, request, link and its mail (not the admins’) in one statement', async () => {
    const before = await signUpRowCounts(v.db);
    vCounter.counter.statements = 0;
    const { user } = await v.caller().auth.register({ ...power, email: 'proof@example.com' });
    expect(vCounter.counter.statements).toBe(1);
    expect(user).toMatchObject({ emailVerified: false, requestedRole: 'power' });
    expect(await signUpRowCounts(v.db)).toEqual({
      users: before.users + 1,
      requests: before.requests + 1,
      mail: before.mail + 1,
      sessions: before.sessions + 1,
      links: before.links + 1,
    });
    const [mail] = await v.db.selectFrom('mailOutbox').select('message').execute();
    expect(mail?.message.to).toEqual(['"Grace Hopper" <proof@example.com>']);
  });

  it('writes nothing at all when the link cannot be stored', async () => {
    const before = await signUpRowCounts(v.db);
    const cookies = new Map<string, string>();
    const error = await withInsertsRefused(v.db, 'account_tokens', () =>
      callerError(
        v.caller(null, { cookies }).auth.register({ ...power, email: 'nolink@example.com' }),
      ),
    );
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await signUpRowCounts(v.db)).toEqual(before);
    expect(cookies.has('rolegate_session')).toBe(false);
  });
});
