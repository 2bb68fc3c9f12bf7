import { describe, expect, it } from 'vitest';
import {
  ACCESS_TABLE,
  approvalLevelsProblem,
  can,
  DEFAULT_APPROVAL_REQUIRED_LEVELS,
  grantFor,
  isAbove,
  LEVELS,
  type Level,
  lowestLevelWith,
  needsApproval,
  provisionalLevel,
} from './access.js';

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

  it('grants the three lower levels at once by default', () => {
    for (const level of ['reader', 'contributor', 'editor'] as const) {
      expect(grantFor(level, DEFAULT_APPROVAL_REQUIRED_LEVELS)).toEqual({
        role: level,
        requestedRole: null,
      });
    }
  });

  it('only requests power by default, starting the person as editor', () => {
    expect(grantFor('power', DEFAULT_APPROVAL_REQUIRED_LEVELS)).toEqual({
      role: 'editor',
      requestedRole: 'power',
    });
  });
});

describe('the approval setting', () => {
  const editorAndPower: Level[] = ['editor', 'power'];

  it('with editor,power requests editor, starting the person as contributor', () => {
    expect(grantFor('editor', editorAndPower)).toEqual({
      role: 'contributor',
      requestedRole: 'editor',
    });
  });

  it('waits below every requested level: power waits as contributor, not as editor', () => {
    expect(provisionalLevel('power', editorAndPower)).toBe('contributor');
    expect(provisionalLevel('power', ['contributor', 'editor', 'power'])).toBe('reader');
    expect(provisionalLevel('editor', ['contributor', 'editor', 'power'])).toBe('reader');
    expect(provisionalLevel('contributor', editorAndPower)).toBeNull();
  });

  it('never starts anyone at a level that needs approval, or at or above the one asked for', () => {
    const settings: Level[][] = [[], ['power'], editorAndPower, ['contributor', 'editor', 'power']];
    for (const approvalRequired of settings) {
      for (const level of LEVELS) {
        const { role, requestedRole } = grantFor(level, approvalRequired);
        expect(needsApproval(role, approvalRequired), `${level} in ${approvalRequired}`).toBe(
          false,
        );
        if (requestedRole !== null) expect(isAbove(level, role)).toBe(true);
        else expect(role).toBe(level);
      }
    }
  });

  it('grants everything at once when no level needs approval', () => {
    for (const level of LEVELS)
      expect(grantFor(level, [])).toEqual({ role: level, requestedRole: null });
  });

  it('refuses a setting that leaves a way around the approval, or asks it for the lowest level', () => {
    expect(approvalLevelsProblem(['power'])).toBeNull();
    expect(approvalLevelsProblem(editorAndPower)).toBeNull();
    expect(approvalLevelsProblem([])).toBeNull();
    expect(approvalLevelsProblem(['editor'])).toMatch(/skip the approval by asking for power/);
    expect(approvalLevelsProblem(['contributor', 'power'])).toMatch(/editor/);
    expect(approvalLevelsProblem(['reader', 'contributor', 'editor', 'power'])).toMatch(/reader/);
  });
});
