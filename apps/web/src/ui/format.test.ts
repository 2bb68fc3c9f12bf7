import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative, localizeMoments } from './format';

const now = new Date('2026-11-26T12:00:00Z');

describe('localizeMoments', () => {
  it('writes the ISO moments in a server message as dates in the reader’s locale', () => {
    const message =
      'You already have a pending request for Power (since 2026-12-04T14:50:55.070Z); an admin has to decide it.';
    const shown = localizeMoments(message, 'en-GB');
    expect(shown).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(shown).toContain('(since 4 Dec 2026, ');
    expect(localizeMoments(message, 'de-DE')).toContain('(since 04.12.2026, ');
  });

  it('leaves text without a moment as it is', () => {
    expect(localizeMoments('Version 2026-12 of nothing', 'en-GB')).toBe(
      'Version 2026-12 of nothing',
    );
  });
});

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
