/**
 * One stack for all the tests of a file: started before its first test, stopped after its last.
 * The file calls useFileStack() once at its top and imports `stack` and `db` from here; ES module
 * imports are live bindings, so inside the tests they name the started stack (each test file has
 * modules of its own, so files never share one).
 *
 *   import { db, stack, useFileStack } from '../harness/file-stack.js';
 *   useFileStack({ serverEnv: { MAIL_WORKER: 'false' } });
 */
import type { Executor } from '@rolegate/db';
import { afterAll, beforeAll } from 'vitest';
import { type Stack, type StackOptions, startStack } from './stack.js';

export let stack: Stack;
/** Kysely on the stack's database, for assertions. */
export let db: Executor;

/** `then` runs once the stack is up, for what the file's tests share (people, rows, lists). */
export function useFileStack(options: StackOptions = {}, then?: () => Promise<void>): void {
  beforeAll(async () => {
    stack = await startStack(options);
    db = await stack.database.db();
    await then?.();
  });
  afterAll(() => stack?.stop());
}
