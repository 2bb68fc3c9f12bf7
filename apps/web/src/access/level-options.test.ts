import { ACCESS_TABLE, LEVELS } from '@rolegate/core';
import { describe, expect, it } from 'vitest';
import { requestableOptions, signUpOptions } from './level-options';

describe('signUpOptions', () => {
  it('offers the four levels in the access table order with its summaries', () => {
    const options = signUpOptions();
    expect(options.map((option) => option.level)).toEqual([...LEVELS]);
    for (const option of options) {
      expect(option.summary).toBe(ACCESS_TABLE[option.level].summary);
    }
  });

  it('marks power as needing approval and starting as editor', () => {
    const power = signUpOptions().find((option) => option.level === 'power');
    expect(power?.approval).toEqual({ startsAs: 'editor', startsAsLabel: 'Editor' });
  });

  it('marks the levels granted at once as needing no approval', () => {
    const granted = signUpOptions().filter((option) => option.approval === null);
    expect(granted.map((option) => option.level)).toEqual(['reader', 'contributor', 'editor']);
  });

  it('never offers admin', () => {
    expect(signUpOptions().map((option) => option.level)).not.toContain('admin');
  });
});

describe('requestableOptions', () => {
  it('offers only the levels above the one in force', () => {
    const levels = requestableOptions({ role: 'contributor', pending: false }).map((o) => o.level);
    expect(levels).toEqual(['editor', 'power']);
  });

  it('offers nothing while a request waits', () => {
    expect(requestableOptions({ role: 'editor', pending: true })).toEqual([]);
  });

  it('offers nothing at the highest level', () => {
    expect(requestableOptions({ role: 'power', pending: false })).toEqual([]);
  });
});
