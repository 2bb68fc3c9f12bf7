/**
 * Row 3: outbox delivery. The real worker (`rolegate worker`: one SMTP connection per batch) ÷ one
 * connection per message, on the same SMTP server; and one worker process vs two. Duplicates are
 * counted by Message-ID at the SMTP server.
 */
import { queueAndTimeDelivery } from '../infra/outbox.js';
import { createDatabase } from '../infra/postgres.js';
import { removeDir, startHelper } from '../infra/processes.js';
import { startWorkers } from '../infra/server.js';
import { duplicateMessageIds, startSmtpSink } from '../infra/smtp-sink.js';
import { check, type RowOutcome } from '../results.js';
import { ratio, summarize } from '../stats.js';
import type { RowContext } from './context.js';

type Sender = '1 worker' | '2 workers' | 'one connection per message';
const SENDERS: readonly Sender[] = ['1 worker', '2 workers', 'one connection per message'];

export async function outboxRow(ctx: RowContext): Promise<RowOutcome> {
  const { outbox } = ctx.plan;
  const rates: Record<Sender, number[]> = {
    '1 worker': [],
    '2 workers': [],
    'one connection per message': [],
  };
  const seconds: Record<Sender, number[]> = {
    '1 worker': [],
    '2 workers': [],
    'one connection per message': [],
  };
  let duplicates = 0;

  for (let r = 0; r < outbox.rounds; r++) {
    // Rotate the order so no sender always runs first.
    const order = SENDERS.map((_, i) => SENDERS[(i + r) % SENDERS.length] as Sender);
    for (const sender of order) {
      const count =
        sender === 'one connection per message' ? outbox.perMessageMessages : outbox.messages;
      ctx.log(`row 3, round ${r + 1}: ${count} messages, ${sender}`);
      const smtp = await startSmtpSink();
      const database = await createDatabase(ctx.postgresUrl, { migrate: true });
      const env = {
        DATABASE_URL: database.url,
        EMAIL_URL: `smtp://127.0.0.1:${smtp.port}`,
        DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@bench.test>',
      };
      const running =
        sender === 'one connection per message'
          ? await startHelper('per-message-sender', {}, env).then((helper) => ({
              stop: async () => {
                await helper.stop();
                removeDir(helper.dir);
              },
            }))
          : await startWorkers(sender === '2 workers' ? 2 : 1, env);
      try {
        const timed = await queueAndTimeDelivery(database.url, smtp, count, 10 * 60_000);
        seconds[sender].push(timed.seconds);
        rates[sender].push(count / timed.seconds);
      } finally {
        await running.stop();
        duplicates += duplicateMessageIds(smtp);
        await smtp.close();
        await database.drop();
      }
    }
  }

  const pooled = summarize(rates['1 worker']);
  const perMessage = summarize(rates['one connection per message']);
  const two = summarize(rates['2 workers']);
  return {
    row: 3,
    title: 'outbox delivery: pooled ÷ one connection per message; 1 vs 2 workers',
    checks: [
      check(
        'pooled ÷ one connection per message',
        ratio(pooled.median, perMessage.median),
        '×',
        '>=',
        5,
      ),
      check('pooled, 1 worker', pooled.median, 'msg/s', '>=', 500),
      check('duplicates by Message-ID', duplicates, '', '<=', 0),
    ],
    figures: {
      'msg/s, 1 worker (pooled)': pooled,
      'msg/s, 2 workers (pooled)': two,
      'msg/s, one connection per message': perMessage,
      '2 workers ÷ 1 worker': ratio(two.median, pooled.median),
      's to send all, 1 worker': summarize(seconds['1 worker']),
      's to send all, 2 workers': summarize(seconds['2 workers']),
      's to send all, one connection per message': summarize(seconds['one connection per message']),
      'messages queued (pooled)': outbox.messages,
      'messages queued (one connection per message)': outbox.perMessageMessages,
      duplicates,
    },
    notes: [
      `${outbox.messages} messages inserted into mail_outbox in one transaction (with the NOTIFY queueMail sends); timed from COMMIT until the SMTP server holds every one and every row is sent; fresh database and SMTP server per run`,
      'pooled = `rolegate worker` processes as shipped; one connection per message = the same claim and bookkeeping, but a new SMTP connection for each message (Django send_mail style)',
      `smtp-server adds ~100 ms to every new connection (its early-talker check), so one connection per message looks slower here than against a real server; it is timed on ${outbox.perMessageMessages} messages because ${outbox.messages} would take minutes a round at that rate (the rate does not depend on the count)`,
      'the SMTP server is smtp-server on loopback (plain SMTP, no TLS or AUTH) keeping only each Message-ID, in the bench process: no parsing, so its CPU stays with the app',
    ],
  };
}
