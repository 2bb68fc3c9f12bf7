import type { LevelRequest } from '../admin/admin-types';
import { testUser } from './users';

/**
 * Pending power request number `n` (ids and names end in `n`), from an editor who asked for power;
 * `changes` sets what a test is about.
 */
export function testLevelRequest(n = 1, changes: Partial<LevelRequest> = {}): LevelRequest {
  return {
    id: `00000000-0000-4000-9000-00000000000${n}`,
    user: testUser('editor', {
      id: `00000000-0000-4000-8000-00000000000${n}`,
      email: `person${n}@example.com`,
      name: `Person ${n}`,
      requestedRole: 'power',
      pending: true,
      createdAt: '2026-12-04T10:00:00.000Z',
    }),
    requestedRole: 'power',
    reason: null,
    status: 'pending',
    createdAt: '2026-12-04T10:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    denyReason: null,
    ...changes,
  };
}
