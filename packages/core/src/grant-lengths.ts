/**
 * The lengths of a time-limited level, apart from the schemas (level-changes.ts): the web app offers
 * them without building zod schemas on pages that check no form (see decision-choices.ts).
 */

/** The grant lengths the web app offers besides "for good" and a date of one's own. */
export const GRANT_LENGTH_DAYS = [7, 30, 90] as const;

/** A time-limited grant's holder is mailed this long before it ends. */
export const GRANT_WARNING_DAYS = 3;
