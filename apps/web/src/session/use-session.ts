import type { PublicUser } from '@rolegate/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { trpc } from '../trpc';
import { type Decision, decisionBetween, sessionRefreshInterval } from './session-watch';

/**
 * Who is signed in. Asked again when the window regains focus and every few seconds while a level
 * request waits, so an admin's approval shows up without signing in again.
 */
export function useSession() {
  return trpc.auth.me.useQuery(undefined, {
    refetchOnWindowFocus: true,
    refetchInterval: (query) => sessionRefreshInterval(query.state.data?.user ?? null),
    staleTime: 0,
  });
}

/** The outcome of a request that was pending earlier in this visit, until dismissed. */
export function useDecisionNotice(user: PublicUser | null) {
  const previous = useRef<PublicUser | null>(user);
  const [decision, setDecision] = useState<Decision | null>(null);
  useEffect(() => {
    const happened = decisionBetween(previous.current, user);
    if (happened) setDecision(happened);
    previous.current = user;
  }, [user]);
  return { decision, dismiss: () => setDecision(null) };
}

const ME_PATH = JSON.stringify(['auth', 'me']);

/** Puts the user a sign-in or sign-up returned into the cache, dropping the previous person's data. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  return (user: PublicUser | null) => {
    utils.auth.me.setData(undefined, { user });
    // tRPC keys start with the procedure path; auth.me stays so its observers keep their query.
    queryClient.removeQueries({
      predicate: (query) => JSON.stringify(query.queryKey[0]) !== ME_PATH,
    });
  };
}
