/**
 * argon2id with OWASP's parameters (m=19456 KiB, t=2, p=1), hashed on libuv's thread pool by
 * @node-rs/argon2's async functions so sign-ups never block the event loop. The default algorithm
 * is argon2id: do not pass `Algorithm.Argon2id`, a const enum that is `{}` at runtime here.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
