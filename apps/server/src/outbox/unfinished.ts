import type { Executor, OutboxMessage } from '@rolegate/db';
import { recordOutcomes, releaseClaims } from './outcomes.js';

type Claimed = Pick<OutboxMessage, 'id' | 'attempts'>;

export interface UnfinishedClaims {
  /** Sent, but the database did not take the news: never send these again from this worker. */
  readonly delivered: Set<string>;
  /** Claimed rows this worker will not try in this batch (stopping, lease running out, db lost). */
  handBack(rows: readonly Claimed[]): void;
  /** A row whose message went out but whose `sent` update failed. */
  recordSentLater(row: Claimed): void;
  /** How many rows still wait to be handed back or recorded. */
  readonly size: number;
  /**
   * Writes what is owed: hands rows back (pending, lease cleared, the attempt uncounted) and marks
   * sent ones sent, each fenced on its claim. Rejects when the database fails again, keeping
   * whatever it could not write for the next call.
   */
  settle(db: Executor): Promise<{ handedBack: number; recorded: number }>;
}

/**
 * What a worker still owes the database for rows it claimed. When the database fails mid-batch
 * (a terminated connection, a restart), those rows would otherwise stay `sending` until their lease
 * runs out, delaying mail by a minute; the worker settles them as soon as the database answers.
 */
export function unfinishedClaims(): UnfinishedClaims {
  const delivered = new Set<string>();
  const toHandBack = new Map<string, Claimed>();
  const toRecord = new Map<string, Claimed>();

  return {
    delivered,
    handBack(rows) {
      for (const row of rows) toHandBack.set(row.id, { id: row.id, attempts: row.attempts });
    },
    recordSentLater(row) {
      delivered.add(row.id);
      toRecord.set(row.id, { id: row.id, attempts: row.attempts });
    },
    get size() {
      return toHandBack.size + toRecord.size;
    },
    async settle(db) {
      let handedBack = 0;
      let recorded = 0;
      // Hand-backs first: they make mail due again for this or any other worker.
      const unsent = [...toHandBack.values()];
      if (unsent.length > 0) {
        // A row left out means its claim is gone (the update did commit before the failure, or
        // the lease ran out and another worker owns the row): nothing left to give back.
        handedBack = (await releaseClaims(db, unsent)).size;
        for (const row of unsent) toHandBack.delete(row.id);
      }
      const sent = [...toRecord.values()];
      if (sent.length > 0) {
        const done = await recordOutcomes(
          db,
          sent.map((row) => ({ row, outcome: { kind: 'sent' } as const })),
        );
        for (const row of sent) {
          // Not recorded means another claim owns the row; `delivered` still keeps this worker
          // from sending it again should it claim the row itself.
          if (done.has(row.id)) delivered.delete(row.id);
          toRecord.delete(row.id);
        }
        recorded = done.size;
      }
      return { handedBack, recorded };
    },
  };
}
