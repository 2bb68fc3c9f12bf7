/**
 * The random secrets the server hands out (session cookies, links in mail): 32 random bytes,
 * base64url. Only their SHA-256 is stored, and they are looked up by it: the database compares
 * hashes, so how long a lookup takes says nothing about the secret itself.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes as base64url: 43 characters from this alphabet. */
const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** False for anything that cannot be one of ours: refused without a query. */
export function looksLikeSecretToken(token: string): boolean {
  return SECRET_TOKEN_PATTERN.test(token);
}
