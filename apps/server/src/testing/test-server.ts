/**
 * A real HTTP server on port 0 for tests through @trpc/client, with its own fresh database.
 *
 *   const server = await startTestServer();
 *   afterAll(() => server.close());
 *   const { trpc, jar } = server.client();
 *   await trpc.auth.register.mutate({ ... });   // jar now holds rolegate_session
 */

import { CookieJar } from '@rolegate/testkit';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../env.js';
import { createLogger } from '../http/logger.js';
import { buildServer } from '../http/server.js';
import type { AppRouter } from '../router.js';
import { createTestContext, type TestContext, type TestContextOptions } from './test-context.js';

export interface TestClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  jar: CookieJar;
  /** fetch against the server that sends and keeps the jar's cookies (for raw HTTP checks). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestServer extends TestContext {
  url: string;
  server: FastifyInstance;
  /** A client with its own cookie jar; `origin` defaults to APP_URL's (null: send none). */
  client(options?: { origin?: string | null; headers?: Record<string, string> }): TestClient;
  close(): Promise<void>;
}

export async function startTestServer(
  options: TestContextOptions & { webDistDir?: string | null } = {},
): Promise<TestServer> {
  const context = await createTestContext(options);
  const server = await buildServer(context.config, {
    db: context.db,
    logger: context.logger,
    webDistDir: options.webDistDir ?? null,
    now: context.inner.now,
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  const client: TestServer['client'] = (clientOptions = {}) => {
    const jar = new CookieJar();
    const origin =
      clientOptions.origin === undefined ? context.config.appOrigin : clientOptions.origin;
    const jarFetch = async (path: string, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(clientOptions.headers ?? {})) {
        headers.set(name, value);
      }
      if (origin !== null && !headers.has('origin')) headers.set('origin', origin);
      const cookie = jar.header();
      if (cookie !== undefined) headers.set('cookie', cookie);
      const response = await fetch(new URL(path, url), { ...init, headers });
      jar.store(response.headers);
      return response;
    };
    const trpc = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${url}/trpc`,
          fetch: (input, init) => jarFetch(String(input), init as RequestInit),
        }),
      ],
    });
    return { trpc, jar, fetch: jarFetch };
  };

  return {
    ...context,
    url,
    server,
    client,
    close: async () => {
      await server.close();
      await context.destroy();
    },
  };
}

/** A test server whose own logger, at `logLevel`, writes each line into `logLines` (for log checks). */
export interface LoggedTestServer extends TestServer {
  logLines: string[];
}

export async function startLoggedTestServer(
  logLevel: AppConfig['logLevel'],
): Promise<LoggedTestServer> {
  const logLines: string[] = [];
  const logger = createLogger({ logLevel }, { write: (line: string) => void logLines.push(line) });
  return { ...(await startTestServer({ logger })), logLines };
}
