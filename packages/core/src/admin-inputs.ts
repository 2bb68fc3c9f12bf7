/**
 * Inputs of the admin panel's paged lists: admin.requests, admin.users, admin.audit, and the one
 * request its page loads (admin.request). Opaque cursors and limits as page-inputs.ts builds them.
 */
import { z } from 'zod';
import { REQUEST_STATUSES, SEARCH_MAX_LENGTH } from './choices.js';
import { cursorSchema, limitSchema } from './page-inputs.js';
import { idSchema, levelSchema, unknownKeyMessage } from './schemas.js';

export const ADMIN_PAGE_DEFAULT = 50;
export const ADMIN_PAGE_MAX = 200;

/** Text to look for in a name or an email: trimmed, and blank means no search at all. */
const searchSchema = z
  .string({ error: 'q must be text to look for in a name or an email.' })
  .trim()
  .max(SEARCH_MAX_LENGTH, {
    error: `q has at most ${SEARCH_MAX_LENGTH} characters: search for part of a name or an email.`,
  })
  .refine((text) => !text.includes('\u0000'), { error: 'q cannot contain the NUL character.' })
  .transform((text) => (text === '' ? undefined : text));

const pageFields = {
  cursor: cursorSchema.nullish(),
  limit: limitSchema(ADMIN_PAGE_MAX).optional(),
  // useInfiniteQuery sends a direction with every page; these lists page one way only.
  direction: z.enum(['forward'], { error: 'direction is forward.' }).optional(),
};

export const adminRequestsInput = z
  .strictObject(
    {
      status: z
        .enum(REQUEST_STATUSES, { error: `status is one of: ${REQUEST_STATUSES.join(', ')}.` })
        .optional(),
      q: searchSchema.optional(),
      ...pageFields,
    },
    { error: unknownKeyMessage },
  )
  .optional();

export const adminUsersInput = z
  .strictObject(
    { q: searchSchema.optional(), role: levelSchema.optional(), ...pageFields },
    {
      error: unknownKeyMessage,
    },
  )
  .optional();

export const adminRequestInput = z.strictObject(
  { requestId: idSchema('requestId') },
  { error: unknownKeyMessage },
);

/** An audit row's `action`, e.g. `level_request.approved`. */
const actionSchema = z
  .string({ error: 'action must be an audit action, like level_request.approved.' })
  .trim()
  .min(1, { error: 'action must be an audit action, like level_request.approved.' })
  .max(100, { error: 'action has at most 100 characters, like level_request.approved.' })
  .regex(/^[a-z0-9_.]+$/, {
    error: 'action must be an audit action, like level_request.approved.',
  });

/** audit_log.subject_id is text: a row's id, or an address or a setting's name. */
const subjectIdSchema = z
  .string({ error: 'subjectId must be the id of what an audit row is about.' })
  .trim()
  .min(1, { error: 'subjectId must be the id of what an audit row is about.' })
  .max(200, { error: 'subjectId has at most 200 characters.' })
  .refine((text) => !text.includes('\u0000'), {
    error: 'subjectId cannot contain the NUL character.',
  });

/** The filters of admin.audit and of GET /admin/audit.csv (there, from the query string). */
export const auditFilterFields = {
  action: actionSchema.optional(),
  actorId: idSchema('actorId').optional(),
  subjectId: subjectIdSchema.optional(),
};

export const adminAuditInput = z
  .strictObject({ ...auditFilterFields, ...pageFields }, { error: unknownKeyMessage })
  .optional();

/** GET /admin/audit.csv's query string: the filters only (the file holds every matching row). */
export const auditCsvQuery = z.strictObject(auditFilterFields, { error: unknownKeyMessage });

/** A page of an admin list as the server reads it: the decoded cursor and the limit. */
export function adminPage(input: {
  cursor?: z.output<typeof cursorSchema> | null;
  limit?: number;
}) {
  return { cursor: input.cursor ?? undefined, limit: input.limit ?? ADMIN_PAGE_DEFAULT };
}
