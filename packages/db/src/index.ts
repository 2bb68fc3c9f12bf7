export { type ConstraintName, constraints } from './constraints.js';
export { type CreateDbOptions, createDb, createDbFromPGlite, type Executor } from './create-db.js';
export {
  type DatabaseTarget,
  DatabaseUrlError,
  DEFAULT_PGLITE_DIR,
  describeDatabaseUrl,
  parseDatabaseUrl,
} from './database-url.js';
export {
  isDatabaseUnavailable,
  isForeignKeyViolation,
  isSerializationOrLockError,
  isUniqueViolation,
  postgresErrorCode,
} from './errors.js';
export { listenInProcess } from './in-process-listen.js';
export {
  MigrationError,
  type MigrationResults,
  migrateDown,
  migrateToLatest,
  migrateToNothing,
  migrationNames,
  resetDatabase,
} from './migrate.js';
export { type ClaimOptions, claimDueMessages } from './outbox-claim.js';
export type * from './schema.js';
