/**
 * Lists and limits the web app shows, apart from the schemas that check them: a page that imports a
 * module building zod schemas makes zod probe for `eval` at once, which the app's CSP (script-src
 * 'self') refuses and reports. The web app loads the schemas only where a form checks its fields.
 */
export const LINK_DECISIONS = ['approve', 'deny'] as const;
export type LinkDecision = (typeof LINK_DECISIONS)[number];

/** `each`: a mail per request; `daily`: one digest a day while something waits; `off`: none. */
export const LEVEL_REQUEST_MAIL_CHOICES = ['each', 'daily', 'off'] as const;
export type LevelRequestMailChoice = (typeof LEVEL_REQUEST_MAIL_CHOICES)[number];

/**
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

/** The grant lengths the web app offers besides "for good" and a date of one's own. */
export const GRANT_LENGTH_DAYS = [7, 30, 90] as const;

/** A time-limited grant's holder is mailed this long before it ends. */
export const GRANT_WARNING_DAYS = 3;

/** The longest text the admin lists search for (admin.requests, admin.users: `q`). */
export const SEARCH_MAX_LENGTH = 200;
