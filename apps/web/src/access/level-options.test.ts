import { ACCESS_TABLE, DEFAULT_APPROVAL_REQUIRED_LEVELS as DEFAULT, LEVELS } from '@rolegate/core';
import { describe, expect, it } from 'vitest';
import { requestableOptions, signUpOptions } from './level-options';

describe('signUpOptions', () => {
  it('offers the four levels in the access table order with its summaries', () => {
    const options = signUpOptions(DEFAULT);
    expect(options.map((option) => option.level)).toEqual([...LEVELS]);
    for (const option of options) {
      expect(option.summary).toBe(ACCESS_TABLE[option.level].summary);
    }
  });

  it('marks power as needing approval and starting as editor', () => {
    const power = signUpOptions(DEFAULT).find((option) => option.level === 'power');
    expect(power?.approval).toEqual({ startsAs: 'editor', startsAsLabel: 'Editor' });
  });

  it('marks the levels granted at once as needing no approval', () => {
    const granted = signUpOptions(DEFAULT).filter((option) => option.approval === null);
    expect(granted.map((option) => option.level)).toEqual(['reader', 'contributor', 'editor']);
  });

  it('with editor,power, marks both as needing approval and starting as contributor', () => {
    const options = signUpOptions(['editor', 'power']);
    expect(options.map((option) => option.approval?.startsAs ?? null)).toEqual([
      null,
      null,
      'contributor',
      'contributor',
    ]);
  });

  it('claims nothing about approval before the server has said which levels need it', () => {
    expect(signUpOptions(null).every((option) => option.approval === null)).toBe(true);
  });

  it('never offers admin', () => {
    expect(signUpOptions(DEFAULT).map((option) => option.level)).not.toContain('admin');
  });
});

describe('requestableOptions', () => {
  it('offers only the levels above the one in force', () => {
    const levels = requestableOptions({ role: 'contributor', pending: false }, DEFAULT).map(
      (o) => o.level,
    );
    expect(levels).toEqual(['editor', 'power']);
  });

  it('says an editor keeps editor while asking for power needs approval', () => {
    const [power] = requestableOptions({ role: 'editor', pending: false }, ['editor', 'power']);
    expect(power?.approval).toEqual({ startsAs: 'editor', startsAsLabel: 'Editor' });
  });

  it('offers nothing while a request waits', () => {
    expect(requestableOptions({ role: 'editor', pending: true }, DEFAULT)).toEqual([]);
  });

  it('offers nothing at the highest level', () => {
    expect(requestableOptions({ role: 'power', pending: false }, DEFAULT)).toEqual([]);
  });
});
