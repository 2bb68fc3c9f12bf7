import { registerInput } from '@rolegate/core';
import { describe, expect, it } from 'vitest';
import {
  errorCode,
  errorsFromIssues,
  errorsFromServer,
  firstFieldWithError,
  hasErrors,
  OFFLINE_MESSAGE,
  retryAfterSeconds,
  SERVER_FAULT_MESSAGE,
} from './form-errors';

const SIGN_UP_FIELDS = ['name', 'email', 'password', 'role', 'reason'] as const;

function serverError(message: string, data: Record<string, unknown>) {
  return Object.assign(new Error(message), { data });
}

describe('errorsFromServer', () => {
  it('puts each zod message from the server at its field', () => {
    const error = serverError('Invalid input', {
      code: 'BAD_REQUEST',
      fieldErrors: {
        email: ['Enter a valid email address, like name@example.com.'],
        password: ['Use at least 10 characters for your password.'],
      },
    });
    expect(errorsFromServer(error, SIGN_UP_FIELDS)).toEqual({
      fields: {
        email: ['Enter a valid email address, like name@example.com.'],
        password: ['Use at least 10 characters for your password.'],
      },
      form: null,
    });
  });

  it('shows a message about a field the form does not have for the whole form', () => {
    const error = serverError('Invalid input', {
      code: 'BAD_REQUEST',
      fieldErrors: { isAdmin: ['Unknown field isAdmin: remove it.'] },
    });
    expect(errorsFromServer(error, SIGN_UP_FIELDS)).toEqual({
      fields: {},
      form: 'Unknown field isAdmin: remove it.',
    });
  });

  it('shows a taken email at the email field', () => {
    const error = serverError('An account with this email already exists. Sign in instead.', {
      code: 'CONFLICT',
    });
    expect(errorsFromServer(error, SIGN_UP_FIELDS, { conflictField: 'email' })).toEqual({
      fields: { email: ['An account with this email already exists. Sign in instead.'] },
      form: null,
    });
  });

  it("keeps the server's words for a wrong password", () => {
    const error = serverError('The email or password is wrong.', { code: 'UNAUTHORIZED' });
    expect(errorsFromServer(error, ['email', 'password'])).toEqual({
      fields: {},
      form: 'The email or password is wrong.',
    });
  });

  it('keeps the retry time of a rate limit', () => {
    const error = serverError('Too many attempts. Try again in 12 minutes.', {
      code: 'TOO_MANY_REQUESTS',
    });
    expect(errorsFromServer(error, ['email']).form).toBe(
      'Too many attempts. Try again in 12 minutes.',
    );
  });

  it('says the server could not be reached when the error carries no data', () => {
    expect(errorsFromServer(new TypeError('Failed to fetch'), ['email']).form).toBe(
      OFFLINE_MESSAGE,
    );
  });

  it('hides the details of an internal server error', () => {
    const error = serverError('relation "users" does not exist', {
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(errorsFromServer(error, ['email']).form).toBe(SERVER_FAULT_MESSAGE);
  });
});

describe('errorsFromIssues', () => {
  it('maps the shared sign-up schema to fields, so the browser says what the server would', () => {
    const result = registerInput.safeParse({
      name: '',
      email: 'not-an-email',
      password: 'short',
      role: 'admin',
    });
    expect(result.success).toBe(false);
    const errors = errorsFromIssues(result.error?.issues ?? [], SIGN_UP_FIELDS);
    expect(Object.keys(errors.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(errors.fields.role).toEqual(['Choose one of: reader, contributor, editor, power.']);
    expect(errors.form).toBeNull();
  });
});

describe('helpers', () => {
  it('finds the first field with an error in form order', () => {
    const errors = { fields: { password: ['x'], email: ['y'] }, form: null };
    expect(firstFieldWithError(errors, SIGN_UP_FIELDS)).toBe('email');
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors({ fields: { email: [] }, form: null })).toBe(false);
  });

  it('reads the tRPC code, and null for a network failure', () => {
    expect(errorCode(serverError('no', { code: 'FORBIDDEN' }))).toBe('FORBIDDEN');
    expect(errorCode(new TypeError('Failed to fetch'))).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  it("reads the wait of a rate limit from the server's error data", () => {
    const error = serverError('Too many account emails to this address. Try again in 40 seconds.', {
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 40,
    });
    expect(retryAfterSeconds(error)).toBe(40);
  });

  it('is null for other refusals, a missing wait and network failures', () => {
    expect(retryAfterSeconds(serverError('no', { code: 'FORBIDDEN', retryAfterSeconds: 5 }))).toBe(
      null,
    );
    expect(retryAfterSeconds(serverError('slow down', { code: 'TOO_MANY_REQUESTS' }))).toBe(null);
    expect(retryAfterSeconds(new TypeError('Failed to fetch'))).toBe(null);
  });
});
