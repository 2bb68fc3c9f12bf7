/**
 * Row 1: sign-up latency while the SMTP server takes 1 s per message ÷ the same with an instant
 * one. The SMTP server's delay is the only change; each round gets a fresh database and server.
 */
import { startSmtpServer } from '@rolegate/mail/testing';
import { runLoad, signUpLoad, warmUp } from '../infra/load.js';
import { createDatabase } from '../infra/postgres.js';
import { startServer } from '../infra/server.js';
import { check, type RowOutcome } from '../results.js';
import { bySide, latencyFigures, medianRatio, round, summarize } from '../stats.js';
import { alternate, mailEnv, type RowContext } from './context.js';

type Side = 'instant' | 'slow';
const SIDES: readonly Side[] = ['instant', 'slow'];

export async function signupLatencyRow(ctx: RowContext): Promise<RowOutcome> {
  const { signups } = ctx.plan;
  const p50 = bySide(SIDES);
  const p99 = bySide(SIDES);
  const perSecond = bySide(SIDES);
  const mailPerSecond = bySide(SIDES);

  for (let r = 0; r < ctx.plan.rounds; r++) {
    for (const side of alternate(r, SIDES)) {
      const delayMs = side === 'slow' ? signups.slowSmtpDelayMs : 0;
      ctx.log(`row 1, round ${r + 1}: ${side} SMTP server (${delayMs} ms a message)`);
      const smtp = await startSmtpServer({ faults: { delayMs } });
      const database = await createDatabase(ctx.postgresUrl, { migrate: true });
      const server = await startServer({ databaseUrl: database.url, env: mailEnv(smtp.port) });
      try {
        const load = signUpLoad(server, signups.connections);
        await warmUp({ ...load, seconds: signups.warmupSeconds });
        const mailBefore = smtp.received.length;
        const result = await runLoad({ ...load, seconds: signups.measureSeconds });
        p50[side].push(result.latencyMs.p50);
        p99[side].push(result.latencyMs.p99);
        perSecond[side].push(result.perSecond);
        mailPerSecond[side].push((smtp.received.length - mailBefore) / result.seconds);
      } finally {
        await server.stop();
        await smtp.close();
        await database.drop();
      }
    }
  }

  const p50Ratio = medianRatio(p50.slow, p50.instant);
  const p99Ratio = medianRatio(p99.slow, p99.instant);
  return {
    row: 1,
    title: 'sign-up latency, SMTP 1 s/message ÷ instant SMTP',
    checks: [
      check('p50 slow ÷ instant', p50Ratio, '×', '<=', 1.1),
      check('p99 slow ÷ instant', p99Ratio, '×', '<=', 1.1),
    ],
    figures: {
      ...latencyFigures({ p50, p99 }, { slow: 'slow SMTP', instant: 'instant SMTP' }),
      'sign-ups/s, slow SMTP': summarize(perSecond.slow),
      'sign-ups/s, instant SMTP': summarize(perSecond.instant),
      'mail delivered/s during the window, slow SMTP': summarize(mailPerSecond.slow),
      'mail delivered/s during the window, instant SMTP': summarize(mailPerSecond.instant),
      connections: signups.connections,
      'seconds per round': signups.measureSeconds,
      'smtp delay ms (slow)': signups.slowSmtpDelayMs,
    },
    notes: [
      `power sign-ups (each queues an admin notice) at concurrency ${signups.connections}, ${signups.measureSeconds} s a round after ${signups.warmupSeconds} s of warm-up, fresh database and server each round; rounds alternate which side goes first`,
      `mail is delivered by the in-process outbox worker, so a slow SMTP server backs up the outbox (about ${round(1000 / signups.slowSmtpDelayMs)} message/s) instead of the sign-ups`,
    ],
  };
}
