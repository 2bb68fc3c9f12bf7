import { describe, expect, it } from 'vitest';
import { shouldRetry } from './query-client';

const refused = (code: string) => Object.assign(new Error(code), { data: { code } });

describe('shouldRetry', () => {
  it.each(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT', 'TOO_MANY_REQUESTS'])(
    'does not repeat a call the server refused with %s',
    (code) => {
      expect(shouldRetry(0, refused(code))).toBe(false);
    },
  );

  it('tries a network failure twice more, then stops', () => {
    const offline = new TypeError('Failed to fetch');
    expect([0, 1, 2].map((count) => shouldRetry(count, offline))).toEqual([true, true, false]);
  });
});
