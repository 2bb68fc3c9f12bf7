import { ACCESS_TABLE, capabilitiesOf, LEVELS, type Level } from '@rolegate/core';
import { describe, expect, it } from 'vitest';
import {
  ACTION_CAPABILITY,
  type EntryActions,
  entryActionsFor,
  newActions,
} from './visible-actions';

describe('entryActionsFor', () => {
  // A reader only reads, a contributor also proposes, an editor also reviews; power edits and
  // deletes directly instead of proposing, and keeps review.
  const ACTIONS_OF: Record<Level, EntryActions> = {
    reader: { read: true, propose: false, review: false, write: false },
    contributor: { read: true, propose: true, review: false, write: false },
    editor: { read: true, propose: true, review: true, write: false },
    power: { read: true, propose: false, review: true, write: true },
  };

  it.each(LEVELS)('shows %s the actions of its level and no others', (level) => {
    expect(entryActionsFor(level)).toEqual(ACTIONS_OF[level]);
  });

  it.each(LEVELS)(
    'never shows %s an action whose capability the access table withholds',
    (level) => {
      const actions = entryActionsFor(level);
      for (const [action, shown] of Object.entries(actions) as [keyof EntryActions, boolean][]) {
        if (shown) expect(capabilitiesOf(level)).toContain(ACTION_CAPABILITY[action]);
      }
    },
  );

  it.each(LEVELS)('gives %s a way to use every capability the access table grants', (level) => {
    const actions = entryActionsFor(level);
    for (const capability of ACCESS_TABLE[level].capabilities) {
      // Proposing is covered by writing directly: both change an entry.
      const coveredBy = capability === 'entries.propose' ? actions.propose || actions.write : null;
      const action = (Object.keys(ACTION_CAPABILITY) as (keyof EntryActions)[]).find(
        (candidate) => ACTION_CAPABILITY[candidate] === capability,
      );
      expect(coveredBy ?? (action ? actions[action] : false)).toBe(true);
    }
  });
});

describe('newActions', () => {
  it('names direct writing as new when an editor is approved for power', () => {
    expect(newActions('editor', 'power')).toEqual(['write']);
  });

  it('names nothing new when the level does not change', () => {
    expect(newActions('power', 'power')).toEqual([]);
  });
});
