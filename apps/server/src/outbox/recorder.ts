import type { Executor } from '@rolegate/db';
import { type ClaimOutcome, type Outcome, recordOutcomes } from './outcomes.js';

type Claimed = ClaimOutcome['row'];

export interface OutcomeRecorder {
  /**
   * Resolves once the outcome is committed: true, or false when the claim no longer held (the
   * lease ran out and another worker owns the row). Rejects when the database failed; then the
   * outcome was not recorded.
   */
  record(row: Claimed, outcome: Outcome): Promise<boolean>;
}

interface Waiting extends ClaimOutcome {
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for outcomes: an outcome is written as soon as nothing else is being written,
 * together with every outcome that arrived meanwhile, in one statement.
 * One UPDATE serves the worker's several SMTP sessions, yet no outcome waits longer than one
 * round trip more than it would alone, and none is ever written before its send has ended.
 */
export function outcomeRecorder(db: Executor): OutcomeRecorder {
  let waiting: Waiting[] = [];
  let writing = false;

  const writeAll = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        const recorded = await recordOutcomes(db, group);
        for (const entry of group) entry.resolve(recorded.has(entry.row.id));
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    writing = false;
  };

  return {
    record(row, outcome) {
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ row, outcome, resolve, reject });
        if (writing) return;
        writing = true;
        // After this turn's I/O: replies that reached other sessions at the same moment join in.
        setImmediate(() => void writeAll());
      });
    },
  };
}
