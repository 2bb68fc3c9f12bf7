/**
 * Input schemas of the public API (docs/api.md). The server validates with them;
 * the web app uses the same ones to check a form before it is sent. Every object is strict: an
 * unknown key such as `isAdmin` is an error, never silently dropped.
 */
import { z } from 'zod';
import { LEVELS } from './access.js';
import { nameProblem, reasonProblem } from './text-rules.js';

// Postgres text cannot hold U+0000: refuse it as bad input, not as a database error (a 500).
const withoutNul = (text: string) => !text.includes('\u0000');
const noNul = (field: string) => ({
  error: `${field} cannot contain the NUL character (\\u0000).`,
});

export const levelSchema = z.enum(LEVELS, {
  error: `Choose one of: ${LEVELS.join(', ')}.`,
});

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .max(254, { error: 'An email address has at most 254 characters.' })
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, {
    error: `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`,
  })
  .max(PASSWORD_MAX_LENGTH, {
    error: `A password has at most ${PASSWORD_MAX_LENGTH} characters.`,
  });

/**
 * A password typed to prove who one is (sign-in, or again before changing the account): any length
 * is checked against the stored hash, but an empty one is missing and an overlong one was pasted
 * wrong, and each says so.
 */
function typedPasswordSchema(missing: string) {
  return z
    .string({ error: missing })
    .min(1, { error: missing })
    .max(PASSWORD_MAX_LENGTH, {
      error: `That is longer than any password here (at most ${PASSWORD_MAX_LENGTH} characters): check what you pasted.`,
    });
}

