import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@rolegate/db';
import { createTestDb, testServerUrl } from '@rolegate/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../testing/built-cli.js';
import { createTestContext, type TestContext } from '../testing/index.js';
import { READER_MADE_ADMIN_BY_CLI } from '../testing/levels.js';
import { runCli } from '../testing/run-cli.js';

let cli: string;
let databaseUrl: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  cli = await ensureCliBuilt();
  if (testServerUrl() !== undefined) {
    const testDb = await createTestDb({ dialect: 'postgres' });
    databaseUrl = testDb.url;
    cleanup = () => testDb.destroy();
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-cli-'));
    databaseUrl = `pglite:${dir}`;
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(() => cleanup());

function rolegate(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return runCli(cli, args, {
    env: {
      DATABASE_URL: databaseUrl,
      EMAIL_BACKEND: 'console',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdin: options.stdin,
  });
}

/** The CLI's database seen from this process, closed again before the next CLI run (PGlite is one process's). */
async function withContext<T>(work: (t: TestContext) => Promise<T>): Promise<T> {
  const t = await createTestContext({ db: await createDb(databaseUrl) });
  try {
    return await work(t);
  } finally {
    await t.destroy();
  }
}

// Each run starts a Node process that opens the database: slow on a busy machine, not a hang.
describe('rolegate CLI', { timeout: 90_000 }, () => {
  it('migrate applies the migrations, then has nothing to do', async () => {
    const first = await rolegate(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await rolegate(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already up to date');
  });

  it('create-admin --password-stdin creates an admin who can then sign in', async () => {
    const run = await rolegate(
      [
        'create-admin',
        '--email',
        'cli-admin@example.com',
        '--name',
        'Cli Admin',
        '--password-stdin',
      ],
      { stdin: 'a password from stdin\n' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Created admin cli-admin@example.com');

    const t = await createTestContext({ db: await createDb(databaseUrl) });
    try {
      const { user } = await t.caller().auth.login({
        email: 'cli-admin@example.com',
        password: 'a password from stdin',
      });
      expect(user).toMatchObject({ isAdmin: true, name: 'Cli Admin', role: 'power' });
    } finally {
      await t.destroy();
    }
  });

  it('create-admin on an existing admin keeps the password unless --reset-password', async () => {
    const args = ['create-admin', '--email', 'cli-admin@example.com', '--password-stdin'];
    const kept = await rolegate(args, { stdin: 'some other password' });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('already an admin');
    expect(kept.stdout).toContain('left unchanged');
    const reset = await rolegate([...args, '--reset-password'], { stdin: 'some other password' });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('password was set');
  });

  it('create-admin refuses an existing account unless its address is verified and its password given (or --reset-password), then makes it admin at power', async () => {
    const { user, password } = await withContext((t) =>
      t.signUp({ email: 'squatted@example.com', role: 'reader' }),
    );
    const levelOf = () =>
      withContext((t) =>
        t.db
          .selectFrom('users')
          .select(['isAdmin', 'role'])
          .where('id', '=', user.id)
          .executeTakeFirst(),
      );
    const args = ['create-admin', '--email', 'squatted@example.com', '--password-stdin'];
    // Never verified: not even its own password makes it admin.
    const unverified = await rolegate(args, { stdin: password });
    expect(unverified.code).toBe(1);
    expect(unverified.stderr).toContain('its address was never verified');
    expect(unverified.stderr).toContain('--reset-password');
    expect(await levelOf()).toEqual({ isAdmin: false, role: 'reader' });

    await withContext((t) =>
      t.db.updateTable('users').set({ emailVerified: true }).where('id', '=', user.id).execute(),
    );
    const refused = await rolegate(args, { stdin: "the operator's password" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('NOT made admin');
    expect(refused.stderr).toContain('the password given is not its password');
    expect(await levelOf()).toEqual({ isAdmin: false, role: 'reader' });

    const promoted = await rolegate(args, { stdin: password });
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('it is now an admin (level power)');
    expect(await levelOf()).toEqual({ isAdmin: true, role: 'power' });
    const audit = await withContext((t) =>
      t.db
        .selectFrom('auditLog')
        .select(['action', 'details'])
        .where('subjectId', '=', user.id)
        .execute(),
    );
    expect(audit).toEqual([READER_MADE_ADMIN_BY_CLI]);
  });

  it('create-admin --reset-password makes an existing account admin with the new password', async () => {
    const { user, password } = await withContext((t) =>
      t.signUp({ email: 'taken-back@example.com' }),
    );
    const run = await rolegate(
      ['create-admin', '--email', user.email, '--password-stdin', '--reset-password'],
      { stdin: 'the operator password' },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sessions were signed out');
    await withContext(async (t) => {
      await expect(t.caller().auth.login({ email: user.email, password })).rejects.toThrow();
      const signedIn = await t.caller().auth.login({
        email: user.email,
        password: 'the operator password',
      });
      expect(signedIn.user).toMatchObject({ isAdmin: true, role: 'power' });
    });
  });

  it('create-admin --password-stdin with nothing on stdin says that no password came', async () => {
    const run = await rolegate(
      ['create-admin', '--email', 'empty@example.com', '--password-stdin'],
      { stdin: '' },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No password came on stdin');
    expect(run.stderr).not.toContain('at least 10 characters');
  });

  it.each([
    [['create-admin'], '--email is required'],
    [['create-admin', '--email', 'nope'], '--email'],
    [['create-admin', '--email', 'x@example.com'], '--password-stdin'],
    [['create-admin', '--email', 'x@example.com', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], 'Unknown command "frobnicate"'],
  ])('exits 2 on wrong usage: %j', async (args, message) => {
    const run = await rolegate(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 1 with the variable named when a setting is wrong', async () => {
    const run = await rolegate(['migrate'], { env: { TRUST_PROXY: 'perhaps' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TRUST_PROXY');
  });

  it('exits 1 when the password is too short', async () => {
    const run = await rolegate(
      ['create-admin', '--email', 'short@example.com', '--password-stdin'],
      {
        stdin: 'short',
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('at least 10 characters');
  });
});
