/**
 * How a connection ends after the server refused a request before reading all of it: a URL or
 * headers over Node's 16 KB limit (431), a request Node cannot parse (400), a body over the size
 * limit (413). fastify answered and then closed at once, while the client was still sending: the
 * kernel answers a close with unread data by a reset, which can reach the client before it has read
 * the answer ("read ECONNRESET"), and fastify's 431/400 even came without `Connection: close`, so
 * a client could send its next request down a connection that was already gone.
 *
 * Here the answer says `Connection: close` when the connection will close, and what the client is
 * still sending is read and thrown away before the connection is closed (a "lingering close", as
 * nginx and Apache do), within bounds: at most DRAIN_MAX_MS, and for a body only when its declared
 * length is at most DRAIN_MAX_BYTES. Beyond those the connection is cut, as before.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trpcErrorBody } from './trpc-error-body.js';

/** A refused body declared up to this size is read to its end, so the connection stays usable. */
export const DRAIN_MAX_BYTES = 2 * 1024 * 1024;
/** The longest the server goes on reading after an answer before it cuts the connection. */
export const DRAIN_MAX_MS = 5_000;

const answered = new WeakSet<Socket>();

/**
 * fastify's `clientErrorHandler`: the answer (in tRPC's error shape, as every answer under /trpc
 * is) with `Connection: close`, then the write side closed and the rest of the request read (Node's
 * parser keeps consuming and discarding it) until the client closes, or DRAIN_MAX_MS.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer; a second parse error on the same socket (the parser
  // reports one per chunk it is still fed) was already answered.
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const message =
    status === 431
      ? 'The URL and headers are over 16 KB: send large input in a POST body.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify(
    trpcErrorBody(status === 408 ? 'TIMEOUT' : 'BAD_REQUEST', status, message),
  );
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  cutAfter(socket, DRAIN_MAX_MS);
}

/**
 * For an error answer to a request whose body was not read (fastify marks those `Connection:
 * close`): when the body's declared length is small enough, keep the connection, so Node reads the
 * rest of the body and throws it away once the answer is sent, and the client can read the answer
 * and go on. A chunked body, or one declared larger, is cut off after the answer, as fastify does.
 */
export function drainRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  if (raw.complete) return;
  const declared = Number(raw.headers['content-length']);
  if (!Number.isSafeInteger(declared) || declared > DRAIN_MAX_BYTES) return;
  reply.removeHeader('connection');
  const cut = cutAfter(raw.socket, DRAIN_MAX_MS);
  raw.once('end', cut.cancel);
}

function cutAfter(socket: Socket, ms: number): { cancel: () => void } {
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  const cancel = () => clearTimeout(timer);
  socket.once('close', cancel);
  return { cancel };
}
