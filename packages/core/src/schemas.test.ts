import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { approveInput, nameSchema, proposeInput, registerInput } from './schemas.js';

const valid = {
  email: 'ada@example.com',
  password: 'correct horse battery',
  name: 'Ada Lovelace',
  role: 'power',
};

function messagesByField(result: z.ZodSafeParseResult<unknown>): Record<string, string[]> {
  if (result.success) return {};
  const byField: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '(input)';
    byField[field] = [...(byField[field] ?? []), issue.message];
  }
  return byField;
}

describe('registerInput', () => {
  it('accepts a complete sign-up and trims what people type', () => {
    const parsed = registerInput.parse({ ...valid, email: '  ada@example.com ', name: ' Ada ' });
    expect(parsed.email).toBe('ada@example.com');
    expect(parsed.name).toBe('Ada');
  });

  it('rejects smuggled keys by name instead of dropping them', () => {
    const result = registerInput.safeParse({ ...valid, isAdmin: true });
    expect(messagesByField(result)).toEqual({ '(input)': ['Unknown field isAdmin: remove it.'] });
  });

  it('never accepts admin as a level', () => {
    const result = registerInput.safeParse({ ...valid, role: 'admin' });
    expect(messagesByField(result).role?.[0]).toMatch(/reader, contributor, editor, power/);
  });

  it('names each bad field with its fix', () => {
    const result = registerInput.safeParse({
      email: 'nope',
      password: 'short',
      name: '',
      role: 'editor',
    });
    const fields = messagesByField(result);
    expect(fields.email?.[0]).toMatch(/valid email/);
    expect(fields.password?.[0]).toMatch(/at least 10 characters/);
    expect(fields.name?.[0]).toMatch(/Enter your name/);
  });

  it('refuses a reason over 1000 characters', () => {
    const result = registerInput.safeParse({ ...valid, reason: 'x'.repeat(1001) });
    expect(messagesByField(result).reason?.[0]).toMatch(/1000/);
  });
});

describe('nameSchema', () => {
  it('refuses line breaks, which could otherwise reach a mail header', () => {
    expect(nameSchema.safeParse('Eve\r\nBcc: victim@example.com').success).toBe(false);
    expect(nameSchema.safeParse('Zoë Ñúñez 李').success).toBe(true);
  });
});

describe('approveInput', () => {
  it('asks for an id from the API, naming the field', () => {
    const result = approveInput.safeParse({ requestId: "1' OR '1'='1" });
    expect(messagesByField(result).requestId?.[0]).toMatch(/requestId must be an id/);
  });
});

describe('proposeInput', () => {
  const entryId = '00000000-0000-4000-8000-000000000010';

  it('takes the version an edit was written against', () => {
    const parsed = proposeInput.parse({ entryId, baseVersion: 3, title: 'T', body: '' });
    expect(parsed.baseVersion).toBe(3);
  });

  it('refuses a version without an entry, or one that is no version', () => {
    expect(
      messagesByField(proposeInput.safeParse({ baseVersion: 1, title: 'T', body: '' })),
    ).toEqual({ baseVersion: ['baseVersion goes with entryId: a new entry has no version yet.'] });
    for (const baseVersion of [0, 1.5, '2']) {
      const result = proposeInput.safeParse({ entryId, baseVersion, title: 'T', body: '' });
      expect(messagesByField(result).baseVersion?.[0]).toMatch(/version of the entry you edited/);
    }
  });
});
