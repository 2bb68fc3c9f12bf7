import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../router.js';
import { startTestServer, type TestClient, type TestServer } from '../testing/index.js';
import { MAX_BATCH_SIZE } from './server.js';

let s: TestServer;
let webDir: string;

beforeAll(async () => {
  // With the web app served, as in production: its catch-all must not take /trpc paths.
  webDir = await mkdtemp(path.join(tmpdir(), 'rolegate-web-'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>Rolegate</title>');
  s = await startTestServer({ webDistDir: webDir });
});
afterAll(async () => {
  await s.close();
  await rm(webDir, { recursive: true, force: true });
});

/** @trpc/client with the web app's link: calls made together go as one batched request. */
function batchClient(client: TestClient) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${s.url}/trpc`,
        maxItems: MAX_BATCH_SIZE,
        fetch: (input, init) => client.fetch(String(input), init as RequestInit),
      }),
    ],
  });
}

/** What every answer under /trpc must be: tRPC's error shape, with the code and status. */
async function expectTrpcError(response: Response, code: string, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as unknown;
  const errors = Array.isArray(body) ? body : [body];
  for (const each of errors) {
    expect(each).toMatchObject({
      error: { message: expect.any(String), code: expect.any(Number), data: { code } },
    });
  }
  return errors as { error: { message: string } }[];
}

const meBatch = (count: number) => Array.from({ length: count }, () => 'auth.me').join(',');
const emptyInputs = (count: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [i, {}])));

describe(`tRPC batches of up to ${MAX_BATCH_SIZE} calls`, () => {
  it('ten auth.login in one POST each get their own answer', async () => {
    const trpc = batchClient(s.client());
    const results = await Promise.allSettled(
      Array.from({ length: MAX_BATCH_SIZE }, (_, i) =>
        trpc.auth.login.mutate({ email: `nobody${i}@example.com`, password: 'not the password' }),
      ),
    );
    expect(results).toHaveLength(MAX_BATCH_SIZE);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = result.status === 'rejected' ? result.reason : null;
      expect(reason).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    }
  });

  it('five account.requestLevel and ten entries.get by GET work through httpBatchLink', async () => {
    const { user, password } = await s.signUp({ role: 'reader' });
    const client = s.client();
    const trpc = batchClient(client);
    await trpc.auth.login.mutate({ email: user.email, password });
    const levels = await Promise.allSettled(
      Array.from({ length: 5 }, () => trpc.account.requestLevel.mutate({ role: 'editor' })),
    );
    // One of the five raises the level; the rest are answered, each in its own words.
    expect(levels.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(0);

    const [mes, lists] = await Promise.all([
      Promise.all(Array.from({ length: MAX_BATCH_SIZE }, () => trpc.auth.me.query())),
      Promise.all(
        Array.from({ length: MAX_BATCH_SIZE }, (_, i) => trpc.entries.list.query({ limit: i + 1 })),
      ),
    ]);
    expect(mes.map((me) => me.user?.id)).toEqual(Array(MAX_BATCH_SIZE).fill(user.id));
    expect(lists.every((page) => Array.isArray(page.entries))).toBe(true);
  });

  it('a batch over the limit is tRPC’s "batch too large", by GET and by POST', async () => {
    const { fetch } = s.client();
    const over = MAX_BATCH_SIZE + 3;
    const byGet = await fetch(
      `/trpc/${meBatch(over)}?batch=1&input=${encodeURIComponent(emptyInputs(over))}`,
    );
    const [getError] = await expectTrpcError(byGet, 'BAD_REQUEST', 400);
    expect(getError?.error.message).toMatch(/batch/i);

    const logins = Array.from({ length: over }, () => 'auth.login').join(',');
    const byPost = await fetch(`/trpc/${logins}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: emptyInputs(over),
    });
    const [postError] = await expectTrpcError(byPost, 'BAD_REQUEST', 400);
    expect(postError?.error.message).toMatch(/batch/i);
  });
});

describe('every answer under /trpc is in tRPC’s shape', () => {
  it('a very long path, by GET and POST, is NOT_FOUND, not a 403 or 414 from fastify', async () => {
    const { fetch } = s.client();
    const long = `/trpc/${'a'.repeat(3000)}`;
    await expectTrpcError(await fetch(long), 'NOT_FOUND', 404);
    await expectTrpcError(
      await fetch(long, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      'NOT_FOUND',
      404,
    );
  });

  it('/trpc and /trpc/ and an unknown procedure answer NOT_FOUND', async () => {
    const { fetch } = s.client();
    for (const url of ['/trpc', '/trpc/', '/trpc/no.such.procedure', '/trpc/..%2f..%2fetc']) {
      await expectTrpcError(
        await fetch(url, { headers: { accept: 'text/html' } }),
        'NOT_FOUND',
        404,
      );
    }
  });

  it('an unsupported method and a body in another content type stay in tRPC’s shape', async () => {
    const { fetch } = s.client();
    const refused = [
      ['/trpc/auth.me', 'PUT', 'application/json', '{}', 'METHOD_NOT_SUPPORTED', 405],
      ['/trpc/auth.login', 'POST', 'text/plain', 'hello', 'UNSUPPORTED_MEDIA_TYPE', 415],
    ] as const;
    for (const [path, method, contentType, body, code, status] of refused) {
      const response = await fetch(path, {
        method,
        headers: { 'content-type': contentType },
        body,
      });
      await expectTrpcError(response, code, status);
    }
  });
});
