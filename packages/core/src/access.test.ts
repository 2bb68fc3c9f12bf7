import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE, can, grantFor, isAbove, LEVELS, lowestLevelWith } from './access.js';

describe('the access table', () => {
  it('orders the levels so that each may do everything the one below may', () => {
    for (const [index, level] of LEVELS.entries()) {
      expect(ACCESS_TABLE[level].rank).toBe(index);
      const below = LEVELS[index - 1];
      if (!below) continue;
      for (const capability of ACCESS_TABLE[below].capabilities) {
        expect(can(level, capability), `${level} may ${capability}`).toBe(true);
      }
    }
  });

  it('keeps direct writes to power alone', () => {
    expect(LEVELS.filter((level) => can(level, 'entries.write'))).toEqual(['power']);
    expect(lowestLevelWith('entries.write')).toBe('power');
    expect(lowestLevelWith('entries.review')).toBe('editor');
    expect(lowestLevelWith('entries.propose')).toBe('contributor');
    expect(lowestLevelWith('entries.read')).toBe('reader');
  });

  it('grants the three lower levels at once', () => {
    for (const level of ['reader', 'contributor', 'editor'] as const) {
      expect(grantFor(level)).toEqual({ role: level, requestedRole: null });
    }
  });

  it('only requests power, starting the person as editor', () => {
    expect(grantFor('power')).toEqual({ role: 'editor', requestedRole: 'power' });
  });

  it('never lets a provisional level be the level it stands in for, or above it', () => {
    for (const level of LEVELS) {
      const { provisionalLevel } = ACCESS_TABLE[level];
      if (provisionalLevel) expect(isAbove(level, provisionalLevel)).toBe(true);
    }
  });
});
