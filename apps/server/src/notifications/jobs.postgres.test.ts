import { createDb, type Executor } from '@rolegate/db';
import { createTestDb, type TestDb } from '@rolegate/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPendingRequests, insertPeople } from '../testing/seeded-rows.js';
import { testConfig } from '../testing/test-context.js';
import { runRequestJobs } from './jobs.js';

// Several processes at once need a Postgres server with several connections: vitest.config.ts runs
// this file only when DATABASE_URL names one, as CI's does.
const HOUR_MS = 60 * 60 * 1000;
const WORKERS = 4;

describe('level-request jobs in several workers at once', () => {
  let t: TestDb;
  /** One pool per worker, as separate `rolegate worker` processes have. */
  const pools: Executor[] = [];
  const config = testConfig({}, { ADMINS: '' });

  beforeAll(async () => {
    t = await createTestDb({ dialect: 'postgres' });
    for (let i = 0; i < WORKERS; i++) pools.push(await createDb(t.url));
    const [admin, dailyAdmin] = await t.db
      .insertInto('users')
      .values([
        {
          name: 'Each Admin',
          email: 'each@example.com',
          passwordHash: 'x',
          role: 'editor',
          isAdmin: true,
        },
        {
          name: 'Daily Admin',
          email: 'daily@example.com',
          passwordHash: 'x',
          role: 'editor',
          isAdmin: true,
          levelRequestMail: 'daily',
        },
      ])
      .returning('id')
      .execute();
    expect(admin && dailyAdmin).toBeTruthy();
    const asked = new Date('2026-12-01T00:00:00Z');
    const people = await insertPeople(
      t.db,
      Array.from({ length: 20 }, (_, i) => ({
        name: `Person ${i}`,
        email: `person${i}@example.com`,
        role: 'editor' as const,
      })),
      asked,
    );
    await insertPendingRequests(
      t.db,
      people.map((person) => person.id),
      asked,
    );
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.destroy()));
    await t.destroy();
  });

  it('queue each reminder and each digest once, however many run them at the same moment', async () => {
    const now = new Date(new Date('2026-12-01T00:00:00Z').getTime() + 24 * HOUR_MS + 9 * HOUR_MS);
    const runs = await Promise.all(pools.map((pool) => runRequestJobs(pool, config, now)));
    expect(runs.reduce((sum, run) => sum + run.reminders, 0)).toBe(20);
    expect(runs.reduce((sum, run) => sum + run.digests, 0)).toBe(1);

    const keys = await t.db.selectFrom('mailOutbox').select('idempotencyKey').execute();
    const reminders = keys.filter((row) => row.idempotencyKey.includes(':reminder-1:'));
    const digests = keys.filter((row) => row.idempotencyKey.startsWith('level-request-digest:'));
    expect(reminders).toHaveLength(20);
    expect(digests).toHaveLength(1);
    const claims = await t.db.selectFrom('levelRequestReminders').selectAll().execute();
    expect(claims).toHaveLength(20);
    // Every link that exists was mailed: one per reminder, and one per request in the digest.
    const links = await t.db.selectFrom('decisionLinks').select('id').execute();
    expect(links).toHaveLength(40);
  });
});
