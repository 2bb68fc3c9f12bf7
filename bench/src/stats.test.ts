import { describe, expect, it } from 'vitest';
import { ratio, summarize } from './stats.js';

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
