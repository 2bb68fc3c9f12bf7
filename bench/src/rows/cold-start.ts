/**
 * Row 6: cold start, from spawning `node apps/server/dist/main.js` to the first 200 on /healthz,
 * with a fresh data directory (PGlite) or a fresh, empty database (Postgres): migrations included.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '../infra/postgres.js';
import { removeDir } from '../infra/processes.js';
import { startServer } from '../infra/server.js';
import { check, type RowOutcome } from '../results.js';
import { summarize } from '../stats.js';
import { alternate, type RowContext } from './context.js';

type Dialect = 'PGlite' | 'Postgres';

export async function coldStartRow(ctx: RowContext): Promise<RowOutcome> {
  const seconds: Record<Dialect, number[]> = { PGlite: [], Postgres: [] };
  for (let r = 0; r < ctx.plan.rounds; r++) {
    for (const dialect of alternate<Dialect>(r, ['PGlite', 'Postgres'])) {
      ctx.log(`row 6, round ${r + 1}: cold start on ${dialect}`);
      seconds[dialect].push(await coldStart(ctx, dialect));
    }
  }
  const pglite = summarize(seconds.PGlite);
  const postgres = summarize(seconds.Postgres);
  return {
    row: 6,
    title: 'cold start to first 200 on /healthz, fresh data',
    checks: [
      check('PGlite', pglite.median, 's', '<=', 3),
      check('Postgres', postgres.median, 's', '<=', 3),
    ],
    figures: { 's, PGlite': pglite, 's, Postgres': postgres },
    notes: [
      'process spawn to the first 200 on /healthz (polled every 5 ms): Node start, settings, opening the database, all migrations, the admin check, the worker and HTTP listen',
      'PGlite: a new empty data directory each round; Postgres: a new empty database each round',
    ],
  };
}

async function coldStart(ctx: RowContext, dialect: Dialect): Promise<number> {
  if (dialect === 'PGlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'rolegate-bench-pglite-'));
    try {
      const server = await startServer({ databaseUrl: `pglite:${path.join(dir, 'data')}` });
      await server.stop();
      return server.startMs / 1000;
    } finally {
      removeDir(dir);
    }
  }
  const database = await createDatabase(ctx.postgresUrl, { migrate: false });
  try {
    const server = await startServer({ databaseUrl: database.url });
    await server.stop();
    return server.startMs / 1000;
  } finally {
    await database.drop();
  }
}
