/**
 * Each case records one row {case, figures, outcome} into reliability/results/<test file>.json;
 * the global teardown (compose-results.ts) turns every file's rows into reliability/results.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

export const RESULTS_DIR = fileURLToPath(new URL('../../results/', import.meta.url));

export type FigureValue = string | number | boolean;
export type Figures = Record<string, FigureValue>;

export interface ResultRow {
  case: string;
  figures: Figures;
  /** 'passed', or 'failed: <first line of the error>'. */
  outcome: string;
  durationMs: number;
}

export interface ResultsFile {
  file: string;
  rows: ResultRow[];
}

/** Rows of the test files that ran in this worker, by file (vitest runs each file in isolation). */
const rowsByFile = new Map<string, ResultRow[]>();

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The results file for a test file: src/faults/smtp.test.ts → results/faults.smtp.json. */
export function resultsFileName(testPath: string): string {
  const relative = path.relative(SRC_DIR, testPath).replace(/\.test\.ts$/, '');
  return `${relative.split(path.sep).join('.')}.json`;
}

/** Records a row for the test file that is running now (writes the file at once: a crash keeps it). */
export function recordResult(row: ResultRow): void {
  const testPath = expect.getState().testPath;
  if (testPath === undefined) throw new Error('recordResult() must run inside a test');
  const rows = rowsByFile.get(testPath) ?? [];
  rows.push(row);
  rowsByFile.set(testPath, rows);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.relative(SRC_DIR, testPath).split(path.sep).join('/');
  const content: ResultsFile = { file, rows };
  writeFileSync(
    path.join(RESULTS_DIR, resultsFileName(testPath)),
    `${JSON.stringify(content, null, 2)}\n`,
  );
}

/**
 * A test that records its row whatever happens: the body fills `figures` as it measures, and the
 * row's outcome is whether it passed. Every case has an explicit time bound.
 */
export function reliabilityCase(
  name: string,
  timeoutMs: number,
  body: (figures: Figures) => Promise<void>,
): void {
  it(
    name,
    async () => {
      const figures: Figures = {};
      const started = Date.now();
      try {
        await body(figures);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        recordResult({
          case: name,
          figures,
          outcome: `failed: ${message.split('\n')[0]?.slice(0, 200) ?? ''}`,
          durationMs: Date.now() - started,
        });
        throw error;
      }
      recordResult({ case: name, figures, outcome: 'passed', durationMs: Date.now() - started });
    },
    timeoutMs,
  );
}
