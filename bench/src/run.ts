/** Runs every row (issues 5, 11 and 12) in one process, one after another, and collects the results. */
import { performance } from 'node:perf_hooks';
import { loadAverage, machineInfo } from './machine.js';
import { type BenchPlan, SMOKE_PLAN } from './plan.js';
import type { BenchResults, RowOutcome, RowResult } from './results.js';
import { adminListsRow } from './rows/admin-lists.js';
import { authMeRow } from './rows/auth-me.js';
import { bundleRow } from './rows/bundle.js';
import { coldStartRow } from './rows/cold-start.js';
import type { RowContext } from './rows/context.js';
import { outboxRow } from './rows/outbox.js';
import { resetTimingRow } from './rows/reset-timing.js';
import { signupLatencyRow } from './rows/signup-latency.js';
import { signupThroughputRows } from './rows/signup-throughput.js';
import { verificationMailRow } from './rows/verification-mail.js';
import { round } from './stats.js';

export interface RunOptions {
  postgresUrl: string;
  command: string;
  /** Only these rows (row 7 comes with row 2); default all. */
  only?: readonly number[];
  log?: (message: string) => void;
}

export async function runBench(plan: BenchPlan, options: RunOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const ctx: RowContext = { plan, postgresUrl: options.postgresUrl, log };
  const machine = await machineInfo(options.postgresUrl);
  const startedAt = new Date().toISOString();
  const rows: RowResult[] = [];

  const measure = async (work: () => Promise<RowOutcome | RowOutcome[]> | RowOutcome) => {
    const loadAtStart = loadAverage()[0];
    const started = performance.now();
    const outcome = await work();
    const seconds = round((performance.now() - started) / 1000, 1);
    for (const row of Array.isArray(outcome) ? outcome : [outcome]) {
      rows.push({ ...row, loadAtStart, seconds });
    }
  };

  const wanted = (...numbers: number[]) =>
    options.only === undefined || numbers.some((n) => options.only?.includes(n));
  if (wanted(5)) await measure(() => bundleRow());
  if (wanted(6)) await measure(() => coldStartRow(ctx));
  if (wanted(1)) await measure(() => signupLatencyRow(ctx));
  if (wanted(2, 7)) await measure(() => signupThroughputRows(ctx));
  if (wanted(3)) await measure(() => outboxRow(ctx));
  if (wanted(4)) await measure(() => authMeRow(ctx));
  if (wanted(8)) await measure(() => verificationMailRow(ctx));
  if (wanted(9)) await measure(() => resetTimingRow(ctx));
  if (wanted(10)) await measure(() => adminListsRow(ctx));

  machine.loadAverageAtEnd = loadAverage();
  rows.sort((a, b) => a.row - b.row);
  return { mode: plan.mode, startedAt, command: options.command, machine, rows };
}

/** A tiny version of every row: checks that the benchmark works, not how fast anything is. */
export function smoke(options: RunOptions): Promise<BenchResults> {
  return runBench(SMOKE_PLAN, options);
}
