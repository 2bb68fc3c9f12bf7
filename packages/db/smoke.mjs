import { createDb, migrateToLatest, migrateToNothing, claimDueMessages, isUniqueViolation, describeDatabaseUrl } from './dist/index.js';
import { createTestDb, testDialects } from './dist/testing/index.js';
console.log(testDialects(), describeDatabaseUrl('postgres://u:secret@h/db'));
for (const dialect of testDialects()) {
  let t0 = Date.now();
  const t = await createTestDb({ dialect });
  console.log(dialect, 'created in', Date.now() - t0, t.url);
  const u = await t.db.insertInto('users').values({ email: 'Foo@x.com', name: 'a', passwordHash: 'h', role: 'reader' }).returningAll().executeTakeFirstOrThrow();
  console.log(u);
  try { await t.db.insertInto('users').values({ email: 'foo@X.COM', name: 'a', passwordHash: 'h', role: 'reader' }).execute() } catch (e) { console.log('unique', isUniqueViolation(e, 'users_email_lower_key')) }
  await t.db.insertInto('mailOutbox').values({ idempotencyKey: 'k1', message: { to: ['a@b'] } }).execute();
  console.log(await claimDueMessages(t.db, { limit: 5, leaseMs: 60000 }));
  console.log(await t.db.selectFrom('users').select(({fn}) => fn.countAll().as('c')).executeTakeFirst());
  t0 = Date.now();
  const t2 = await createTestDb({ dialect });
  console.log('second', Date.now() - t0);
  await t2.destroy();
  console.log(await migrateToNothing(t.db));
  await t.destroy();
}
