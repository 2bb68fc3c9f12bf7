/**
 * Row 3's baseline: the outbox delivered with one SMTP connection per message, as Django's
 * send_mail() does by default. It claims and records rows exactly as the real worker does
 * (claimDueMessages in batches of 20, a fenced update to `sent`); only the connection differs.
 * Prints `ready` once connected; SIGTERM finishes the message being sent and exits.
 */
import { claimDueMessages, createDb } from '@rolegate/db';
import { EmailMessage, getConnection, loadMailSettings } from '@rolegate/mail';
import { sql } from 'kysely';

const settings = loadMailSettings(process.env);
const db = await createDb(process.env.DATABASE_URL);
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});
await sql`select 1`.execute(db);
process.stdout.write('ready\n');

while (!stopping) {
  const rows = await claimDueMessages(db, { limit: 20, leaseMs: 60_000 });
  if (rows.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    continue;
  }
  for (const row of rows) {
    // Not opened first: sendMessages opens a connection for this message and closes it after.
    const connection = getConnection(undefined, { settings });
    await connection.sendMessages([EmailMessage.fromJSON(row.message, settings)]);
    await db
      .updateTable('mailOutbox')
      .set({ state: 'sent', sentAt: sql<Date>`now()`, leaseExpiresAt: null, lastError: null })
      .where('id', '=', row.id)
      .where('state', '=', 'sending')
      .where('attempts', '=', row.attempts)
      .execute();
  }
}
await db.destroy();
