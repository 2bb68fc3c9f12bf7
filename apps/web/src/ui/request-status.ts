import type { RequestStatus } from '@rolegate/core';

/** A level request's status as people read it, in the admin panel and on the account page. */
export const REQUEST_STATUS_WORDS: Record<RequestStatus, string> = {
  pending: 'Waiting',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded',
};
