/**
 * The database as kysely sees it. Tables and columns are snake_case in SQL and camelCase here:
 * createDb() installs kysely's CamelCasePlugin. Keep this file and the migrations in agreement.
 */
import type { Level, LevelRequestMailChoice, RequestStatus } from '@rolegate/core';
import type {
  ColumnType,
  Generated,
  Insertable,
  JSONColumnType,
  Selectable,
  Updateable,
} from 'kysely';

/** timestamptz: read as Date, written as Date or ISO string, defaulted by the database. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/** `withdrawn`: closed without review because its entry was deleted. */
export type ProposalStatus = 'pending' | 'accepted' | 'rejected' | 'withdrawn';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface UsersTable {
  id: Generated<string>;
  /** As typed; uniqueness is on lower(email). */
  email: string;
  name: string;
  passwordHash: string;
  role: Level;
  isAdmin: Generated<boolean>;
  /** The person followed a link mailed to `email` (or reset their password through one). */
  emailVerified: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Mail the person when one of their proposals is accepted, rejected or withdrawn. */
  proposalOutcomeMail: Generated<boolean>;
  /** How an admin hears of level requests: each one, a daily digest, or not by mail. */
  levelRequestMail: Generated<LevelRequestMailChoice>;
  /** A time-limited level ends then, and the person returns to levelBeforeGrant; null: permanent. */
  levelExpiresAt: NullableTimestamp;
  /** The level held before the time-limited grant; set exactly when levelExpiresAt is. */
  levelBeforeGrant: Level | null;
  /** When the "ends in three days" mail was queued (or judged needless for a short grant). */
  levelExpiryWarnedAt: NullableTimestamp;
}

export interface LevelRequestsTable {
  id: Generated<string>;
  userId: string;
  requestedRole: Level;
  reason: string | null;
  /** At most one `pending` row per user (partial unique index). */
  status: Generated<RequestStatus>;
  createdAt: Timestamp;
  decidedAt: NullableTimestamp;
  decidedBy: string | null;
  denyReason: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token, hex. The token itself is never stored. */
  tokenHash: string;
  /** What account.sessions and account.revokeSession name a session by. */
  id: Generated<string>;
  userId: string;
  createdAt: Timestamp;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  lastSeenAt: Timestamp;
  userAgent: string | null;
  ip: string | null;
}

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

/** Single-use links mailed to a person: verify an address, reset a password, change the address. */
export interface AccountTokensTable {
  id: Generated<string>;
  /** SHA-256 of the token in the link, hex. The token itself is never stored. */
  tokenHash: string;
  userId: string;
  purpose: AccountTokenPurpose;
  /** The address the link was mailed to, which following it proves. */
  email: string;
  createdAt: Timestamp;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  usedAt: NullableTimestamp;
}

/** An admin's own link to decide one level request from their mail (APP_URL/decide/<token>). */
export interface DecisionLinksTable {
  id: Generated<string>;
  /** SHA-256 of the token in the link, hex. The token itself is never stored. */
  tokenHash: string;
  requestId: string;
  /** The admin the link decides as; dead once they are no longer an admin. */
  adminId: string;
  createdAt: Timestamp;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
}

/** One row per reminder queued for a pending request: the key is the claim among workers. */
export interface LevelRequestRemindersTable {
  requestId: string;
  /** 1 to 3. */
  number: number;
  queuedAt: Timestamp;
}

/** A message as the mail package serialises it (EmailMessage#toJSON). */
export type StoredMessage = Record<string, unknown>;

export interface MailOutboxTable {
  id: Generated<string>;
  /** The same notification is queued once, whatever retries or double submits happen. */
  idempotencyKey: string;
  message: JSONColumnType<StoredMessage, StoredMessage | string, StoredMessage | string>;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  /** While `sending`: when a claim by a worker that died expires and the row may be claimed again. */
  leaseExpiresAt: NullableTimestamp;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: NullableTimestamp;
  /** The mailer (a MAILERS name) the worker sends this message with. */
  mailer: Generated<string>;
  /** When an attempt last ended (sent, retry or failed); null before the first. */
  lastAttemptAt: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: JSONColumnType<
    Record<string, unknown>,
    Record<string, unknown> | string,
    Record<string, unknown> | string
  >;
  createdAt: Timestamp;
}

export interface RateLimitsTable {
  /** e.g. `login:ip:203.0.113.7` */
  key: string;
  count: number;
  resetAt: ColumnType<Date, Date | string, Date | string>;
}

export interface EntriesTable {
  id: Generated<string>;
  title: string;
  body: string;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** 1 when created, one more on every change: what an edit proposal is checked against. */
  version: Generated<number>;
}

export interface EntryProposalsTable {
  id: Generated<string>;
  /** null: the proposal creates a new entry, or its entry was deleted (baseVersion set then). */
  entryId: string | null;
  title: string;
  body: string;
  proposedBy: string;
  /** The entry's version an edit was written against; null for a proposal that creates an entry. */
  baseVersion: number | null;
  status: Generated<ProposalStatus>;
  createdAt: Timestamp;
  reviewedBy: string | null;
  reviewedAt: NullableTimestamp;
  reviewNote: string | null;
}

export interface Database {
  users: UsersTable;
  levelRequests: LevelRequestsTable;
  sessions: SessionsTable;
  accountTokens: AccountTokensTable;
  mailOutbox: MailOutboxTable;
  auditLog: AuditLogTable;
  rateLimits: RateLimitsTable;
  entries: EntriesTable;
  entryProposals: EntryProposalsTable;
  decisionLinks: DecisionLinksTable;
  levelRequestReminders: LevelRequestRemindersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type LevelRequest = Selectable<LevelRequestsTable>;
export type Session = Selectable<SessionsTable>;
export type AccountToken = Selectable<AccountTokensTable>;
export type OutboxMessage = Selectable<MailOutboxTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Entry = Selectable<EntriesTable>;
export type EntryProposal = Selectable<EntryProposalsTable>;
export type DecisionLink = Selectable<DecisionLinksTable>;
