/**
 * A level request's statuses, apart from the schemas: the web app lists them (the admin's status
 * filter) without building zod schemas on a page that checks no form (see decision-choices.ts).
 *
 * `withdrawn`: the person took it back (account.withdrawRequest); `superseded`: an admin set a level
 * that answers it (admin.setLevel), so nobody has to decide it any more.
 */
export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'denied',
  'withdrawn',
  'superseded',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The longest search text of admin.requests and admin.users (checked in admin-inputs.ts). */
export const SEARCH_MAX_LENGTH = 200;
