/**
 * Requests driven from the bench process itself, for rows that need each request's own start time
 * (to match it with the mail it caused) or two kinds interleaved in one window: `lanes` concurrent
 * loops, each calling `step` until `seconds` have passed.
 */
import { performance } from 'node:perf_hooks';

export async function runLanes(
  lanes: number,
  seconds: number,
  step: (lane: number, index: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (performance.now() < deadline) await step(lane, next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** POSTs one tRPC mutation with the Origin APP_URL needs; fails on anything but 200. */
export async function mutate(
  server: { url: string; origin: string },
  procedure: string,
  input: unknown,
): Promise<void> {
  const response = await fetch(`${server.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify(input),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`${procedure} answered ${response.status}: ${body.slice(0, 300)}`);
  }
}

/** The value at quantile q (0..1) of unsorted samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Signs up a reader with the bench's password (the address decides who it is). */
export function registerReader(
  server: { url: string; origin: string },
  email: string,
): Promise<void> {
  return mutate(server, 'auth.register', {
    email,
    password: 'bench password 1234',
    name: 'Bench Person',
    role: 'reader',
  });
}
