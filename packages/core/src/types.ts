/** Shapes the API returns (docs/api.md). Dates travel as ISO strings: no transformer. */
import type { Level } from './access.js';
import type { RequestStatus } from './choices.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  /** The level in force now. */
  role: Level;
  /** The level asked for while a request waits, else null. */
  requestedRole: Level | null;
  pending: boolean;
  isAdmin: boolean;
  createdAt: string;
  /** False until the person follows the link mailed to `email`. */
  emailVerified: boolean;
  /** When a time-limited level ends (ISO) and the person returns to the one before; null: permanent. */
  levelExpiresAt: string | null;
}

export interface LevelRequestView {
  id: string;
  user: PublicUser;
  requestedRole: Level;
  reason: string | null;
  status: RequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: { id: string; name: string; email: string } | null;
  denyReason: string | null;
}

/** One of the person's sessions as account.sessions lists them. */
export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  /** The session this request came with. */
  current: boolean;
}
