import type { LevelRequestView } from '@rolegate/core';
import { toPublicUser } from '../accounts/person.js';
import type { RequestRow } from './queries.js';

export function toLevelRequestView(row: RequestRow): LevelRequestView {
  return {
    id: row.id,
    user: toPublicUser({
      id: row.userId,
      email: row.userEmail,
      name: row.userName,
      role: row.userRole,
      isAdmin: row.userIsAdmin,
      createdAt: row.userCreatedAt,
      emailVerified: row.userEmailVerified,
      pendingRole: row.userPendingRole,
      levelExpiresAt: row.userLevelExpiresAt,
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
