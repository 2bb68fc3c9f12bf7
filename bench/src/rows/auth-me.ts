/**
 * Row 4: `auth.me` requests per second ÷ a bare node:http handler doing the same session lookup,
 * against the same database with the same session cookie; rounds alternate between the two.
 */

import { freePort } from '@rolegate/testkit';
import { runLoad, warmUp } from '../infra/load.js';
import { createDatabase } from '../infra/postgres.js';
import { removeDir, startHelper } from '../infra/processes.js';
import { type RunningServer, startServer } from '../infra/server.js';
import { check, type RowOutcome } from '../results.js';
import { ratio, summarize } from '../stats.js';
import { alternate, type RowContext } from './context.js';

type Side = 'auth.me' | 'bare';

export async function authMeRow(ctx: RowContext): Promise<RowOutcome> {
  const { authMe } = ctx.plan;
  const database = await createDatabase(ctx.postgresUrl, { migrate: true });
  const server = await startServer({ databaseUrl: database.url });
  const barePort = await freePort();
  const bare = await startHelper(
    'bare-session-server',
    { port: barePort },
    { DATABASE_URL: database.url },
  );
  const perSecond: Record<Side, number[]> = { 'auth.me': [], bare: [] };
  const p99: Record<Side, number[]> = { 'auth.me': [], bare: [] };
  try {
    const cookie = await signUp(server);
    const targets: Record<Side, { url: string; path: string }> = {
      'auth.me': { url: server.url, path: '/trpc/auth.me' },
      bare: { url: `http://127.0.0.1:${barePort}`, path: '/me' },
    };
    await assertSameUser(targets, cookie);
    const load = (side: Side, seconds: number) => ({
      ...targets[side],
      kind: 'get' as const,
      headers: { cookie },
      connections: authMe.connections,
      seconds,
    });
    await warmUp(load('auth.me', authMe.warmupSeconds));
    await warmUp(load('bare', authMe.warmupSeconds));
    for (let r = 0; r < ctx.plan.rounds; r++) {
      for (const side of alternate<Side>(r, ['auth.me', 'bare'])) {
        ctx.log(`row 4, round ${r + 1}: ${side}`);
        const result = await runLoad(load(side, authMe.measureSeconds));
        perSecond[side].push(result.perSecond);
        p99[side].push(result.latencyMs.p99);
      }
    }
  } finally {
    await bare.stop();
    removeDir(bare.dir);
    await server.stop();
    await database.drop();
  }
  const trpc = summarize(perSecond['auth.me']);
  const baseline = summarize(perSecond.bare);
  return {
    row: 4,
    title: 'auth.me req/s ÷ bare node:http doing the same session lookup',
    checks: [check('auth.me ÷ bare', ratio(trpc.median, baseline.median), '×', '>=', 0.6)],
    figures: {
      'req/s, auth.me (server)': trpc,
      'req/s, bare node:http': baseline,
      'p99 ms, auth.me': summarize(p99['auth.me']),
      'p99 ms, bare node:http': summarize(p99.bare),
      connections: authMe.connections,
      'seconds per round': authMe.measureSeconds,
    },
    notes: [
      `GET with one signed-in reader's session cookie at concurrency ${authMe.connections}, ${authMe.measureSeconds} s a round; both answer the same user JSON from the same database, each with a pool of 10 connections`,
      'the bare handler is node:http + one kysely query (session ⋈ user ⟕ pending request); the server is fastify + tRPC + its request logging at the default LOG_LEVEL=info',
    ],
  };
}

async function signUp(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({
      email: 'reader@bench.test',
      password: 'bench password 1234',
      name: 'Bench Reader',
      role: 'reader',
    }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('rolegate_session='));
  if (!response.ok || cookie === undefined) {
    throw new Error(`Sign-up for row 4 failed: ${response.status} ${await response.text()}`);
  }
  return cookie;
}

/** Both sides must answer the same person, or the comparison means nothing. */
async function assertSameUser(
  targets: Record<Side, { url: string; path: string }>,
  cookie: string,
): Promise<void> {
  const read = async (side: Side) => {
    const response = await fetch(`${targets[side].url}${targets[side].path}`, {
      headers: { cookie },
    });
    return (await response.json()) as unknown;
  };
  const viaTrpc = (await read('auth.me')) as { result?: { data?: { user?: unknown } } };
  const viaBare = (await read('bare')) as { user?: unknown };
  const a = JSON.stringify(viaTrpc.result?.data?.user);
  const b = JSON.stringify(viaBare.user);
  if (a === undefined || a === 'null' || a !== b) {
    throw new Error(`auth.me and the bare handler disagree: ${a} vs ${b}`);
  }
}
