/**
 * `pnpm bench` (from the repo root): runs every row against the production build and prints the
 * table; the full run writes bench/results.json. `pnpm bench --smoke` runs a tiny version of each
 * row (seconds, not minutes) and writes its results to the temp directory instead.
 *
 * `--rows 3,4` runs only those rows (row 7 comes with row 2), e.g. while working on one of them.
 *
 * Postgres: DATABASE_URL's server (each scenario creates and drops its own database there), else
 * postgres://postgres@127.0.0.1:5432/postgres.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_FILE } from './infra/paths.js';
import { postgresServerUrl } from './infra/postgres.js';
import { FULL_PLAN, SMOKE_PLAN } from './plan.js';
import { formatReport } from './report.js';
import { runBench } from './run.js';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, rows: { type: 'string' } },
});
const smoke = values.smoke;
const only = values.rows?.split(',').map(Number);
if (only?.some((n) => !Number.isInteger(n) || n < 1 || n > 10)) {
  console.error(`--rows takes row numbers 1 to 10, like --rows 3,4 (got ${values.rows}).`);
  process.exit(2);
}
const plan = smoke ? SMOKE_PLAN : FULL_PLAN;
const started = Date.now();

const results = await runBench(plan, {
  postgresUrl: postgresServerUrl(process.env.DATABASE_URL),
  command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
  only,
  log: (message) =>
    console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
});

// A partial or smoke run never overwrites the full figures.
const file = smoke || only ? path.join(tmpdir(), 'rolegate-bench-smoke.json') : RESULTS_FILE;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(formatReport(results));
console.log(`\nResults: ${file}`);
