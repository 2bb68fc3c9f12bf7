/**
 * The stack most attack files run against: one production server without the in-process outbox
 * worker (nothing may write to the database behind a refused call's back), Kysely on its database
 * for assertions, the tables a snapshot covers, and the admin signed in.
 *
 *   let stack: Stack; let db: Executor; let tables: string[]; let admin: Person;
 *   withSecurityStack((started) => {
 *     ({ stack, db, tables, admin } = started);
 *   });
 */
import type { Executor } from '@rolegate/db';
import { afterAll, beforeAll } from 'vitest';
import { type Person, type Stack, signInAdmin, startStack } from '../harness/index.js';
import { listTables } from './snapshot.js';

export interface SecurityStack {
  stack: Stack;
  db: Executor;
  /** Every table of the migrated database, for snapshot() and guardedCall(). */
  tables: string[];
  admin: Person;
  /** The admin's session as a Cookie header, for requests written by hand. */
  adminCookie: string;
}

export async function startSecurityStack(): Promise<SecurityStack> {
  const stack = await startStack({ serverEnv: { MAIL_WORKER: 'false' } });
  try {
    const db = await stack.database.db();
    const tables = await listTables(db);
    const admin = await signInAdmin(stack.personOptions());
    return { stack, db, tables, admin, adminCookie: admin.jar.header() ?? '' };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * Starts the stack before the file's tests, hands it to `use` (which keeps what it needs and may
 * set more up), and stops it after the file's tests.
 */
export function withSecurityStack(use: (started: SecurityStack) => void | Promise<void>): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    const started = await startSecurityStack();
    stack = started.stack;
    await use(started);
  });
  afterAll(() => stack?.stop());
}
