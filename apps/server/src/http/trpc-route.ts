/**
 * tRPC at `<prefix>/:path` on fastify, through tRPC's own `resolveResponse`. tRPC's fastify adapter
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
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

  const route = `${options.prefix}/:path`;
  server.all<{ Params: { path: string } }>(
    route,
    { preValidation: refuseInvalidJson },
    async (request, reply) => {
      const response = await resolveResponse({
        router: options.router,
        path: request.params.path,
        req: toFetchRequest(request),
        error: null,
        maxBatchSize: options.maxBatchSize,
        responseMeta: options.responseMeta,
        createContext: ({ info }) => options.createContext({ req: request, res: reply, info }),
        onError: (details) => options.onError(details, request),
      });
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      if (response.headers.get('content-type')?.startsWith('application/json')) {
        return reply.send(Buffer.from(await response.arrayBuffer()));
      }
      return reply.send(response.body);
    },
  );
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
