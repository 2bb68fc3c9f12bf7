/** For the attacks that compare two answers: what a client can see of each, and how long it took. */
import type { WireResponse } from './wire.js';

/** Everything a client can see of an answer, apart from how long it took. */
export function visibleAnswer(response: WireResponse) {
  return {
    status: response.status,
    body: response.json,
    setCookie: response.headers.getSetCookie(),
    retryAfter: response.headers.get('retry-after'),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
