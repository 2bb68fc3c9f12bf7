/**
 * Typed procedure tests without HTTP (tRPC's createCaller): a fresh migrated database per call
 * (PGlite, or Postgres when DATABASE_URL is set), the memory mail backend and a silent logger.
 *
 *   const t = await createTestContext();
 *   afterAll(() => t.destroy());
 *   const { caller } = await t.signUp({ role: 'power' });
 *   await caller.auth.me();
 */
import type { PublicUser, RegisterInput } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import { createTestDb } from '@rolegate/db/testing';
import type { Logger } from 'pino';
import { pino } from 'pino';
import type { SessionUser } from '../accounts/person.js';
import { loadPerson } from '../accounts/person.js';
import type { Context, ContextInner } from '../context.js';
import { createContextInner } from '../context.js';
import { type AppConfig, loadConfig } from '../env.js';
import { appRouter } from '../router.js';
import { createCallerFactory } from '../trpc.js';

export type ConfigOverrides = Partial<Omit<AppConfig, 'rateLimits'>> & {
  rateLimits?: Partial<AppConfig['rateLimits']>;
};

/**
 * Settings for tests: memory mail, no worker, silent logs, rate limits and email verification off
 * unless asked for.
 */
export function testConfig(overrides: ConfigOverrides = {}, env: Record<string, string> = {}) {
  const base = loadConfig({
    APP_URL: 'http://localhost:3000',
    DATABASE_URL: 'pglite:memory:',
    EMAIL_BACKEND: 'memory',
    DEFAULT_FROM_EMAIL: 'Rolegate <rolegate@example.com>',
    MAIL_WORKER: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SIGNUPS_PER_HOUR: '0',
    RATE_LIMIT_LOGINS_PER_15_MIN: '0',
    RATE_LIMIT_ACCOUNT_MAILS_PER_HOUR: '0',
    // Most tests are about what a signed-up person does next; the verification tests turn it on.
    EMAIL_VERIFICATION: 'off',
    ...env,
  });
  const { rateLimits, ...rest } = overrides;
  return {
    ...base,
    ...rest,
    rateLimits: { ...base.rateLimits, ...rateLimits },
  } satisfies AppConfig;
}

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface CallerOptions {
  clientIp?: string;
  /** Cookies the procedures set land here (name → value; cleared ones are deleted). */
  cookies?: Map<string, string>;
}

export interface TestContext {
  db: Executor;
  config: AppConfig;
  logger: Logger;
  inner: ContextInner;
  /**
   * A caller acting as `user` (by id; reloaded from the database on every call, so a level an
   * admin just approved is in force at once), or anonymous.
   */
  caller(user?: { id: string } | null, options?: CallerOptions): Caller;
  /** Registers through auth.register; returns the user and a caller signed in as them. */
  signUp(
    input?: Partial<RegisterInput>,
  ): Promise<{ user: PublicUser; caller: Caller; password: string }>;
  /** Registers, then sets the admin flag (as `rolegate create-admin` would). */
  signUpAdmin(
    input?: Partial<RegisterInput>,
  ): Promise<{ user: PublicUser; caller: Caller; password: string }>;
  destroy(): Promise<void>;
}

let counter = 0;

export interface TestContextOptions {
  configOverrides?: ConfigOverrides;
  now?: () => Date;
  /** Default: silent. Pass one to inspect what the server logs. */
  logger?: Logger;
  /** Use this database instead of a fresh one (e.g. one a CLI run just wrote); destroy() closes it. */
  db?: Executor;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const given = options.db;
  const testDb = given ? { db: given, destroy: () => given.destroy() } : await createTestDb();
  const config = testConfig(options.configOverrides);
  const logger = options.logger ?? pino({ level: 'silent' });
  const inner = createContextInner({ db: testDb.db, config, logger, now: options.now });

  const loadUser = (id: string): Promise<SessionUser | null> => loadPerson(testDb.db, id);

  const caller = (user?: { id: string } | null, callerOptions: CallerOptions = {}): Caller =>
    createCaller(
      async (): Promise<Context> => ({
        ...inner,
        user: user ? await loadUser(user.id) : null,
        sessionTokenHash: null,
        clientIp: callerOptions.clientIp ?? '127.0.0.1',
        userAgent: null,
        http: null,
        setCookie: (name, value) => void callerOptions.cookies?.set(name, value),
        clearCookie: (name) => void callerOptions.cookies?.delete(name),
      }),
    );

  const signUp: TestContext['signUp'] = async (input = {}) => {
    counter += 1;
    const password = input.password ?? 'correct horse battery staple';
    const { user } = await caller().auth.register({
      email: `person${counter}-${Date.now()}@example.com`,
      name: `Person ${counter}`,
      role: 'reader',
      ...input,
      password,
    });
    return { user, caller: caller(user), password };
  };

  const signUpAdmin: TestContext['signUpAdmin'] = async (input = {}) => {
    const signedUp = await signUp(input);
    await testDb.db
      .updateTable('users')
      .set({ isAdmin: true })
      .where('id', '=', signedUp.user.id)
      .execute();
    return { ...signedUp, user: { ...signedUp.user, isAdmin: true } };
  };

  return {
    db: testDb.db,
    config,
    logger,
    inner,
    caller,
    signUp,
    signUpAdmin,
    destroy: () => testDb.destroy(),
  };
}

/** An admin-procedure test's start: a context, and an admin signed up in it (named `Root` unless given). */
export async function contextWithAdmin(
  options: TestContextOptions = {},
  adminInput: Partial<RegisterInput> = { name: 'Root' },
): Promise<{ t: TestContext; admin: Awaited<ReturnType<TestContext['signUpAdmin']>> }> {
  const t = await createTestContext(options);
  return { t, admin: await t.signUpAdmin(adminInput) };
}
