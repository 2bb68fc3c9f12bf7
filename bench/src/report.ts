/** The printed table: one line per check, with the figures it is a ratio of. */
import type { BenchResults, Check, RowResult, Summary } from './results.js';

function isSummary(value: unknown): value is Summary {
  return typeof value === 'object' && value !== null && 'median' in value;
}

export function formatFigure(value: Summary | number | string): string {
  if (isSummary(value)) {
    return value.rounds.length === 1
      ? `${value.median}`
      : `${value.median} (${value.min}–${value.max})`;
  }
  return String(value);
}

function formatCheck(item: Check): string {
  const unit = item.unit === '' ? '' : item.unit === '×' ? '×' : ` ${item.unit}`;
  return `${item.value}${unit}`;
}

function formatTarget(item: Check): string {
  const unit = item.unit === '' ? '' : item.unit === '×' ? '×' : ` ${item.unit}`;
  return `${item.op === '<=' ? '≤' : '≥'} ${item.target}${unit}`;
}

/** Markdown table: the same text goes to the terminal and into the README. */
export function formatTable(results: BenchResults): string {
  const lines = ['| # | what | measured | target | met |', '| --- | --- | --- | --- | --- |'];
  for (const row of results.rows) {
    for (const [index, item] of row.checks.entries()) {
      lines.push(
        `| ${index === 0 ? row.row : ''} | ${index === 0 ? `${row.title}: ` : ''}${item.name} | ${formatCheck(item)} | ${formatTarget(item)} | ${item.met ? 'yes' : '**no**'} |`,
      );
    }
  }
  return lines.join('\n');
}

export function formatFigures(row: RowResult): string {
  const figures = Object.entries(row.figures).map(
    ([name, value]) => `    ${name}: ${formatFigure(value)}`,
  );
  const notes = row.notes.map((note) => `    · ${note}`);
  return [
    `  ${row.row}. ${row.title}  [load ${row.loadAtStart} at start, ${row.seconds} s]`,
    ...figures,
    ...notes,
  ].join('\n');
}

export function formatReport(results: BenchResults): string {
  const { machine } = results;
  return [
    `Rolegate benchmark (${results.mode}), ${results.startedAt}`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}, ${machine.platform}`,
    `Load average at start ${machine.loadAverageAtStart.join(' ')}, at end ${machine.loadAverageAtEnd?.join(' ') ?? '?'}`,
    '',
    formatTable(results),
    '',
    'Figures (median of the rounds, min–max in brackets):',
    ...results.rows.map(formatFigures),
  ].join('\n');
}
