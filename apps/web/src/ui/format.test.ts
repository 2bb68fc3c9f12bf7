import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative } from './format';

const now = new Date('2026-11-26T12:00:00Z');

describe('formatRelative', () => {
  it('says how far ahead a retry is', () => {
    expect(formatRelative('2026-11-26T12:05:00Z', now, 'en')).toBe('in 5 minutes');
  });

  it('says how long ago something happened', () => {
    expect(formatRelative('2026-11-26T09:00:00Z', now, 'en')).toBe('3 hours ago');
  });

  it('says now for the present moment', () => {
    expect(formatRelative('2026-11-26T12:00:00Z', now, 'en')).toBe('now');
  });

  it('returns text it cannot read as a date unchanged', () => {
    expect(formatRelative('soon', now, 'en')).toBe('soon');
    expect(formatDateTime('soon')).toBe('soon');
  });
});
