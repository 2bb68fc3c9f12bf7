import type { PublicUser } from '@rolegate/core';
import type { ReactNode } from 'react';
import { errorCode } from '../forms/form-errors';
import { trpc } from '../trpc';
import { Loading } from '../ui/states';
import { CheckInboxPage } from './check-inbox-page';

type Verification = 'not needed' | 'checking' | 'needed';

/**
 * Whether this account must prove its address before it may go on. `emailVerified: false` alone does
 * not say: with EMAIL_VERIFICATION=off accounts keep working unproven. The server says it by refusing:
 * a call every level may make (reading one entry) answers FORBIDDEN only while the proof is missing.
 * Asked once, and only for an unproven account, so a proven one pays nothing.
 */
export function useVerification(user: PublicUser | null): Verification {
  const unproven = user !== null && !user.emailVerified;
  const probe = trpc.entries.list.useQuery(
    { limit: 1 },
    { enabled: unproven, retry: false, refetchOnWindowFocus: false },
  );
  if (!unproven) return 'not needed';
  if (probe.isPending) return 'checking';
  return probe.isError && errorCode(probe.error) === 'FORBIDDEN' ? 'needed' : 'not needed';
}

/** The page asked for, or "check your inbox" while the account's address still needs its proof. */
export function VerificationGate({
  user,
  children,
}: {
  user: PublicUser | null;
  children: ReactNode;
}) {
  const verification = useVerification(user);
  if (verification === 'checking') return <Loading label="Loading your account…" />;
  if (verification === 'needed' && user) return <CheckInboxPage user={user} />;
  return children;
}
