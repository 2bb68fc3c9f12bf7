/**
 * Row 2's limit: the time of one argon2id hash with the server's parameters, on one core. The
 * parameters are checked against a hash the server stored in the same run, so a change to
 * apps/server/src/accounts/passwords.ts cannot leave this measuring something else.
 */
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import type { Summary } from '../results.js';
import { summarize } from '../stats.js';

/** OWASP's argon2id settings, as decision 003 and passwords.ts have them. */
export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Times `samples` hashes one after another (after two to warm up). */
export async function timeOneHash(samples: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    const started = performance.now();
    await hash(`bench password ${i}`, ARGON2_PARAMS);
    if (i >= 2) times.push(performance.now() - started);
  }
  return summarize(times);
}

/**
 * Hashes per second with every core hashing and nothing else running: `cores` hashes at once,
 * `rounds` times. Not the limit (that is defined from one hash on one core) but what the cores
 * really give when they hash together, for the report beside it: on this machine's two vCPUs, two
 * hashes at once are each ~20% slower than one alone (shared cache and memory bandwidth).
 */
export async function timeHashesAtOnce(cores: number, rounds: number): Promise<number> {
  await Promise.all(Array.from({ length: cores }, (_, i) => hash(`warm ${i}`, ARGON2_PARAMS)));
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      Array.from({ length: cores }, (_, i) => hash(`bench ${r} ${i}`, ARGON2_PARAMS)),
    );
  }
  return (cores * rounds) / ((performance.now() - started) / 1000);
}

/** Throws unless `storedHash` (from the users table) was made with ARGON2_PARAMS. */
export function assertSameParams(storedHash: string): void {
  const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  const [m, t, p] = match ? match.slice(1).map(Number) : [];
  if (
    m !== ARGON2_PARAMS.memoryCost ||
    t !== ARGON2_PARAMS.timeCost ||
    p !== ARGON2_PARAMS.parallelism
  ) {
    throw new Error(
      `The server hashes with ${storedHash.split('$').slice(1, 4).join('$')}, but the bench timed argon2id m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}: update ARGON2_PARAMS in bench/src/infra/argon2.ts.`,
    );
  }
}
