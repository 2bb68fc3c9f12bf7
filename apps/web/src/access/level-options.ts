/** The level choices the forms offer, in the access table's order, with its words. */
import { ACCESS_TABLE, isAbove, LEVELS, type Level } from '@rolegate/core';

export interface LevelOption {
  level: Level;
  label: string;
  summary: string;
  /** Set for a level an admin must approve: what the person works as meanwhile. */
  approval: { startsAs: Level; startsAsLabel: string } | null;
}

function optionFor(level: Level): LevelOption {
  const policy = ACCESS_TABLE[level];
  const startsAs = policy.needsApproval ? (policy.provisionalLevel ?? 'reader') : null;
  return {
    level,
    label: policy.label,
    summary: policy.summary,
    approval: startsAs ? { startsAs, startsAsLabel: ACCESS_TABLE[startsAs].label } : null,
  };
}

/** Every level, for the sign-up form. `admin` is a separate flag and never a choice. */
export function signUpOptions(): LevelOption[] {
  return LEVELS.map(optionFor);
}

/** Levels above the one in force, for "ask for a higher level"; none while a request waits. */
export function requestableOptions(user: { role: Level; pending: boolean }): LevelOption[] {
  if (user.pending) return [];
  return LEVELS.filter((level) => isAbove(level, user.role)).map(optionFor);
}

export function levelLabel(level: Level): string {
  return ACCESS_TABLE[level].label;
}
