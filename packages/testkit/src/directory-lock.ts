import { mkdir, rm, stat } from 'node:fs/promises';
import { sleep } from './sleep.js';

export interface DirectoryLockOptions {
  /** A lock older than this was left by a killed run and is taken over. */
  staleMs: number;
  /** How long to wait between tries while another process holds it. */
  pollMs?: number;
}

/**
 * Runs `work` while holding a lock that test processes on one machine share: the directory `path`,
 * since mkdir either creates it or fails, in one step. Waits while another process holds it.
 */
export async function withDirectoryLock<T>(
  path: string,
  options: DirectoryLockOptions,
  work: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch (error) {
      if (Reflect.get(Object(error), 'code') !== 'EEXIST') throw error;
      const age = await stat(path).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > options.staleMs) await rm(path, { recursive: true, force: true });
      else await sleep(options.pollMs ?? 200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}
