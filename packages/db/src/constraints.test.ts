import { describe, expect, it } from 'vitest';
import { constraints } from './constraints.js';
import { isUniqueViolation, postgresErrorCode } from './errors.js';
import { testDialects } from './testing/index.js';
import { insertUser, useTestDb } from './testing/use-test-db.js';

describe.each(testDialects())('constraints on %s', (dialect) => {
  const testDb = useTestDb(dialect);

  it('fills in ids, defaults and timestamps', async () => {
    const user = await insertUser(testDb().db);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.isAdmin).toBe(false);
    expect(user.createdAt).toBeInstanceOf(Date);
  });

  it('refuses an email that differs only in case, as a unique violation', async () => {
    const { db } = testDb();
    await insertUser(db, { email: 'Foo@x.com' });
    const failure = await insertUser(db, { email: 'foo@X.COM' }).catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(isUniqueViolation(failure, constraints.usersEmailUnique)).toBe(true);
    expect(isUniqueViolation(failure, constraints.mailOutboxIdempotencyKey)).toBe(false);
    const stored = await db
      .selectFrom('users')
      .select('email')
      .where('email', 'ilike', 'foo@x.com');
    expect(await stored.execute()).toEqual([{ email: 'Foo@x.com' }]);
  });

  it('refuses a role outside the four levels', async () => {
    const { db } = testDb();
    const failure = await db
      .insertInto('users')
      .values({ email: 'admin-role@x.com', name: 'A', passwordHash: 'h', role: 'admin' as 'power' })
      .execute()
      .catch((error: unknown) => error);
    expect(postgresErrorCode(failure)).toBe('23514');
  });

  it('allows one pending level request per user, and any number of decided ones', async () => {
    const { db } = testDb();
    const user = await insertUser(db);
    const other = await insertUser(db);
    const request = (userId: string) =>
      db.insertInto('levelRequests').values({ userId, requestedRole: 'editor' });

    await request(user.id).execute();
    const second = await request(user.id)
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(second, constraints.levelRequestsOnePendingPerUser)).toBe(true);
    await request(other.id).execute();

    for (const status of ['denied', 'approved', 'denied'] as const) {
      await db
        .updateTable('levelRequests')
        .set({ status, decidedAt: new Date() })
        .where('userId', '=', user.id)
        .where('status', '=', 'pending')
        .execute();
      await request(user.id).execute();
    }
    const rows = await db
      .selectFrom('levelRequests')
      .select('status')
      .where('userId', '=', user.id)
      .orderBy('createdAt')
      .execute();
    expect(rows.map((row) => row.status).sort()).toEqual([
      'approved',
      'denied',
      'denied',
      'pending',
    ]);
  });

  it('queues a mail once per idempotency key', async () => {
    const { db } = testDb();
    const queue = () =>
      db.insertInto('mailOutbox').values({
        idempotencyKey: 'approval:42',
        message: { subject: 'Approved', to: ['a@x.com'] },
      });
    await queue().execute();
    const again = await queue()
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(again, constraints.mailOutboxIdempotencyKey)).toBe(true);
    const stored = await db
      .selectFrom('mailOutbox')
      .select(['message', 'state', 'attempts'])
      .where('idempotencyKey', '=', 'approval:42')
      .execute();
    expect(stored).toEqual([
      { message: { subject: 'Approved', to: ['a@x.com'] }, state: 'pending', attempts: 0 },
    ]);
  });

  it('deleting a user removes their requests and sessions, and keeps what they decided', async () => {
    const { db } = testDb();
    const member = await insertUser(db);
    const admin = await insertUser(db, { isAdmin: true });
    const decided = await db
      .insertInto('levelRequests')
      .values({ userId: member.id, requestedRole: 'power', status: 'denied', decidedBy: admin.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sessions')
      .values({ tokenHash: `hash-${member.id}`, userId: member.id, expiresAt: new Date() })
      .execute();
    await db
      .insertInto('levelRequests')
      .values({ userId: admin.id, requestedRole: 'editor' })
      .execute();

    await db.deleteFrom('users').where('id', '=', admin.id).execute();
    const kept = await db
      .selectFrom('levelRequests')
      .select('decidedBy')
      .where('id', '=', decided.id)
      .executeTakeFirst();
    expect(kept).toEqual({ decidedBy: null });
    expect(
      await db.selectFrom('levelRequests').select('id').where('userId', '=', admin.id).execute(),
    ).toEqual([]);

    await db.deleteFrom('users').where('id', '=', member.id).execute();
    expect(
      await db.selectFrom('sessions').select('tokenHash').where('userId', '=', member.id).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('levelRequests').select('id').where('userId', '=', member.id).execute(),
    ).toEqual([]);
  });

  it('reads counts as numbers on every dialect', async () => {
    const { db } = testDb();
    const { count } = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(typeof count).toBe('number');
    expect(count).toBeGreaterThan(0);
  });
});
