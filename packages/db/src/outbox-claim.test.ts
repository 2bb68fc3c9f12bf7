import { beforeEach, describe, expect, it } from 'vitest';
import type { Executor } from './create-db.js';
import { claimDueMessages } from './outbox-claim.js';
import type { OutboxState } from './schema.js';
import { testDialects } from './testing/index.js';
import { useTestDb } from './testing/use-test-db.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const LEASE_MS = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

interface Row {
  key: string;
  state?: OutboxState;
  nextAttemptAt?: Date;
  leaseExpiresAt?: Date | null;
  attempts?: number;
}

async function queue(db: Executor, rows: Row[]): Promise<void> {
  await db
    .insertInto('mailOutbox')
    .values(
      rows.map(({ key, ...fields }) => ({
        idempotencyKey: key,
        message: { subject: key },
        nextAttemptAt: at(-1_000),
        ...fields,
      })),
    )
    .execute();
}

const keysOf = (rows: { idempotencyKey: string }[]) => rows.map((row) => row.idempotencyKey).sort();

describe.each(testDialects())('claimDueMessages on %s', (dialect) => {
  const testDb = useTestDb(dialect);
  beforeEach(async () => {
    await testDb().db.deleteFrom('mailOutbox').execute();
  });

  it('claims due pending rows and leaves rows not yet due', async () => {
    const { db } = testDb();
    await queue(db, [
      { key: 'due', nextAttemptAt: at(-5_000) },
      { key: 'due-now', nextAttemptAt: NOW },
      { key: 'later', nextAttemptAt: at(5_000) },
    ]);
    const claimed = await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS, now: NOW });
    expect(keysOf(claimed)).toEqual(['due', 'due-now']);
    for (const row of claimed) {
      expect(row).toMatchObject({ state: 'sending', attempts: 1, leaseExpiresAt: at(LEASE_MS) });
    }
    const later = await db
      .selectFrom('mailOutbox')
      .select(['state', 'attempts', 'leaseExpiresAt'])
      .where('idempotencyKey', '=', 'later')
      .executeTakeFirstOrThrow();
    expect(later).toEqual({ state: 'pending', attempts: 0, leaseExpiresAt: null });
  });

  it('reclaims a row whose lease expired, and not one whose lease still holds', async () => {
    const { db } = testDb();
    await queue(db, [
      { key: 'expired', state: 'sending', attempts: 1, leaseExpiresAt: at(-1) },
      { key: 'live', state: 'sending', attempts: 1, leaseExpiresAt: at(30_000) },
    ]);
    const claimed = await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS, now: NOW });
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({
      idempotencyKey: 'expired',
      attempts: 2,
      leaseExpiresAt: at(LEASE_MS),
    });
  });

  it('never claims sent or failed rows', async () => {
    const { db } = testDb();
    await queue(db, [
      { key: 'sent', state: 'sent', leaseExpiresAt: at(-60_000) },
      { key: 'failed', state: 'failed', leaseExpiresAt: at(-60_000) },
    ]);
    expect(await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS, now: NOW })).toEqual([]);
  });

  it('claims at most `limit` rows, the longest due first', async () => {
    const { db } = testDb();
    await queue(
      db,
      [5, 1, 4, 2, 3].map((minutes) => ({
        key: `m${minutes}`,
        nextAttemptAt: at(-minutes * 60_000),
      })),
    );
    const first = await claimDueMessages(db, { limit: 2, leaseMs: LEASE_MS, now: NOW });
    expect(first.map((row) => row.idempotencyKey)).toEqual(['m5', 'm4']);
    const rest = await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS, now: NOW });
    expect(rest.map((row) => row.idempotencyKey)).toEqual(['m3', 'm2', 'm1']);
  });

  it("uses the database's clock when no time is given", async () => {
    const { db } = testDb();
    await queue(db, [
      { key: 'due', nextAttemptAt: new Date('2000-01-01T00:00:00Z') },
      { key: 'far-future', nextAttemptAt: new Date('2100-01-01T00:00:00Z') },
    ]);
    const claimed = await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS });
    expect(keysOf(claimed)).toEqual(['due']);
    const leaseEnd = claimed[0]?.leaseExpiresAt?.getTime() ?? 0;
    expect(leaseEnd).toBeGreaterThan(Date.now());
  });

  it('two concurrent claimers never get the same row, and together get them all', async () => {
    const { db } = testDb();
    const keys = Array.from({ length: 300 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
    await queue(
      db,
      keys.map((key) => ({ key })),
    );
    // On Postgres each claimer runs on its own pooled connection, truly in parallel; PGlite has one
    // connection, so there the claims interleave one statement at a time.
    const claimer = async (): Promise<string[]> => {
      const mine: string[] = [];
      for (;;) {
        const batch = await claimDueMessages(db, { limit: 7, leaseMs: LEASE_MS, now: NOW });
        if (batch.length === 0) return mine;
        mine.push(...batch.map((row) => row.idempotencyKey));
      }
    };
    const [a, b] = await Promise.all([claimer(), claimer()]);
    expect(a.filter((key) => b.includes(key))).toEqual([]);
    expect([...a, ...b].sort()).toEqual(keys);
    const attempts = await db.selectFrom('mailOutbox').select('attempts').distinct().execute();
    expect(attempts).toEqual([{ attempts: 1 }]);
  });

  if (dialect === 'postgres') {
    it('skips rows another open transaction is claiming instead of waiting for them', async () => {
      const { db } = testDb();
      await queue(
        db,
        ['a', 'b', 'c', 'd'].map((key) => ({ key })),
      );
      let insideClaim: string[] = [];
      let outsideClaim: string[] = [];
      await db.transaction().execute(async (trx) => {
        insideClaim = keysOf(
          await claimDueMessages(trx, { limit: 2, leaseMs: LEASE_MS, now: NOW }),
        );
        // Still uncommitted: the rows are locked, so this claimer must pass over them.
        outsideClaim = keysOf(
          await claimDueMessages(db, { limit: 10, leaseMs: LEASE_MS, now: NOW }),
        );
      });
      expect(insideClaim).toEqual(['a', 'b']);
      expect(outsideClaim).toEqual(['c', 'd']);
    });
  }

  it('refuses a limit or lease that makes no sense', async () => {
    const { db } = testDb();
    await expect(claimDueMessages(db, { limit: 0, leaseMs: LEASE_MS })).rejects.toThrow(/limit/);
    await expect(claimDueMessages(db, { limit: 1, leaseMs: -5 })).rejects.toThrow(/leaseMs/);
  });
});
