import type { Level } from '@rolegate/core';
import { trpc } from '../trpc';

/**
 * The levels an admin must approve, as the server is configured (APPROVAL_REQUIRED_LEVELS); null
 * until it has answered. Read once per page load: the setting only changes with a restart.
 */
export function useApprovalRequiredLevels(): readonly Level[] | null {
  const policy = trpc.auth.accessPolicy.useQuery(undefined, {
    staleTime: Number.POSITIVE_INFINITY,
  });
  return policy.data?.approvalRequiredLevels ?? null;
}
