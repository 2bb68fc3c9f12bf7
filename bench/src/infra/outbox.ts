/** Row 3's queue: messages written straight into mail_outbox, and the wait until all are sent. */
import { performance } from 'node:perf_hooks';
import { EmailMessage, loadMailSettings } from '@rolegate/mail';
import pg from 'pg';
import type { SmtpSink } from './smtp-sink.js';

/** The channel the worker LISTENs on (apps/server/src/outbox/listener.ts): queueMail notifies it. */
const OUTBOX_CHANNEL = 'rolegate_outbox';

const settings = loadMailSettings({ DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@bench.test>' });

/** A message the size of Rolegate's own notices (~1 kB of text). */
function benchMessage(tag: string, index: number): unknown {
  return new EmailMessage({
    settings,
    subject: `[Rolegate] Bench message ${index}`,
    body: `Message ${index} of run ${tag}.\n\n${'Someone asked for the power level. '.repeat(25)}\n`,
    to: ['Bench Admin <admin@bench.test>'],
  }).toJSON();
}

/**
 * Inserts `count` due messages in one transaction (with the NOTIFY queueMail sends), then times
 * from COMMIT until the SMTP server holds all of them and every row is `sent`.
 */
export async function queueAndTimeDelivery(
  databaseUrl: string,
  smtp: SmtpSink,
  count: number,
  timeoutMs: number,
): Promise<{ seconds: number }> {
  const tag = Date.now().toString(36);
  const messages = Array.from({ length: count }, (_, i) => benchMessage(tag, i));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const placeholders = messages.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::jsonb)`);
    await client.query(
      `insert into mail_outbox (idempotency_key, message) values ${placeholders.join(', ')}`,
      messages.flatMap((message, i) => [`bench:${tag}:${i}`, JSON.stringify(message)]),
    );
    await client.query('select pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    const started = performance.now();
    await client.query('commit');
    await smtp.waitForMessages(count, timeoutMs);
    for (;;) {
      const { rows } = await client.query<{ left: number }>(
        `select count(*)::int as left from mail_outbox where state <> 'sent'`,
      );
      if (rows[0]?.left === 0) break;
      if (performance.now() - started > timeoutMs) {
        throw new Error(`${rows[0]?.left} outbox rows were still not sent after ${timeoutMs} ms.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