/** Trimmed and NFC-normalised: the same name typed two ways is stored one way. */
export const nameSchema = z
  .string({ error: 'Enter your name.' })
  .normalize('NFC')
  .trim()
  .min(1, { error: 'Enter your name.' })
  .max(100, { error: 'A name has at most 100 characters.' })
  .check((ctx) => {
    // An empty name already has its message ("Enter your name.").
    const problem = ctx.value === '' ? null : nameProblem(ctx.value);
    if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

export const REASON_MAX_LENGTH = 1000;

export const reasonSchema = z
  .string({ error: 'The reason must be text.' })
  .normalize('NFC')
  .trim()
  .max(REASON_MAX_LENGTH, { error: `Keep the reason under ${REASON_MAX_LENGTH} characters.` })
  .check((ctx) => {
    const problem = reasonProblem(ctx.value);
    if (problem !== null) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

export const idSchema = (what: string) => z.uuid({ error: `${what} must be an id from the API.` });

/**
 * When a time-limited level ends (admin.approve, admin.setLevel). Its format is checked here; that it
 * lies in the future is the server's check, against the server's clock.
 */
export const expiresAtSchema = z.iso.datetime({
  offset: true,
  error: 'expiresAt must be a date and time with its zone, like 2027-01-31T12:00:00Z.',
});

export const registerInput = z.strictObject(
  {
    email: emailSchema,
    password: passwordSchema,
    name: nameSchema,
    role: levelSchema,
    reason: reasonSchema.optional(),
  },
  { error: unknownKeyMessage },
);

export const loginInput = z.strictObject(
  {
    email: z
      .string({ error: 'Enter your email address.' })
      .trim()
      .min(1)
      .max(254)
      .refine(withoutNul, noNul('An email address')),
    password: typedPasswordSchema('Enter your password.'),
  },
  { error: unknownKeyMessage },
);

export const requestLevelInput = z.strictObject(
  { role: levelSchema, reason: reasonSchema.optional() },
  { error: unknownKeyMessage },
);

/** The token of a mailed link, as the page took it from `?token=`. Checked by the server. */
export const linkTokenSchema = z
  .string({ error: 'Open the link from the mail again: it carries a token.' })
  .trim()
  .min(1, { error: 'Open the link from the mail again: it carries a token.' })
  .max(200, { error: 'This link has expired or was already used' });

export const linkTokenInput = z.strictObject(
  { token: linkTokenSchema },
  { error: unknownKeyMessage },
);

export const requestPasswordResetInput = z.strictObject(
  { email: emailSchema },
  { error: unknownKeyMessage },
);

export const resetPasswordInput = z.strictObject(
  { token: linkTokenSchema, password: passwordSchema },
  { error: unknownKeyMessage },
);

export const changePasswordInput = z.strictObject(
  {
    currentPassword: typedPasswordSchema('Enter your current password.'),
    newPassword: passwordSchema,
  },
  { error: unknownKeyMessage },
);

export const changeEmailInput = z.strictObject(
  {
    password: typedPasswordSchema('Enter your password.'),
    newEmail: emailSchema,
  },
  { error: unknownKeyMessage },
);

export const revokeSessionInput = z.strictObject(
  { sessionId: idSchema('sessionId') },
  { error: unknownKeyMessage },
);

export const approveInput = z.strictObject(
  { requestId: idSchema('requestId'), expiresAt: expiresAtSchema.optional() },
  { error: unknownKeyMessage },
);

export const denyInput = z.strictObject(
  { requestId: idSchema('requestId'), reason: reasonSchema.optional() },
  { error: unknownKeyMessage },
);

export const entryIdInput = z.strictObject({ id: idSchema('id') }, { error: unknownKeyMessage });

const titleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, { error: 'Enter a title.' })
  .max(200, { error: 'A title has at most 200 characters.' })
  .refine(withoutNul, noNul('A title'));

const bodySchema = z
  .string({ error: 'The body must be text.' })
  .max(20_000, { error: 'An entry has at most 20000 characters.' })
  .refine(withoutNul, noNul('An entry'));

export const entryContentInput = z.strictObject(
  { title: titleSchema, body: bodySchema },
  { error: unknownKeyMessage },
);

const baseVersionSchema = z
  .int({ error: 'baseVersion must be the version of the entry you edited.' })
  .min(1, { error: 'baseVersion must be the version of the entry you edited.' });

/** An entry's text as a form sends it, with the version it was written against (if any). */
const versionedEntryText = {
  baseVersion: baseVersionSchema.optional(),
  title: titleSchema,
  body: bodySchema,
};

/**
 * Without `entryId` a proposal creates an entry; with it, it edits that one. `baseVersion` is the
 * entry's version the edit was written against (the one the form was opened with): the proposal is
 * refused if the entry has changed since, and without it the entry's version when it arrives counts.
 */
export const proposeInput = z
  .strictObject(
    { entryId: idSchema('entryId').optional(), ...versionedEntryText },
    { error: unknownKeyMessage },
  )
  .refine((input) => input.baseVersion === undefined || input.entryId !== undefined, {
    error: 'baseVersion goes with entryId: a new entry has no version yet.',
    path: ['baseVersion'],
  });

export const reviewInput = z.strictObject(
  {
    proposalId: idSchema('proposalId'),
    decision: z.enum(['accept', 'reject'], { error: 'Decision is accept or reject.' }),
    note: reasonSchema.optional(),
  },
  { error: unknownKeyMessage },
);

const BASE_VERSION_WITH_ID = 'baseVersion must come with id: the version of the entry you edited.';

/**
 * Without `id` saves a new entry; with it, overwrites that one, but only while the entry is still at
 * `baseVersion` (the version the form was opened with): otherwise CONFLICT and nothing is written.
 */
export const saveEntryInput = z
  .strictObject(
    { id: idSchema('id').optional(), ...versionedEntryText },
    { error: unknownKeyMessage },
  )
  .refine((input) => input.id === undefined || input.baseVersion !== undefined, {
    error: BASE_VERSION_WITH_ID,
    path: ['baseVersion'],
  })
  .refine((input) => input.baseVersion === undefined || input.id !== undefined, {
    error: 'baseVersion goes with id: a new entry has no version yet.',
    path: ['baseVersion'],
  });

/** Deletes the entry only while it is still at `baseVersion`, the version the person saw. */
export const deleteEntryInput = z.strictObject(
  { id: idSchema('id'), baseVersion: baseVersionSchema },
  { error: unknownKeyMessage },
);

export function unknownKeyMessage(issue: {
  code?: string;
  keys?: readonly string[];
}): string | undefined {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}.`;
  }
  if (issue.code === 'invalid_type') return 'Send a JSON object with the documented fields.';
  return undefined;
}

export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;
export type RequestLevelInput = z.infer<typeof requestLevelInput>;
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;
export type ProposeInput = z.infer<typeof proposeInput>;
export type ReviewInput = z.infer<typeof reviewInput>;
export type SaveEntryInput = z.infer<typeof saveEntryInput>;
export type DeleteEntryInput = z.infer<typeof deleteEntryInput>;

export const proposalMailInput = z.strictObject({
  proposalOutcomes: z.boolean({ error: 'proposalOutcomes is true or false.' }),
});

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;

/** admin.mail: the outbox, optionally one state of it. */
export const adminMailInput = z
  .strictObject({
    state: z
      .enum(OUTBOX_STATES, { error: `Choose one of: ${OUTBOX_STATES.join(', ')}.` })
      .optional(),
  })
  .optional();

export const retryMailInput = z.strictObject({
  id: z.uuid({ error: 'id must be an outbox message id from admin.mail.' }),
});

export const mailCheckInput = z
  .strictObject({
    sendTo: z.email({ error: 'sendTo must be an email address, like you@example.com.' }).optional(),
  })
  .optional();
