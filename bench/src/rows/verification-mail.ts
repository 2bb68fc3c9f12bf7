/**
 * Row 8: from a sign-up's request to its verification mail accepted by the SMTP server, at 16
 * concurrent sign-ups, on Postgres and on PGlite (EMAIL_VERIFICATION=required, the in-process
 * outbox worker delivering). Each sign-up's start is matched with the mail to its address.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile, registerReader, runLanes } from '../infra/lanes.js';
import { createDatabase } from '../infra/postgres.js';
import { removeDir } from '../infra/processes.js';
import { startServer } from '../infra/server.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { check, type RowOutcome } from '../results.js';
import { bySide, summarize } from '../stats.js';
import { alternate, mailEnv, type RowContext } from './context.js';

type Dialect = 'Postgres' | 'PGlite';
const DIALECTS: readonly Dialect[] = ['Postgres', 'PGlite'];
const TARGET_P99_MS = 500;

export async function verificationMailRow(ctx: RowContext): Promise<RowOutcome> {
  const { signups } = ctx.plan;
  // answeredP99, the request alone (hash included): how much of the wait is the sign-up, not the mail.
  const p50 = bySide(DIALECTS);
  const p99 = bySide(DIALECTS);
  const counts = bySide(DIALECTS);
  const answeredP99 = bySide(DIALECTS);
  for (let r = 0; r < ctx.plan.rounds; r++) {
    for (const dialect of alternate(r, DIALECTS)) {
      ctx.log(`row 8, round ${r + 1}: ${dialect}`);
      const { latencies, answered } = await oneRound(ctx, dialect, r);
      p50[dialect].push(quantile(latencies, 0.5));
      p99[dialect].push(quantile(latencies, 0.99));
      answeredP99[dialect].push(quantile(answered, 0.99));
      counts[dialect].push(latencies.length);
    }
  }
  const pg = summarize(p99.Postgres);
  const lite = summarize(p99.PGlite);
  return {
    row: 8,
    title: 'sign-up → verification mail accepted by the SMTP server, p99',
    checks: [
      check('p99 ms, Postgres', pg.median, 'ms', '<=', TARGET_P99_MS),
      check('p99 ms, PGlite', lite.median, 'ms', '<=', TARGET_P99_MS),
    ],
    figures: {
      'p50 ms, Postgres': summarize(p50.Postgres),
      'p99 ms, Postgres': pg,
      'p50 ms, PGlite': summarize(p50.PGlite),
      'p99 ms, PGlite': lite,
      'p99 ms of the sign-up answer alone, Postgres': summarize(answeredP99.Postgres),
      'p99 ms of the sign-up answer alone, PGlite': summarize(answeredP99.PGlite),
      'sign-ups a round, Postgres': summarize(counts.Postgres),
      'sign-ups a round, PGlite': summarize(counts.PGlite),
      connections: signups.connections,
      'seconds per round': signups.measureSeconds,
    },
    notes: [
      `reader sign-ups at concurrency ${signups.connections} for ${signups.measureSeconds} s a round, fresh database and server each round; time from sending the request to the SMTP server taking the verification mail to that address`,
      'the SMTP server runs in the bench process and accepts at once; the outbox worker runs in the server process, woken by the NOTIFY of the sign-up statement (a LISTEN connection on Postgres, the listener of PGlite itself)',
    ],
  };
}

async function oneRound(
  ctx: RowContext,
  dialect: Dialect,
  round: number,
): Promise<{ latencies: number[]; answered: number[] }> {
  const { signups } = ctx.plan;
  const sink = await startSmtpSink();
  const dir =
    dialect === 'PGlite' ? mkdtempSync(path.join(tmpdir(), 'rolegate-bench-pglite-')) : null;
  const database = dir === null ? await createDatabase(ctx.postgresUrl, { migrate: true }) : null;
  const databaseUrl = dir === null ? (database?.url ?? '') : `pglite:${path.join(dir, 'data')}`;
  const server = await startServer({
    databaseUrl,
    env: { ...mailEnv(sink.port), EMAIL_VERIFICATION: 'required' },
  });
  try {
    const signUp = (email: string) => registerReader(server, email);
    await runLanes(signups.connections, signups.warmupSeconds, (lane, i) =>
      signUp(`warm-${round}-${lane}-${i}@bench.test`),
    );
    const startedAt = new Map<string, number>();
    const answered: number[] = [];
    await runLanes(signups.connections, signups.measureSeconds, async (lane, i) => {
      const email = `verify-${round}-${lane}-${i}@bench.test`;
      const started = performance.now();
      startedAt.set(email, started);
      await signUp(email);
      answered.push(performance.now() - started);
    });
    const deadline = performance.now() + 60_000;
    const mailed = new Map<string, number>();
    while (performance.now() < deadline) {
      for (const { to, at } of sink.accepted) if (startedAt.has(to)) mailed.set(to, at);
      if (mailed.size === startedAt.size) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (mailed.size < startedAt.size) {
      throw new Error(`row 8: ${startedAt.size - mailed.size} verification mails never arrived`);
    }
    const latencies = [...startedAt].map(([email, at]) => (mailed.get(email) ?? at) - at);
    return { latencies, answered };
  } finally {
    await server.stop();
    await sink.close();
    if (database !== null) await database.drop();
    if (dir !== null) removeDir(dir);
  }
}
