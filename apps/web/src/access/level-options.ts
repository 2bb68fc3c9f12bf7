/** The level choices the forms offer, in the access table's order, with its words. */
import { ACCESS_TABLE, isAbove, LEVELS, type Level, provisionalLevel } from '@rolegate/core';

export interface LevelOption {
  level: Level;
  label: string;
  summary: string;
  /** Set for a level an admin must approve: what the person works as meanwhile. */
  approval: { startsAs: Level; startsAsLabel: string } | null;
}

/**
 * `approvalRequired` is the server's APPROVAL_REQUIRED_LEVELS (useApprovalRequiredLevels); null
 * until it has answered, when no option claims to need approval or not.
 */
function optionFor(
  level: Level,
  approvalRequired: readonly Level[] | null,
  current: Level | null = null,
): LevelOption {
  const policy = ACCESS_TABLE[level];
  const provisional = approvalRequired && provisionalLevel(level, approvalRequired);
  // Someone already above the provisional level keeps their own while they wait (as the server does).
  const startsAs = provisional && current && isAbove(current, provisional) ? current : provisional;
  return {
    level,
    label: policy.label,
    summary: policy.summary,
    approval: startsAs ? { startsAs, startsAsLabel: ACCESS_TABLE[startsAs].label } : null,
  };
}

/** Every level, for the sign-up form. `admin` is a separate flag and never a choice. */
export function signUpOptions(approvalRequired: readonly Level[] | null): LevelOption[] {
  return LEVELS.map((level) => optionFor(level, approvalRequired));
}

/** Levels above the one in force, for "ask for a higher level"; none while a request waits. */
export function requestableOptions(
  user: { role: Level; pending: boolean },
  approvalRequired: readonly Level[] | null,
): LevelOption[] {
  if (user.pending) return [];
  return LEVELS.filter((level) => isAbove(level, user.role)).map((level) =>
    optionFor(level, approvalRequired, user.role),
  );
}

export function levelLabel(level: Level): string {
  return ACCESS_TABLE[level].label;
}
