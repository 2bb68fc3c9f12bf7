/**
 * The reliability suite's harness: production processes, a controllable SMTP server, a fresh
 * Postgres database per file, typed clients per person, SQL views for assertions, and the results
 * recorder behind reliability/results.md.
 */

export {
  type AppProcess,
  CLI_MAIN,
  CookieJar,
  type ExitInfo,
  SERVER_MAIN,
} from '@rolegate/testkit';
export {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  ADMINS_ADDRESS,
  appEnv,
  FAST_RETRY_BASE_MS,
  smtpUrl,
} from './app-env.js';
export {
  clientError,
  outcomeOf,
  type Person,
  type PersonOptions,
  person,
  type Trpc,
} from './client.js';
export {
  type CaseDatabase,
  createCaseDatabase,
  postgresServerUrl,
  requirePostgresUrl,
} from './database.js';
export { adminNotifications, countByMessageId, duplicates, isTo } from './mail.js';
export {
  outboxStates,
  type RequestNotification,
  requestNotifications,
  usersWithoutRequest,
} from './outbox.js';
export { applicantEmail, PASSWORD, signInAdmin, signUpPower } from './people.js';
export { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from './private-postgres.js';
export {
  type Figures,
  type ResultRow,
  recordResult,
  reliabilityCase,
} from './results.js';
export { type ServerProcess, startServer, startWorker, type WorkerProcess } from './servers.js';
export { type Stack, type StackOptions, startStack } from './stack.js';
export { mapConcurrent, sleep, waitFor } from './wait.js';
