/**
 * Runs one raw call between two snapshots of every table: the answer must be a proper rejection or
 * a result, and when nothing in it succeeded, the database must be exactly as before.
 */
import type { Executor } from '@rolegate/db';
import { anySucceeded, checkAnswer, type RejectionRules } from './rejections.js';
import { changedTables, snapshot } from './snapshot.js';
import { describe, type WireResponse } from './wire.js';

export interface GuardedWorld {
  db: Executor;
  tables: readonly string[];
}

export interface GuardedResult {
  response: WireResponse;
  codes: string[];
  /** Whether the database was compared (false when part of the call succeeded). */
  compared: boolean;
}

export async function guardedCall(
  world: GuardedWorld,
  call: () => Promise<WireResponse>,
  rules: RejectionRules = {},
): Promise<GuardedResult> {
  const before = await snapshot(world.db, world.tables);
  const response = await call();
  const codes = checkAnswer(response, rules);
  if (anySucceeded(response)) return { response, codes, compared: false };
  const changed = changedTables(before, await snapshot(world.db, world.tables));
  if (changed.length > 0) {
    throw new Error(`a refused call changed ${changed.join(', ')}: ${describe(response)}`);
  }
  return { response, codes, compared: true };
}

/** Top-level keys of what was sent, so fieldErrors may name an unknown key the client chose. */
export function sentKeys(input: unknown): string[] {
  return typeof input === 'object' && input !== null && !Array.isArray(input)
    ? Object.keys(input)
    : [];
}
