import type { LevelRequestView, PublicUser } from '@rolegate/core';
import type { LevelName } from '@rolegate/db';
import type { RequestRow } from './queries.js';

/** The columns of a user row that the API shows, plus the level of their pending request if any. */
export interface PublicUserParts {
  id: string;
  email: string;
  name: string;
  role: LevelName;
  isAdmin: boolean;
  createdAt: Date;
  emailVerified: boolean;
  pendingRole: LevelName | null;
}

export function toPublicUserView(parts: PublicUserParts): PublicUser {
  return {
    id: parts.id,
    email: parts.email,
    name: parts.name,
    role: parts.role,
    requestedRole: parts.pendingRole,
    pending: parts.pendingRole !== null,
    isAdmin: parts.isAdmin,
    createdAt: parts.createdAt.toISOString(),
    emailVerified: parts.emailVerified,
  };
}

export function toLevelRequestView(row: RequestRow): LevelRequestView {
  return {
    id: row.id,
    user: toPublicUserView({
      id: row.userId,
      email: row.userEmail,
      name: row.userName,
      role: row.userRole,
      isAdmin: row.userIsAdmin,
      createdAt: row.userCreatedAt,
      emailVerified: row.userEmailVerified,
      pendingRole: row.userPendingRole,
    }),
    requestedRole: row.requestedRole,
    reason: row.reason,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy:
      row.deciderId !== null && row.deciderName !== null && row.deciderEmail !== null
        ? { id: row.deciderId, name: row.deciderName, email: row.deciderEmail }
        : null,
    denyReason: row.denyReason,
  };
}
