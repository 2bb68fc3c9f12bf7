import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { userRow } from '../testing/rows.js';
import { openLevelRequest } from './open.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
  await t.signUpAdmin();
});
afterAll(() => t.destroy());

async function rowsFor(userId: string) {
  const requests = await t.db
    .selectFrom('levelRequests')
    .select(['id', 'status'])
    .where('userId', '=', userId)
    .execute();
  const mail = await t.db
    .selectFrom('mailOutbox')
    .select('idempotencyKey')
    .where((eb) =>
      eb.or(
        requests
          .map((request) => eb('idempotencyKey', 'like', `level-request:${request.id}:admins%`))
          .concat([eb('idempotencyKey', '=', '-')]),
      ),
    )
    .execute();
  return { requests, mail };
}

describe('openLevelRequest', () => {
  it('leaves no request and no mail when the caller’s transaction rolls back', async () => {
    const { user } = await t.signUp({ role: 'editor' });
    const row = await userRow(t.db, user.id);
    const failure = new Error('something after the request failed');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await openLevelRequest(trx, t.config, { user: row, role: 'power', reason: 'r' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await rowsFor(user.id)).toEqual({ requests: [], mail: [] });
  });

  it('refuses a level the person already has, naming role', async () => {
    const { user } = await t.signUp({ role: 'editor' });
    const error = await callerError(
      openLevelRequest(t.db, t.config, { user: await userRow(t.db, user.id), role: 'contributor' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(error.cause)).toHaveProperty('role');
  });

  it('lets one of two simultaneous requests through; the other is CONFLICT', async () => {
    const { user } = await t.signUp({ role: 'editor' });
    const row = await userRow(t.db, user.id);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        t.db
          .transaction()
          .execute((trx) => openLevelRequest(trx, t.config, { user: row, role: 'power' })),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(await callerError(Promise.reject(lost?.reason))).toMatchObject({ code: 'CONFLICT' });
    const { requests, mail } = await rowsFor(user.id);
    expect(requests).toMatchObject([{ status: 'pending' }]);
    expect(mail).toHaveLength(1);
  });
});
