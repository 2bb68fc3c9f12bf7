/**
 * tRPC's fastify adapter answers with a fetch Response, which fastify streams: chunked, the body
 * and then the closing chunk, each its own socket write. tRPC's JSON answers are complete when
 * they are handed over and small, so they go out as one buffer with a Content-Length: one write
 * (`pnpm bench`, row 4). Anything else (an event stream, streamed JSON lines) is streamed as before.
 */
import type { FastifyInstance } from 'fastify';

export function sendJsonResponsesInOnePiece(server: FastifyInstance): void {
  server.addHook('onSend', async (_request, reply, payload) => {
    if (!(payload instanceof Response)) return payload;
    if (!payload.headers.get('content-type')?.startsWith('application/json')) return payload;
    // What fastify does with a Response, minus the streaming.
    reply.code(payload.status);
    for (const [name, value] of payload.headers) reply.header(name, value);
    return Buffer.from(await payload.arrayBuffer());
  });
}
