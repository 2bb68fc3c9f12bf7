import { describe, expect, it } from 'vitest';
import { latencyFigures, ratio, summarize } from './stats.js';

describe('summarize', () => {
  it('takes the middle round as the median of an odd count, with min and max', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, rounds: [30, 10, 20] });
  });

  it('averages the two middle rounds of an even count', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('refuses to summarise nothing', () => {
    expect(() => summarize([])).toThrow(/no rounds/);
  });
});

describe('ratio', () => {
  it('divides to three decimals and refuses a zero divisor', () => {
    expect(ratio(2, 3)).toBe(0.667);
    expect(() => ratio(1, 0)).toThrow(/division by zero/);
  });
});

describe('latencyFigures', () => {
  it('names each side’s p50 and p99 rounds as the figures print them', () => {
    const figures = latencyFigures(
      { p50: { a: [1, 3], b: [2] }, p99: { a: [10], b: [20, 40] } },
      { a: 'slow SMTP', b: 'instant SMTP' },
    );
    expect(Object.keys(figures)).toEqual([
      'p50 ms, slow SMTP',
      'p50 ms, instant SMTP',
      'p99 ms, slow SMTP',
      'p99 ms, instant SMTP',
    ]);
    expect(figures['p50 ms, slow SMTP']?.median).toBe(2);
    expect(figures['p99 ms, instant SMTP']?.median).toBe(30);
  });
});
