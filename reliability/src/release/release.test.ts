/**
 * The release folder (`pnpm release`, decision 020) as an operator runs it: written into a
 * temporary folder outside the checkout, so nothing can resolve from the workspace, and started
 * with `node main.js` and only its settings, on a fresh PGlite and, when the run has Postgres, on
 * a fresh Postgres database.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ServerProcess, startBuiltServer } from '@rolegate/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseDatabase, person, postgresServerUrl } from '../harness/index.js';

const RELEASE_SCRIPT = fileURLToPath(new URL('../../../scripts/release.mjs', import.meta.url));

let releaseDir: string;

beforeAll(async () => {
  releaseDir = await mkdtemp(path.join(tmpdir(), 'rolegate-release-'));
  await promisify(execFile)(process.execPath, [RELEASE_SCRIPT, releaseDir]);
}, 120_000);
afterAll(async () => {
  await rm(releaseDir, { recursive: true, force: true });
});

it('holds the server, the built web app and the migrations, and no development package', () => {
  for (const file of [
    'main.js',
    'rolegate.js',
    'dist/main.js',
    'web/index.html',
    'node_modules/@rolegate/db/dist/migrations/index.js',
  ]) {
    expect(existsSync(path.join(releaseDir, file)), file).toBe(true);
  }
  const installed = readdirSync(path.join(releaseDir, 'node_modules', '.pnpm'));
  expect(installed.length).toBeGreaterThan(10);
  for (const development of ['vitest@', 'typescript@', 'tsx@', '@rolegate+testkit', 'vite@']) {
    expect(installed.filter((name) => name.startsWith(development))).toEqual([]);
  }
});

const dialects = postgresServerUrl() === null ? ['pglite'] : ['pglite', 'postgres'];

describe.each(dialects)('node main.js on a fresh %s database', (dialect) => {
  let server: ServerProcess;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    let databaseUrl: string;
    if (dialect === 'postgres') {
      const database = await createCaseDatabase();
      databaseUrl = database.url;
      dropDatabase = database.drop;
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'rolegate-release-pglite-'));
      databaseUrl = `pglite:${dir}`;
      dropDatabase = () => rm(dir, { recursive: true, force: true });
    }
    server = await startBuiltServer(
      { DATABASE_URL: databaseUrl },
      { label: `release on ${dialect}`, ownOrigin: true, main: path.join(releaseDir, 'main.js') },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await dropDatabase?.();
  });

  it('answers /healthz and serves the web app', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const page = await fetch(`${server.url}/register`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('signs a person up over tRPC, and knows them on the next request', async () => {
    const newcomer = person({ baseUrl: server.url });
    const { user } = await newcomer.trpc.auth.register.mutate({
      email: `release-${dialect}@example.com`,
      password: 'a long enough passphrase',
      name: 'Release Check',
      role: 'contributor',
    });
    expect(user).toMatchObject({ email: `release-${dialect}@example.com`, role: 'contributor' });
    expect((await newcomer.trpc.auth.me.query()).user?.id).toBe(user.id);
  });
});
