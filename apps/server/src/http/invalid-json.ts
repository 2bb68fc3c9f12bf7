/**
 * A tRPC call whose body is not JSON would be answered with the parser's own words ("Expected
 * property name or '}' in JSON at position 1"). This answers it first, in tRPC's error shape, with
 * what is wrong, where, and what to send instead. Nothing has run, so nothing was written.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trpcErrorBody } from './trpc-error-body.js';

const EXAMPLE = '{"email": "ada@example.com", "password": "…"}';

/** The tRPC route's preValidation hook (trpc-route.ts): fastify hands tRPC JSON bodies unparsed. */
export async function refuseInvalidJson(request: FastifyRequest, reply: FastifyReply) {
  if (typeof request.body !== 'string') return;
  // An empty body is how a mutation without input (auth.logout) is sent.
  if (request.body.trim() === '') return;
  if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) return;
  try {
    JSON.parse(request.body);
  } catch (error) {
    const message = describeInvalidJson(request.body, error);
    request.log.debug({ url: request.url }, message);
    return reply.code(400).send(trpcErrorBody('BAD_REQUEST', 400, message));
  }
}

/**
 * A procedure that takes input, called with no body: tRPC's own parse of "" says only "Unexpected
 * end of JSON input" (the error formatter in trpc.ts asks this module for the words instead).
 */
export function isMissingBody(cause: unknown): boolean {
  return cause instanceof SyntaxError && cause.message.startsWith('Unexpected end of JSON input');
}

export const MISSING_BODY_MESSAGE = `The request has no body: send this procedure's input as a JSON object, e.g. ${EXAMPLE}.`;

/** "The request body is not valid JSON: <why> at line L, column C. Send a JSON object, e.g. …" */
export function describeInvalidJson(body: string, error: unknown): string {
  const detail = error instanceof Error ? whatAndWhere(body, error.message) : '';
  return `The request body is not valid JSON${detail}. Send a JSON object, e.g. ${EXAMPLE}.`;
}

/** V8's JSON.parse messages, reworded; a message in another form gives no detail, not a wrong one. */
function whatAndWhere(body: string, parserMessage: string): string {
  if (parserMessage.startsWith('Unexpected end of JSON input')) {
    return `: it ends too early, ${lineAndColumn(body, body.length)}`;
  }
  const located = /^(.+?) (in|after) JSON at position (\d+)/.exec(parserMessage);
  if (located?.[1] !== undefined && located[3] !== undefined) {
    const what = located[2] === 'after' ? `${located[1]} after the JSON value` : located[1];
    return `: ${lowerFirst(what)} ${lineAndColumn(body, Number(located[3]))}`;
  }
  // V8 gives no position here; the character is named instead.
  const token = /^Unexpected token '(.)'/.exec(parserMessage);
  if (token?.[1] !== undefined) return `: unexpected '${token[1]}'`;
  return '';
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `at line ${before.length}, column ${column} (character ${position + 1})`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
