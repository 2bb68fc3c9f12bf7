import { createTestDb, type TestDb } from '@rolegate/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_CHANNEL } from '../outbox/listener.js';
import { createTestContext, type TestContext } from '../testing/index.js';

// LISTEN/NOTIFY needs a Postgres server (PGlite workers poll): vitest.config.ts runs this file only
// when DATABASE_URL names one, as CI's does.
describe('a power sign-up on Postgres', () => {
  let testDb: TestDb;
  let t: TestContext;
  beforeAll(async () => {
    testDb = await createTestDb({ dialect: 'postgres' });
    t = await createTestContext({ db: testDb.db });
    // An admin account, so the request has someone to notify.
    await t.signUpAdmin({ email: 'admin@example.com', name: 'Ada Admin' });
  });
  afterAll(() => t.destroy());

  it('wakes listening outbox workers when it commits', async () => {
    const listener = new pg.Client({ connectionString: testDb.url });
    await listener.connect();
    try {
      const woken = new Promise<string>((resolve) => {
        listener.on('notification', (message) => resolve(message.channel));
      });
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      await t.caller().auth.register({
        email: 'wake@example.com',
        password: 'correct horse battery staple',
        name: 'Grace Hopper',
        role: 'power',
      });
      await expect(woken).resolves.toBe(OUTBOX_CHANNEL);
    } finally {
      await listener.end();
    }
  });
});
