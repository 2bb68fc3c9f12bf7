import { mkdir, mkdtemp, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDirectoryLock } from './directory-lock.js';
import { sleep } from './sleep.js';

const lockIn = async () => path.join(await mkdtemp(path.join(tmpdir(), 'lock-test-')), 'x.lock');

describe('withDirectoryLock', () => {
  it('lets one holder in at a time, and the next in once it is done', async () => {
    const lock = await lockIn();
    const events: string[] = [];
    const hold = (name: string) =>
      withDirectoryLock(lock, { staleMs: 60_000, pollMs: 5 }, async () => {
        events.push(`${name} in`);
        await sleep(30);
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([hold('a'), hold('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('takes over a lock left by a killed run once it is older than staleMs', async () => {
    const lock = await lockIn();
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    expect(await withDirectoryLock(lock, { staleMs: 1_000, pollMs: 5 }, async () => 'got it')).toBe(
      'got it',
    );
  });
});
