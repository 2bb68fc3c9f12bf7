import { describe, expect, it } from 'vitest';
import {
  isDatabaseUnavailable,
  isSerializationOrLockError,
  isUniqueViolation,
  postgresErrorCode,
} from './errors.js';

// Shaped like the errors pg and PGlite throw; the database-backed cases are in constraints.test.ts.
function databaseError(code: string, constraint?: string): Error {
  return Object.assign(new Error('database error'), { code, constraint });
}

describe('error recognisers', () => {
  it('isUniqueViolation matches 23505, and the constraint when one is named', () => {
    const error = databaseError('23505', 'users_email_lower_key');
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'users_email_lower_key')).toBe(true);
    expect(isUniqueViolation(error, 'mail_outbox_idempotency_key_key')).toBe(false);
    expect(isUniqueViolation(databaseError('23503', 'users_email_lower_key'))).toBe(false);
  });

  it('ignores errors that are not from the database', () => {
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error('fs'), { code: 'ENOENT' }))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(postgresErrorCode('23505')).toBeUndefined();
  });

  it('isSerializationOrLockError matches serialization failures, deadlocks and NOWAIT', () => {
    for (const code of ['40001', '40P01', '55P03']) {
      expect(isSerializationOrLockError(databaseError(code))).toBe(true);
    }
    expect(isSerializationOrLockError(databaseError('23505'))).toBe(false);
  });

  it('isDatabaseUnavailable matches lost connections, not problems with the query', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001']) {
      expect(isDatabaseUnavailable(databaseError(code))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error('Client has encountered a connection error and is not queryable'),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(databaseError('23505'))).toBe(false);
    expect(isDatabaseUnavailable(databaseError('42P01'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
