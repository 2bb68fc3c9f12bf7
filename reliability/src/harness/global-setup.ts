/**
 * vitest globalSetup: before the run, fail fast when DATABASE_URL names a Postgres that does not
 * answer; after it, compose results.md — only when the run had Postgres, so a run without it
 * (a new clone) leaves the committed table from a full run as it is.
 */
import { availableParallelism } from 'node:os';
import { writeResultsMarkdown } from './compose-results.js';
import { assertPostgresAnswers, postgresServerUrl } from './database.js';

let postgresAnswered = false;

export async function setup(): Promise<void> {
  const url = postgresServerUrl();
  if (url === null) return;
  await assertPostgresAnswers(url);
  postgresAnswered = true;
}

export function teardown(): void {
  if (!postgresAnswered) {
    console.log('reliability: no Postgres answered in this run, so results.md was left as it is.');
    return;
  }
  const file = writeResultsMarkdown(
    `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${availableParallelism()} CPUs`,
  );
  console.log(`reliability: results table written to ${file}`);
}
