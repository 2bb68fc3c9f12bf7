/**
 * `pnpm test` runs the benchmark's smoke version: a tiny run of every row against the production
 * build and real Postgres. It checks that the benchmark works and reports every row in the shape
 * results.json promises; it says nothing about speed (that is what `pnpm bench` is for).
 */
import { describe, expect, it } from 'vitest';
import { postgresServerUrl } from './infra/postgres.js';
import type { Summary } from './results.js';
import { smoke } from './run.js';

function isSummary(value: unknown): value is Summary {
  return typeof value === 'object' && value !== null && 'rounds' in value;
}

describe('the benchmark, smoke version', () => {
  it('measures every row (issues 5, 11 and 12) and reports each in a well-formed result', async () => {
    const results = await smoke({
      postgresUrl: postgresServerUrl(process.env.DATABASE_URL),
      command: 'vitest: smoke()',
    });

    expect(results.mode).toBe('smoke');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.postgres).toMatch(/^PostgreSQL \d/);
    expect(results.machine.loadAverageAtStart).toHaveLength(3);
    expect(results.rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of results.rows) {
      expect(row.title).not.toBe('');
      expect(row.checks.length).toBeGreaterThan(0);
      for (const item of row.checks) {
        expect(Number.isFinite(item.value), `${row.row}: ${item.name}`).toBe(true);
        expect(item.met).toBe(
          item.op === '<=' ? item.value <= item.target : item.value >= item.target,
        );
      }
      for (const [name, value] of Object.entries(row.figures)) {
        if (!isSummary(value)) continue;
        expect(value.rounds.length, `${row.row}: ${name}`).toBeGreaterThan(0);
        expect(value.min).toBeLessThanOrEqual(value.median);
        expect(value.median).toBeLessThanOrEqual(value.max);
      }
    }
  });
});
