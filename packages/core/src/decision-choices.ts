/**
 * The choices of deciding from the mail, apart from the schemas (decisions.ts): the web app lists
 * them without building zod schemas on a page that checks no form.
 */
export const LINK_DECISIONS = ['approve', 'deny'] as const;
export type LinkDecision = (typeof LINK_DECISIONS)[number];

/** `each`: a mail per request; `daily`: one digest a day while something waits; `off`: none. */
export const LEVEL_REQUEST_MAIL_CHOICES = ['each', 'daily', 'off'] as const;
export type LevelRequestMailChoice = (typeof LEVEL_REQUEST_MAIL_CHOICES)[number];
