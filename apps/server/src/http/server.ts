/**
 * The HTTP server: tRPC at /trpc, /healthz, and the built web app when apps/web/dist exists.
 * Bodies over BODY_LIMIT_BYTES are refused with 413 before they are parsed.
 */
import fastifyCookie from '@fastify/cookie';
import type { Executor } from '@rolegate/db';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { createContext, createContextInner } from '../context.js';
import type { AppConfig } from '../env.js';
import { RateLimited } from '../errors.js';
import { getMailStatus } from '../outbox/status.js';
import { type AppRouter, appRouter } from '../router.js';
import { registerWebApp } from './web-app.js';

export const BODY_LIMIT_BYTES = 100 * 1024;
/** Calls in one batched request; the web app's httpBatchLink uses the same limit. */
export const MAX_BATCH_SIZE = 10;

export interface ServerDeps {
  db: Executor;
  logger: Logger;
  /** Where the built web app lives; default apps/web/dist beside this package. null: serve none. */
  webDistDir?: string | null;
  now?: () => Date;
}

export async function buildServer(config: AppConfig, deps: ServerDeps): Promise<FastifyInstance> {
  // Typed as fastify's logger so the instance keeps fastify's default type parameters.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const server = Fastify({
    loggerInstance,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only behind a proxy you run: otherwise anyone could pick their rate-limit key.
    trustProxy: config.trustProxy,
    requestIdHeader: false,
  });
  await server.register(fastifyCookie);

  const inner = createContextInner({ db: deps.db, config, logger: deps.logger, now: deps.now });
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: (options) => createContext(inner, options),
    onError({ error, path, req }) {
      // Bad input and refused access are the caller's business; only the unexpected is logged loudly.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        req.log.error({ err: error, path }, 'procedure failed');
      else req.log.debug({ code: error.code, path }, error.message);
    },
    responseMeta({ errors }) {
      const limited = errors.find((error) => error.cause instanceof RateLimited)?.cause;
      return limited instanceof RateLimited
        ? { headers: { 'retry-after': String(limited.retryAfterSeconds) } }
        : {};
    },
  };
  await server.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });

  server.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ ok: false, database: 'unreachable' });
    }
    // Mail failing does not make the app unhealthy (sign-ups still work); it is reported, not fatal.
    const mail = await getMailStatus(deps.db).catch(() => null);
    return { ok: true, mail: mail?.failing ? 'degraded' : 'ok' };
  });

  await registerWebApp(server, deps.webDistDir);
  return server;
}
