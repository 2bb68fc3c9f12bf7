import type { Executor, OutboxMessage } from '@rolegate/db';
import { createTestDb, type TestDb, testDialects } from '@rolegate/db/testing';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxRows } from '../testing/outbox.js';
import { recordOutcomes, releaseClaims } from './outcomes.js';
import { outcomeRecorder } from './recorder.js';

/** Claimed rows as a worker holds them: `sending`, one attempt counted, leased. */
async function claimedRows(db: Executor, keys: string[]): Promise<OutboxMessage[]> {
  await db
    .insertInto('mailOutbox')
    .values(
      keys.map((key) => ({
        idempotencyKey: key,
        message: { subject: key },
        state: 'sending' as const,
        attempts: 1,
        leaseExpiresAt: new Date(Date.now() + 60_000),
      })),
    )
    .execute();
  return (await outboxRows(db)).filter((row) => keys.includes(row.idempotencyKey));
}

/** Counts the statements that reach the database through it. */
function statementCounter() {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { plugin, count: () => statements };
}

describe.each(testDialects())('recording outcomes on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ dialect });
  });
  afterAll(() => t.destroy());
  beforeEach(async () => {
    await t.db.deleteFrom('mailOutbox').execute();
  });

  it('records a sent, a retried and a failed row of one batch in one statement, each its own way', async () => {
    const [sent, retried, failed] = await claimedRows(t.db, ['a-sent', 'b-retry', 'c-failed']);
    if (!sent || !retried || !failed) throw new Error('three rows expected');
    const before = Date.now();
    const recorded = await recordOutcomes(t.db, [
      { row: sent, outcome: { kind: 'sent' } },
      { row: retried, outcome: { kind: 'retry', delayMs: 60_000, error: 'SMTP 451 try later' } },
      {
        row: failed,
        outcome: { kind: 'failed', error: 'SMTP refused: 550 it\'s "gone", {really}' },
      },
    ]);
    expect(recorded).toEqual(new Set([sent.id, retried.id, failed.id]));

    const rows = await outboxRows(t.db);
    expect(rows.map((row) => [row.state, row.attempts, row.lastError, row.leaseExpiresAt])).toEqual(
      [
        ['sent', 1, null, null],
        ['pending', 1, 'SMTP 451 try later', null],
        ['failed', 1, 'SMTP refused: 550 it\'s "gone", {really}', null],
      ],
    );
    const [a, b, c] = rows;
    expect(a?.sentAt).toBeInstanceOf(Date);
    expect(b?.sentAt).toBeNull();
    expect(c?.sentAt).toBeNull();
    // The retry is due after its delay (by the database's clock, close to this one).
    expect(b?.nextAttemptAt.getTime()).toBeGreaterThan(before + 50_000);
    expect(c?.nextAttemptAt.getTime()).toBeLessThan(before + 10_000);
  });

  it('leaves a row alone whose claim another worker has taken since, and says so', async () => {
    const [mine, taken] = await claimedRows(t.db, ['mine', 'taken']);
    if (!mine || !taken) throw new Error('two rows expected');
    // The lease ran out and another worker claimed it again: attempt 2 is theirs.
    await t.db.updateTable('mailOutbox').set({ attempts: 2 }).where('id', '=', taken.id).execute();

    const recorded = await recordOutcomes(t.db, [
      { row: mine, outcome: { kind: 'sent' } },
      { row: taken, outcome: { kind: 'sent' } },
    ]);
    expect(recorded).toEqual(new Set([mine.id]));
    expect((await outboxRows(t.db)).map((row) => [row.idempotencyKey, row.state])).toEqual([
      ['mine', 'sent'],
      ['taken', 'sending'],
    ]);
  });

  it('hands never-tried rows back in one statement, due as before, their attempt uncounted', async () => {
    const [first, second, taken] = await claimedRows(t.db, ['back-1', 'back-2', 'taken']);
    if (!first || !second || !taken) throw new Error('three rows expected');
    await t.db.updateTable('mailOutbox').set({ attempts: 2 }).where('id', '=', taken.id).execute();
    const counter = statementCounter();

    const released = await releaseClaims(t.db.withPlugin(counter.plugin), [first, second, taken]);
    expect(released).toEqual(new Set([first.id, second.id]));
    expect(counter.count()).toBe(1);
    const rows = await outboxRows(t.db);
    expect(
      rows.map((row) => [row.idempotencyKey, row.state, row.attempts, row.leaseExpiresAt]),
    ).toEqual([
      ['back-1', 'pending', 0, null],
      ['back-2', 'pending', 0, null],
      ['taken', 'sending', 2, taken.leaseExpiresAt],
    ]);
  });

  it('writes outcomes that arrive while a write is in flight together, in one more statement', async () => {
    const rows = await claimedRows(t.db, ['m0', 'm1', 'm2', 'm3', 'm4']);
    const counter = statementCounter();
    const recorder = outcomeRecorder(t.db.withPlugin(counter.plugin));
    const results = await Promise.all(
      rows.map((row) => recorder.record(row, { kind: 'sent' as const })),
    );
    expect(results).toEqual([true, true, true, true, true]);
    // All five arrived in the same turn: one statement, not five.
    expect(counter.count()).toBe(1);
    expect((await outboxRows(t.db)).every((row) => row.state === 'sent')).toBe(true);

    const [late] = await claimedRows(t.db, ['z-late']);
    if (!late) throw new Error('a row expected');
    expect(await recorder.record(late, { kind: 'sent' })).toBe(true);
    expect(counter.count()).toBe(2);
  });

  it('rejects every outcome of a write the database refused, and records none of them', async () => {
    const rows = await claimedRows(t.db, ['r0', 'r1']);
    const failing: KyselyPlugin = {
      transformQuery() {
        throw new Error('Connection terminated unexpectedly (test outage)');
      },
      transformResult: async (args) => args.result,
    };
    const recorder = outcomeRecorder(t.db.withPlugin(failing));
    const results = await Promise.allSettled(
      rows.map((row) => recorder.record(row, { kind: 'sent' as const })),
    );
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((await outboxRows(t.db)).map((row) => row.state)).toEqual(['sending', 'sending']);
  });
});
