/**
 * What the dashboard offers a level, read from the shared access table. The server checks every call
 * on its own; this only decides which buttons to draw, so a level never sees an action it would be
 * refused.
 */
import { type Capability, can, type Level } from '@rolegate/core';

export interface EntryActions {
  /** See the entries at all. */
  read: boolean;
  /** Send a new entry or an edit for review (for levels that cannot change entries directly). */
  propose: boolean;
  /** Accept or reject other people's proposals. */
  review: boolean;
  /** Create, edit and delete entries directly, with no review. */
  write: boolean;
}

export function entryActionsFor(level: Level): EntryActions {
  const write = can(level, 'entries.write');
  return {
    read: can(level, 'entries.read'),
    // Someone who may change an entry directly is not shown "propose" too: the direct action does the
    // same thing without waiting, and two buttons for one intent only confuse.
    propose: can(level, 'entries.propose') && !write,
    review: can(level, 'entries.review'),
    write,
  };
}

/** Which capability each visible action stands for: how tests prove nothing in the table is hidden. */
export const ACTION_CAPABILITY: Record<keyof EntryActions, Capability> = {
  read: 'entries.read',
  propose: 'entries.propose',
  review: 'entries.review',
  write: 'entries.write',
};

/** Capabilities that gained an action between two levels: what to announce after an approval. */
export function newActions(before: Level, after: Level): (keyof EntryActions)[] {
  const was = entryActionsFor(before);
  const now = entryActionsFor(after);
  return (Object.keys(now) as (keyof EntryActions)[]).filter(
    (action) => now[action] && !was[action],
  );
}
