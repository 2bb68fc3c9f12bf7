/**
 * The access table: the one place that says what each level may do, which levels need an admin's
 * approval, and what a person works as while they wait. The server enforces it on every procedure;
 * the web app only reads it to decide what to show. Which levels need approval is a setting
 * (APPROVAL_REQUIRED_LEVELS, default `power`): the functions below take it as `approvalRequired`.
 */

export const LEVELS = ['reader', 'contributor', 'editor', 'power'] as const;
export type Level = (typeof LEVELS)[number];

export const CAPABILITIES = [
  'entries.read',
  'entries.propose',
  'entries.review',
  'entries.write',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface LevelPolicy {
  /** Position in the order of levels: a higher rank may do everything a lower one may. */
  readonly rank: number;
  readonly label: string;
  /** One line for the sign-up form. */
  readonly summary: string;
  readonly capabilities: readonly Capability[];
}

export const ACCESS_TABLE = {
  reader: {
    rank: 0,
    label: 'Reader',
    summary: 'Read every entry.',
    capabilities: ['entries.read'],
  },
  contributor: {
    rank: 1,
    label: 'Contributor',
    summary: 'Read entries and propose changes; an editor reviews them.',
    capabilities: ['entries.read', 'entries.propose'],
  },
  editor: {
    rank: 2,
    label: 'Editor',
    summary: "Review other people's proposals and apply or reject them.",
    capabilities: ['entries.read', 'entries.propose', 'entries.review'],
  },
  power: {
    rank: 3,
    label: 'Power',
    summary: 'Change or delete any entry directly, with no review.',
    capabilities: ['entries.read', 'entries.propose', 'entries.review', 'entries.write'],
  },
} as const satisfies Record<Level, LevelPolicy>;

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function can(level: Level, capability: Capability): boolean {
  return (ACCESS_TABLE[level].capabilities as readonly Capability[]).includes(capability);
}

export function capabilitiesOf(level: Level): readonly Capability[] {
  return ACCESS_TABLE[level].capabilities;
}

export function isAbove(level: Level, than: Level): boolean {
  return ACCESS_TABLE[level].rank > ACCESS_TABLE[than].rank;
}

/** The lowest level that has a capability: what the server names in a FORBIDDEN message. */
export function lowestLevelWith(capability: Capability): Level {
  const level = LEVELS.find((candidate) => can(candidate, capability));
  if (!level) throw new Error(`No level has the capability ${capability}`);
  return level;
}

/** The levels that need an admin's approval when APPROVAL_REQUIRED_LEVELS is not set. */
export const DEFAULT_APPROVAL_REQUIRED_LEVELS: readonly Level[] = ['power'];

/**
 * Levels that may be listed in APPROVAL_REQUIRED_LEVELS: every one but the lowest, which is where a
 * person waits when everything above it needs approval.
 */
export const APPROVABLE_LEVELS: readonly Level[] = LEVELS.slice(1);

/** The lowest level is always granted at once: it is where everyone can start. */
export function needsApproval(level: Level, approvalRequired: readonly Level[]): boolean {
  return level !== LEVELS[0] && approvalRequired.includes(level);
}

/**
 * Why a list of levels cannot be the approval setting, or null when it can. Every level above one
 * that needs approval must need it too: each level may do everything the ones below may, so a
 * higher level granted at once would be a way around the approval.
 */
export function approvalLevelsProblem(approvalRequired: readonly Level[]): string | null {
  if (approvalRequired.includes(LEVELS[0])) {
    return `${LEVELS[0]} is the level everyone starts at and cannot need approval.`;
  }
  const lowest = LEVELS.find((level) => approvalRequired.includes(level));
  if (lowest === undefined) return null;
  const skipped = LEVELS.filter(
    (level) => isAbove(level, lowest) && !approvalRequired.includes(level),
  );
  if (skipped.length === 0) return null;
  return `${lowest} needs approval but ${skipped.join(' and ')} above it would not, so anyone could skip the approval by asking for ${skipped.join(' or ')}.`;
}

/**
 * What a person works as while a request for `requested` waits: the highest level below it that is
 * itself granted at once. With `editor,power` both wait as contributor, so nobody can reach a level
 * that needs approval by asking for the one above it. null for a level granted at once.
 */
export function provisionalLevel(
  requested: Level,
  approvalRequired: readonly Level[],
): Level | null {
  if (!needsApproval(requested, approvalRequired)) return null;
  const below = LEVELS.slice(0, ACCESS_TABLE[requested].rank);
  return below.findLast((level) => !needsApproval(level, approvalRequired)) ?? LEVELS[0];
}

export interface LevelGrant {
  /** The level in force now. */
  role: Level;
  /** Set when the chosen level must be approved: a pending request for it is written. */
  requestedRole: Level | null;
}

/**
 * What choosing `chosen` grants at once. A level that needs approval never falls back to anything
 * higher than its provisional level; a level that does not is granted as chosen.
 */
export function grantFor(chosen: Level, approvalRequired: readonly Level[]): LevelGrant {
  const startsAs = provisionalLevel(chosen, approvalRequired);
  return startsAs === null
    ? { role: chosen, requestedRole: null }
    : { role: startsAs, requestedRole: chosen };
}
