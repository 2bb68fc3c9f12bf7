import type { Summary } from './results.js';

export function summarize(rounds: readonly number[]): Summary {
  if (rounds.length === 0) throw new Error('summarize: no rounds were measured.');
  const sorted = [...rounds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median: round(median),
    min: round(sorted[0] as number),
    max: round(sorted[sorted.length - 1] as number),
    rounds: rounds.map(round),
  };
}

/** a ÷ b, to three decimals. */
export function ratio(a: number, b: number): number {
  if (b === 0) throw new Error('ratio: division by zero (a figure measured as 0).');
  return Math.round((a / b) * 1000) / 1000;
}

export function round(value: number, decimals = 2): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** An empty list of per-round figures for each side of a comparison. */
export function bySide<Side extends string>(sides: readonly Side[]): Record<Side, number[]> {
  return Object.fromEntries(sides.map((side) => [side, []])) as unknown as Record<Side, number[]>;
}

/** The median of a's rounds ÷ the median of b's. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return ratio(summarize(a).median, summarize(b).median);
}

/** Each side's rounds of p50 and p99, as the figures name them: `p50 ms, <name>`, `p99 ms, <name>`. */
export function latencyFigures<Side extends string>(
  latency: { p50: Record<Side, number[]>; p99: Record<Side, number[]> },
  names: Record<Side, string>,
): Record<string, Summary> {
  const figures: Record<string, Summary> = {};
  for (const quantile of ['p50', 'p99'] as const) {
    for (const [side, name] of Object.entries(names) as [Side, string][]) {
      figures[`${quantile} ms, ${name}`] = summarize(latency[quantile][side]);
    }
  }
  return figures;
}
