/**
 * The stack most attack files run against: one production server without the in-process outbox
 * worker (nothing may write to the database behind a refused call's back), Kysely on its database
 * for assertions, the tables a snapshot covers, and the admin signed in. Like useFileStack, whose
 * `stack` and `db` it passes on, it is used once at a file's top and read through live imports:
 *
 *   import { admin, db, stack, tables, useSecurityStack } from './security-stack.js';
 *   useSecurityStack();
 */
import { db, stack, useFileStack } from '../harness/file-stack.js';
import { type Person, signInAdmin } from '../harness/index.js';
import { listTables } from './snapshot.js';

export { db, stack };
/** Every table of the migrated database, for snapshot() and guardedCall(). */
export let tables: string[];
export let admin: Person;
/** The admin's session as a Cookie header, for requests written by hand. */
export let adminCookie: string;

/** `then` runs once the admin is signed in, for what the file's tests share. */
export function useSecurityStack(then?: () => Promise<void>): void {
  useFileStack({ serverEnv: { MAIL_WORKER: 'false' } }, async () => {
    tables = await listTables(db);
    admin = await signInAdmin(stack.personOptions());
    adminCookie = admin.jar.header() ?? '';
    await then?.();
  });
}
