/**
 * The HTTP server: tRPC at /trpc, /healthz, /admin/audit.csv, and the built web app when apps/web/dist exists, all
 * with security headers (security-headers.ts).
 * Bodies over BODY_LIMIT_BYTES are refused with 413 before they are parsed.
 */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { Executor } from '@rolegate/db';
import { deliversMail } from '@rolegate/mail';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { registerAuditCsvRoute } from '../audit/csv-route.js';
import { createContext, createContextInner } from '../context.js';
import type { AppConfig } from '../env.js';
import { internalErrorMessage, RateLimited } from '../errors.js';
import { levelRequestsReachNobody } from '../notifications/level-request-audience.js';
import { getMailStatus } from '../outbox/status.js';
import { appRouter } from '../router.js';
import { answerClientError, drainRefusedBody } from './refused-connections.js';
import { OneLinePerRequest } from './request-log.js';
import { registerSecurityHeaders } from './security-headers.js';
import { trpcErrorBody } from './trpc-error-body.js';
import { registerTrpcRoute } from './trpc-route.js';
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
    // Unique across restarts and processes: an internal error's message names it, and the operator
    // finds the details under it in the log of whichever process answered.
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
    clientErrorHandler: answerClientError,
  });
  server.setErrorHandler(typedTransportErrors);
  registerSecurityHeaders(server);
  await server.register(fastifyCookie);

  const inner = createContextInner({ db: deps.db, config, logger: deps.logger, now: deps.now });
  registerTrpcRoute(server, {
    prefix: '/trpc',
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: (options) => createContext(inner, options),
    onError({ error, path }, request) {
      // Bad input and refused access are the caller's business; only the unexpected is logged loudly.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        request.log.error({ err: error, path }, 'procedure failed');
      else request.log.debug({ code: error.code, path }, error.message);
    },
    responseMeta({ errors }) {
      const limited = errors.find((error) => error.cause instanceof RateLimited)?.cause;
      return limited instanceof RateLimited
        ? { headers: { 'retry-after': String(limited.retryAfterSeconds) } }
        : {};
    },
  });

  server.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ ok: false, database: 'unreachable' });
    }
    // Mail failing does not make the app unhealthy (sign-ups still work); it is reported, not fatal.
    // A status that cannot be read is `unknown`, never `ok`.
    if (!deliversMail(config.mail)) return { ok: true, mail: 'not delivered' };
    const mail = await getMailStatus(deps.db).catch((error: unknown) => {
      request.log.error({ err: error }, 'health check: mail status unreadable');
      return null;
    });
    if (mail === null) return { ok: true, mail: 'unknown' };
    if (mail.failing) return { ok: true, mail: 'degraded' };
    // Mail works, but a level request would reach nobody (no ADMINS, no admin account gets them).
    const nobody = await levelRequestsReachNobody(deps.db, config).catch((error: unknown) => {
      request.log.error({ err: error }, 'health check: admin accounts unreadable');
      return null;
    });
    return { ok: true, mail: nobody === null ? 'unknown' : nobody ? 'no recipients' : 'ok' };
  });

  registerAuditCsvRoute(server, { db: deps.db, config, now: inner.now });
  await registerWebApp(server, deps.webDistDir);
  return server;
}

/** What fastify refuses before tRPC parses anything, as the tRPC code a client understands. */
const TRANSPORT_CODES: Partial<Record<number, TRPC_ERROR_CODE_KEY>> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * A body over BODY_LIMIT_BYTES or in a content type fastify has no parser for never reaches tRPC:
 * answer it, and anything else fastify refuses under /trpc, in tRPC's error shape anyway, so a
 * client gets a typed error, never fastify's own JSON.
 * A failure of the server itself is logged in full and answered with a sentence and the request id.
 */
function typedTransportErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?', 1)[0] ?? '';
  if (path !== '/trpc' && !path.startsWith('/trpc/')) throw error;
  const status = error.statusCode ?? 500;
  const code = TRANSPORT_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  if (status >= 500) request.log.error({ err: error }, 'request failed before tRPC');
  const message =
    status === 413
      ? `The request body is over the ${BODY_LIMIT_BYTES / 1024} KB limit.`
      : status === 415
        ? 'Send tRPC calls as JSON (Content-Type: application/json).'
        : status >= 500
          ? internalErrorMessage(request.id)
          : error.message;
  drainRefusedBody(request, reply);
  return reply.code(status).send(trpcErrorBody(code, status, message));
}
