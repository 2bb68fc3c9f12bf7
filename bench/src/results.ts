/** The shape of bench/results.json and of what every row hands back. */

/** Several rounds of one figure: the median is the figure, min and max show the spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every round, in the order measured. */
  rounds: number[];
}

/** One figure held against the target, e.g. a ratio `<= 1.10`. */
export interface Check {
  name: string;
  value: number;
  unit: string;
  op: '<=' | '>=';
  target: number;
  met: boolean;
}

export interface RowResult {
  row: number;
  title: string;
  checks: Check[];
  /** The absolute figures beside the ratios: summaries, counts, settings of the run. */
  figures: Record<string, Summary | number | string>;
  notes: string[];
  /** 1-minute load average when the row started: other work on the machine shows here. */
  loadAtStart: number;
  seconds: number;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  postgres: string;
  loadAverageAtStart: [number, number, number];
  loadAverageAtEnd?: [number, number, number];
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  command: string;
  machine: MachineInfo;
  rows: RowResult[];
}

export function check(
  name: string,
  value: number,
  unit: string,
  op: Check['op'],
  target: number,
): Check {
  return { name, value, unit, op, target, met: op === '<=' ? value <= target : value >= target };
}

/** What a row measures; the runner adds the load average and the time it took. */
export type RowOutcome = Omit<RowResult, 'loadAtStart' | 'seconds'>;
