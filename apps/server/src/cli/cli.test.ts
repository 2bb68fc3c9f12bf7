import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@rolegate/db';
import { createTestDb, testServerUrl } from '@rolegate/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../test-support/built-cli.js';
import { createTestContext } from '../test-support/index.js';
import { runCli } from '../test-support/run-cli.js';

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
