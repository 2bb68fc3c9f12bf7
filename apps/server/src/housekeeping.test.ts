import type { OutboxState } from '@rolegate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteSentMailBefore, runHousekeeping } from './housekeeping.js';
import { createTestContext, type TestContext } from './testing/index.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.destroy());

const NOW = new Date('2026-11-26T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
let n = 0;

/** One outbox row; `sentAt` is stamped on every state, so only the state can protect a row. */
async function queued(state: OutboxState, sentDaysAgo: number): Promise<string> {
  const row = await t.db
    .insertInto('mailOutbox')
    .values({
      idempotencyKey: `housekeeping-test:${++n}`,
      message: { subject: `message ${n}` },
      state,
      sentAt: daysAgo(sentDaysAgo),
      createdAt: daysAgo(sentDaysAgo + 1),
      nextAttemptAt: daysAgo(sentDaysAgo),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await t.db.selectFrom('mailOutbox').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id).sort();
}

describe('housekeeping of the mail outbox', () => {
  it('deletes sent mail older than the retention, and never a pending, sending or failed row', async () => {
    const oldSent = [await queued('sent', 31), await queued('sent', 400)];
    const kept = [
      await queued('sent', 29),
      await queued('pending', 400),
      await queued('sending', 400),
      await queued('failed', 400),
    ];
    const deleted = await runHousekeeping(t.db, NOW, { outboxRetentionDays: 30 });
    expect(deleted.sentMail).toBe(2);
    expect(await remaining([...oldSent, ...kept])).toEqual([...kept].sort());
    // A second run finds nothing more to do.
    expect((await runHousekeeping(t.db, NOW, { outboxRetentionDays: 30 })).sentMail).toBe(0);
  });

  it('keeps sent mail forever with a retention of 0', async () => {
    const ancient = await queued('sent', 10_000);
    expect((await runHousekeeping(t.db, NOW, { outboxRetentionDays: 0 })).sentMail).toBe(0);
    expect(await remaining([ancient])).toEqual([ancient]);
    // Out of the way of the next test's count.
    await t.db.deleteFrom('mailOutbox').where('id', '=', ancient).execute();
  });

  it('deletes in batches until none is left', async () => {
    const old = await Promise.all(Array.from({ length: 7 }, () => queued('sent', 60)));
    const failed = await queued('failed', 60);
    expect(await deleteSentMailBefore(t.db, daysAgo(30), 3)).toBe(7);
    expect(await remaining([...old, failed])).toEqual([failed]);
  });
});
