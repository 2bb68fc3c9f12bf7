/**
 * argon2id with OWASP's parameters (m=19456 KiB, t=2, p=1), hashed on libuv's thread pool by
 * @node-rs/argon2's async functions so sign-ups never block the event loop. The default algorithm
 * is argon2id: do not pass `Algorithm.Argon2id`, a const enum that is `{}` at runtime here.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import { rateLimitedError } from '../errors.js';

const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// At most one hash per core at once. libuv's pool has 4 threads, and on two cores four 19 MB
// hashes at once thrash each other's memory: ~20 ms of CPU a hash instead of ~15, and a fifth
// fewer sign-ups a second (pnpm bench, row 2). Waiting hashes queue here, not on the pool, so
// file and DNS work still finds a free thread.
const oneHashPerCore = pLimit(availableParallelism());

/**
 * Hashes that may wait for a core (~0.2-0.5 s of work on two cores). Past that a sign-in or sign-up
 * is refused at once: a flood of logins must not pile up CPU work that every other person's
 * sign-in then waits behind.
 */
export const MAX_WAITING_HASHES = 32 * availableParallelism();

function assertHashQueueHasRoom(): void {
  if (oneHashPerCore.pendingCount >= MAX_WAITING_HASHES) {
    throw rateLimitedError(
      'The server is busy checking other passwords. Try again in a few seconds.',
      2,
    );
  }
}

export async function hashPassword(password: string): Promise<string> {
  assertHashQueueHasRoom();
  return oneHashPerCore(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  assertHashQueueHasRoom();
  try {
    return await oneHashPerCore(() => verify(passwordHash, password));
  } catch {
    // A malformed stored hash is a failed sign-in, not a 500.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for an email that has no account: sign-in
 * answers both cases alike, so its timing does not tell which emails are registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
