import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

function problemOf(value: string): string {
  try {
    loadConfig({ APPROVAL_REQUIRED_LEVELS: value });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected APPROVAL_REQUIRED_LEVELS=${value} to be refused`);
}

describe('APPROVAL_REQUIRED_LEVELS', () => {
  it('is power when unset', () => {
    expect(loadConfig({}).approvalRequiredLevels).toEqual(['power']);
  });

  it('reads a comma-separated list, spaces and case aside, and none for no approval at all', () => {
    expect(
      loadConfig({ APPROVAL_REQUIRED_LEVELS: ' Editor , power' }).approvalRequiredLevels,
    ).toEqual(['editor', 'power']);
    expect(loadConfig({ APPROVAL_REQUIRED_LEVELS: 'none' }).approvalRequiredLevels).toEqual([]);
  });

  it('refuses an unknown level, naming the variable and the fix', () => {
    expect(problemOf('editor,admin,power')).toMatch(
      /APPROVAL_REQUIRED_LEVELS: 'admin' is not a level\. Fix: list levels from contributor, editor, power/,
    );
  });

  it('refuses a level above one that needs approval being granted at once', () => {
    expect(problemOf('editor')).toMatch(
      /APPROVAL_REQUIRED_LEVELS: editor needs approval but power/,
    );
  });

  it('refuses reader, where everyone starts', () => {
    expect(problemOf('reader,contributor,editor,power')).toMatch(
      /reader is the level everyone starts at/,
    );
  });
});
