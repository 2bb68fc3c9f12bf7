import type { Level, PublicUser } from '@rolegate/core';

/** A signed-in person as auth.me describes them; `changes` sets what a test is about. */
export function testUser(role: Level = 'editor', changes: Partial<PublicUser> = {}): PublicUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'ada@example.com',
    name: 'Ada',
    role,
    requestedRole: null,
    pending: false,
    isAdmin: false,
    createdAt: '2026-11-26T09:00:00.000Z',
    emailVerified: true,
    levelExpiresAt: null,
    ...changes,
  };
}
