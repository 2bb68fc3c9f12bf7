/**
 * tRPC at `<prefix>/*` on fastify, through tRPC's own `resolveResponse`. tRPC's fastify adapter
 * does the same in fifteen lines around node-http's `incomingMessageToRequest`; this version does
 * less on every request (`pnpm bench`, row 4, where the adapter's glue was about a tenth of auth.me's CPU):
 * - no abort signal of our own: the adapter made one per request and aborted it on every response's
 *   'close', building and dispatching an AbortError each time. It only ever stops subscriptions and
 *   streamed answers, and this API has neither: a query whose caller left runs to its end;
 * - the body fastify already read as a string is handed over as it is;
 * - a JSON answer goes out as one buffer with a Content-Length (fastify would stream tRPC's
 *   Response: chunked, two socket writes). Anything else (an event stream) is streamed.
 */
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { type HTTPErrorHandler, type ResponseMetaFn, resolveResponse } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import type { AppRouter } from '../router.js';
import { refuseInvalidJson } from './invalid-json.js';

export type TrpcErrorDetails = Parameters<HTTPErrorHandler<AppRouter, Request>>[0];

export interface TrpcRouteOptions {
  prefix: string;
  router: AppRouter;
  maxBatchSize: number;
  createContext: (options: CreateFastifyContextOptions) => Promise<Context>;
  onError: (details: TrpcErrorDetails, request: FastifyRequest) => void;
  responseMeta: ResponseMetaFn<AppRouter>;
}

export function registerTrpcRoute(server: FastifyInstance, options: TrpcRouteOptions): void {
  // tRPC parses the JSON itself (and rewords what it cannot parse: invalid-json.ts).
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  // A wildcard, not `:path`: a parameter is cut off at fastify's 100-character limit (414), and a
  // batch of ten calls names ten procedures in its path. Anything under the prefix, however long or
  // odd, is tRPC's to answer, in its own shape (a batch over the limit, an unknown procedure).
  server.all(options.prefix, { preValidation: refuseInvalidJson }, (request, reply) =>
    answer(request, reply, ''),
  );
  server.all<{ Params: { '*': string } }>(
    `${options.prefix}/*`,
    { preValidation: refuseInvalidJson },
    (request, reply) => answer(request, reply, request.params['*']),
  );

  async function answer(request: FastifyRequest, reply: FastifyReply, path: string) {
    const response = await resolveResponse({
      router: options.router,
      path,
      req: toFetchRequest(request),
      error: null,
      maxBatchSize: options.maxBatchSize,
      responseMeta: options.responseMeta,
      createContext: ({ info }) => options.createContext({ req: request, res: reply, info }),
      onError: (details) => options.onError(details, request),
    });
    reply.code(response.status);
    for (const [name, value] of response.headers) reply.header(name, value);
    // tRPC's answers to a request it refuses whole (a batch too large, a missing content type) are
    // JSON too, but their Response carries no type, so fetch would label them text/plain.
    const type = response.headers.get('content-type');
    if (type === null || type.startsWith('application/json') || type.startsWith('text/plain')) {
      reply.header('content-type', 'application/json');
      return reply.send(Buffer.from(await response.arrayBuffer()));
    }
    return reply.send(response.body);
  }
}

function toFetchRequest(request: FastifyRequest): Request {
  // A plain record: Request copies it into its own Headers once (a Headers of ours was copied again).
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(', ');
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(`${request.protocol}://${request.host}${request.url}`, {
    method: request.method,
    headers,
    body: hasBody && typeof request.body === 'string' ? request.body : null,
  });
}
