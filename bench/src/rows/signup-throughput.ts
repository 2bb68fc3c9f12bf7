/**
 * Row 2: sign-ups per second ÷ the hashing limit (cores ÷ the time of one argon2id hash, measured
 * in this run). Row 7 comes from the same server: the event-loop delay it saw during this load.
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { assertSameParams, timeHashesAtOnce, timeOneHash } from '../infra/argon2.js';
import { runLoad, signUpLoad, warmUp } from '../infra/load.js';
import { createDatabase } from '../infra/postgres.js';
import { startServer } from '../infra/server.js';
import { startSmtpSink } from '../infra/smtp-sink.js';
import { check, type RowOutcome } from '../results.js';
import { ratio, round, summarize } from '../stats.js';
import { mailEnv, type RowContext } from './context.js';

export async function signupThroughputRows(ctx: RowContext): Promise<[RowOutcome, RowOutcome]> {
  const { signups } = ctx.plan;
  ctx.log('row 2: timing one argon2id hash');
  const hashMs = await timeOneHash(ctx.plan.hashSamples);
  const cores = availableParallelism();
  const limit = cores / (hashMs.median / 1000);
  ctx.log('row 2: timing hashes on every core at once');
  const hashingAlone = await timeHashesAtOnce(cores, ctx.plan.hashSamples);

  const smtp = await startSmtpSink();
  const database = await createDatabase(ctx.postgresUrl, { migrate: true });
  const server = await startServer({ databaseUrl: database.url, env: mailEnv(smtp.port) });
  const perSecond: number[] = [];
  const p99: number[] = [];
  let stopped: Awaited<ReturnType<typeof server.stop>> | undefined;
  try {
    const load = signUpLoad(server, signups.connections);
    await warmUp({ ...load, seconds: signups.warmupSeconds });
    for (let r = 0; r < ctx.plan.rounds; r++) {
      ctx.log(`row 2, round ${r + 1}: sign-ups at concurrency ${signups.connections}`);
      const result = await runLoad({ ...load, seconds: signups.measureSeconds });
      perSecond.push(result.perSecond);
      p99.push(result.latencyMs.p99);
    }
    assertSameParams(await oneStoredHash(database.url));
  } finally {
    stopped = await server.stop();
    await smtp.close();
    await database.drop();
  }

  const rate = summarize(perSecond);
  const loop = stopped.eventLoopDelayMs;
  if (loop === null) throw new Error('The server logged no event-loop delay at shutdown.');
  const throughput: RowOutcome = {
    row: 2,
    title: 'sign-ups/s ÷ hashing limit (cores ÷ one argon2id hash)',
    checks: [check('sign-ups/s ÷ limit', ratio(rate.median, limit), '×', '>=', 0.8)],
    figures: {
      'sign-ups/s': rate,
      'one argon2id hash, ms': hashMs,
      cores,
      'limit, sign-ups/s': round(limit, 1),
      'hashing alone, every core at once, hashes/s': round(hashingAlone, 1),
      'hashing alone ÷ limit': ratio(hashingAlone, limit),
      'sign-ups/s ÷ hashing alone': ratio(rate.median, hashingAlone),
      'p99 ms': summarize(p99),
      connections: signups.connections,
      'seconds per round': signups.measureSeconds,
    },
    notes: [
      `power sign-ups at concurrency ${signups.connections} against one server with an instant SMTP server, ${ctx.plan.rounds} rounds of ${signups.measureSeconds} s after ${signups.warmupSeconds} s of warm-up`,
      'the hash is timed one at a time in the bench process before the load (m=19456 KiB, t=2, p=1, checked against a hash the server stored)',
      '"hashing alone" is one hash per core at once with nothing else running: what the cores give when they all hash, the ceiling for sign-ups on this machine',
      'the load generator, Postgres and the SMTP server (smtp-server keeping only Message-IDs, no parsing) share these cores with the server',
    ],
  };
  const eventLoop: RowOutcome = {
    row: 7,
    title: 'event-loop delay p99 in the server during run 2',
    checks: [check('event-loop delay p99', loop.p99, 'ms', '<=', 50)],
    figures: {
      'p50 ms': loop.p50,
      'p99 ms': loop.p99,
      'max ms': loop.max,
      'mean ms': loop.mean,
      samples: loop.samples,
    },
    notes: [
      'monitorEventLoopDelay (10 ms resolution) inside the server from listen to SIGTERM, logged at shutdown: that span is run 2 (warm-up and rounds) and nothing else',
    ],
  };
  return [throughput, eventLoop];
}

async function oneStoredHash(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ password_hash: string }>(
      'select password_hash from users limit 1',
    );
    const stored = rows[0]?.password_hash;
    if (stored === undefined) throw new Error('No user was created during run 2.');
    return stored;
  } finally {
    await client.end();
  }
}
