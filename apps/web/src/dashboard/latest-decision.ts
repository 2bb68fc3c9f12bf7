import type { PublicUser } from '@rolegate/core';
import { useState } from 'react';
import { type RouterOutputs, trpc } from '../trpc';

export type OwnRequest = RouterOutputs['account']['requests']['requests'][number];

const storageKey = (userId: string) => `rolegate.dismissed-decision.${userId}`;

function readDismissed(userId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(userId));
  } catch {
    return null; // Storage refused (private mode): the notice simply shows until dismissed again.
  }
}

/**
 * The latest decision on the person's requests, until they dismiss it: someone who was not looking
 * when an admin decided still learns it, and why, the next time they open the dashboard. Which one
 * was dismissed is remembered in this browser.
 */
export function useLatestDecision(user: Pick<PublicUser, 'id'>) {
  const requests = trpc.account.requests.useQuery(undefined, { refetchOnWindowFocus: true });
  const [dismissed, setDismissed] = useState(() => readDismissed(user.id));
  const latest =
    requests.data?.requests.find(
      (request) => request.status === 'approved' || request.status === 'denied',
    ) ?? null;
  return {
    latest: latest && latest.id !== dismissed ? latest : null,
    dismiss() {
      if (!latest) return;
      setDismissed(latest.id);
      try {
        window.localStorage.setItem(storageKey(user.id), latest.id);
      } catch {
        // Not remembered across visits; dismissed for now all the same.
      }
    },
  };
}
