/**
 * The access table: the one place that says what each level may do, which level needs an admin's
 * approval, and what a person works as while they wait. The server enforces it on every procedure;
 * the web app only reads it to decide what to show.
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
  /** A level that needs approval is requested, not granted: the person starts at `provisionalLevel`. */
  readonly needsApproval: boolean;
  readonly provisionalLevel: Level | null;
}

export const ACCESS_TABLE = {
  reader: {
    rank: 0,
    label: 'Reader',
    summary: 'Read every entry.',
    capabilities: ['entries.read'],
    needsApproval: false,
    provisionalLevel: null,
  },
  contributor: {
    rank: 1,
    label: 'Contributor',
    summary: 'Read entries and propose changes; an editor reviews them.',
    capabilities: ['entries.read', 'entries.propose'],
    needsApproval: false,
    provisionalLevel: null,
  },
  editor: {
    rank: 2,
    label: 'Editor',
    summary: "Review other people's proposals and apply or reject them.",
    capabilities: ['entries.read', 'entries.propose', 'entries.review'],
    needsApproval: false,
    provisionalLevel: null,
  },
  power: {
    rank: 3,
    label: 'Power',
    summary: 'Change or delete any entry directly, with no review.',
    capabilities: ['entries.read', 'entries.propose', 'entries.review', 'entries.write'],
    needsApproval: true,
    provisionalLevel: 'editor',
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
export function grantFor(chosen: Level): LevelGrant {
  const policy: LevelPolicy = ACCESS_TABLE[chosen];
  if (!policy.needsApproval) return { role: chosen, requestedRole: null };
  return { role: policy.provisionalLevel ?? 'reader', requestedRole: chosen };
}
