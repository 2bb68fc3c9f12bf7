import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { watchEventLoopDelay } from './event-loop-delay.js';

describe('watchEventLoopDelay', () => {
  it('summarises the delays beyond its sampling interval in milliseconds, in order', async () => {
    const watch = watchEventLoopDelay();
    await sleep(60);
    const summary = watch.stop();
    expect(summary.samples).toBeGreaterThan(0);
    expect(summary.p50).toBeGreaterThanOrEqual(0);
    expect(summary.p50).toBeLessThanOrEqual(summary.p99);
    expect(summary.p99).toBeLessThanOrEqual(summary.max);
  });
});
