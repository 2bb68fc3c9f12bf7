/**
 * Names of the constraints and unique indexes the migrations create, for isUniqueViolation(error, name):
 * the server turns each into its own CONFLICT message.
 */
export const constraints = {
  /** unique index on lower(email): emails are unique case-insensitively. */
  usersEmailUnique: 'users_email_lower_key',
  /** partial unique index on level_requests(user_id) WHERE status = 'pending'. */
  levelRequestsOnePendingPerUser: 'level_requests_one_pending_per_user',
  /** unique mail_outbox(idempotency_key): the same notification is queued once. */
  mailOutboxIdempotencyKey: 'mail_outbox_idempotency_key_key',
  /** primary key of sessions(token_hash). */
  sessionsPrimaryKey: 'sessions_pkey',
  /** primary key of rate_limits(key). */
  rateLimitsPrimaryKey: 'rate_limits_pkey',
} as const;

export type ConstraintName = (typeof constraints)[keyof typeof constraints];
