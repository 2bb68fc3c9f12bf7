/**
 * Row 9: auth.requestPasswordReset for an address with an account ÷ one without, p50 and p99. Both
 * kinds are interleaved in the same window (each lane alternates), so load and drift fall on both
 * alike; the in-process outbox worker sends the real resets to an SMTP server meanwhile.
 */
import { performance } from 'node:perf_hooks';
import { mutate, quantile, registerReader, runLanes } from '../infra/lanes.js';
import { createDatabase } from '../infra/postgres.js';
import { startServer } from '../infra/server.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { check, type RowOutcome } from '../results.js';
import { bySide, latencyFigures, medianRatio } from '../stats.js';
import { mailEnv, type RowContext } from './context.js';

const LANES = 8;
/** Two per lane: each lane asks for its own accounts' resets (see accountOf). */
const ACCOUNTS = 2 * LANES;
const KINDS = ['existing', 'unknown'] as const;

export async function resetTimingRow(ctx: RowContext): Promise<RowOutcome> {
  const { signups } = ctx.plan;
  const sink = await startSmtpSink();
  const database = await createDatabase(ctx.postgresUrl, { migrate: true });
  const server = await startServer({ databaseUrl: database.url, env: mailEnv(sink.port) });
  const p50 = bySide(KINDS);
  const p99 = bySide(KINDS);
  let requests = 0;
  try {
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `account-${i}@bench.test`);
    for (const email of accounts) await registerReader(server, email);
    const ask = (email: string) => mutate(server, 'auth.requestPasswordReset', { email });
    // No two lanes ask for one account at once: they would wait on each other's row locks (the
    // account's older link is voided), a cost of the benchmark's own making that someone probing
    // addresses, one request per address, never meets.
    const accountOf = (lane: number, i: number) =>
      accounts[lane + LANES * (Math.floor(i / 2) % 2)] ?? '';
    await runLanes(LANES, signups.warmupSeconds, (lane, i) =>
      ask(i % 2 === 0 ? accountOf(lane, i) : `warm-${lane}-${i}@nobody.test`),
    );
    for (let r = 0; r < ctx.plan.rounds; r++) {
      ctx.log(`row 9, round ${r + 1}`);
      const times = bySide(KINDS);
      await runLanes(LANES, signups.measureSeconds, async (lane, i) => {
        // Lanes start on opposite kinds and alternate, so both kinds are in flight at all times.
        const kind = (i + lane + r) % 2 === 0 ? 'existing' : 'unknown';
        const email =
          kind === 'existing' ? accountOf(lane, i) : `nobody-${r}-${lane}-${i}@nobody.test`;
        const started = performance.now();
        await ask(email);
        times[kind].push(performance.now() - started);
      });
      for (const kind of KINDS) {
        p50[kind].push(quantile(times[kind], 0.5));
        p99[kind].push(quantile(times[kind], 0.99));
      }
      requests += times.existing.length + times.unknown.length;
    }
  } finally {
    await server.stop();
    await sink.close();
    await database.drop();
  }
  const p50Ratio = medianRatio(p50.existing, p50.unknown);
  const p99Ratio = medianRatio(p99.existing, p99.unknown);
  return {
    row: 9,
    title: 'auth.requestPasswordReset, existing ÷ unknown address',
    checks: [
      check('p50 existing ÷ unknown, at least', p50Ratio, '×', '>=', 0.9),
      check('p50 existing ÷ unknown, at most', p50Ratio, '×', '<=', 1.1),
      check('p99 existing ÷ unknown, at least', p99Ratio, '×', '>=', 0.9),
      check('p99 existing ÷ unknown, at most', p99Ratio, '×', '<=', 1.1),
    ],
    figures: {
      ...latencyFigures({ p50, p99 }, { existing: 'existing', unknown: 'unknown' }),
      'reset mails accepted by the SMTP server': sink.messageIds.length,
      'requests measured': requests,
      connections: LANES,
      'seconds per round': signups.measureSeconds,
    },
    notes: [
      `${LANES} lanes on Postgres, each alternating an address with an account (two of its own) and a new unknown one, ${signups.measureSeconds} s a round; the server's outbox worker sends the real reset mails to an SMTP server in the bench process meanwhile`,
    ],
  };
}
