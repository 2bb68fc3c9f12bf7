/**
 * tRPC over raw HTTP, the way an attacker or a broken client talks to the server: any method, any
 * body, any headers, batches and GET encodings built by hand. Answers are checked against the
 * shape of a typed tRPC error, not trusted.
 */
import { request as httpRequest } from 'node:http';
import { z } from 'zod';

/** The codes the server may answer with (TRPC_ERROR_CODE_KEY); anything else is untyped. */
export const TRPC_CODES = [
  'PARSE_ERROR',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'PAYMENT_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'TIMEOUT',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE_CONTENT',
  'PRECONDITION_REQUIRED',
  'TOO_MANY_REQUESTS',
  'CLIENT_CLOSED_REQUEST',
  'INTERNAL_SERVER_ERROR',
  'NOT_IMPLEMENTED',
  'BAD_GATEWAY',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
] as const;

/** One error as the server's errorFormatter shapes it (apps/server/src/trpc.ts). */
export const trpcErrorSchema = z.strictObject({
  error: z.strictObject({
    message: z.string().min(1),
    code: z.number().int(),
    data: z.looseObject({
      code: z.enum(TRPC_CODES),
      httpStatus: z.number().int(),
      path: z.string().optional(),
      fieldErrors: z.record(z.string(), z.array(z.string())).nullable(),
      retryAfterSeconds: z.number().nullable(),
    }),
  }),
});
export type TrpcErrorBody = z.infer<typeof trpcErrorSchema>;
export type TrpcError = TrpcErrorBody['error'];

const trpcResultSchema = z.strictObject({ result: z.strictObject({ data: z.unknown() }) });

/** One call's answer inside a response: a result, a typed error, or something untyped. */
export type Outcome =
  | { kind: 'result'; data: unknown }
  | { kind: 'error'; error: TrpcError }
  | { kind: 'untyped'; body: unknown };

export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** Each call's outcome: one for a single call, one per item of a batch. */
  outcomes: Outcome[];
}

export interface WireRequest {
  method?: string;
  /** Procedure paths; more than one (or `batch: true`) makes a batch request. */
  paths: readonly string[];
  batch?: boolean;
  /** Extra query string, already encoded (e.g. `input=%7B`). */
  query?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export function trpcPath({ paths, batch, query }: Pick<WireRequest, 'paths' | 'batch' | 'query'>) {
  const params = [batch || paths.length > 1 ? 'batch=1' : '', query ?? ''].filter(Boolean);
  return `/trpc/${paths.join(',')}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

/** Sends one hand-built request to `baseUrl` (http://127.0.0.1:<port>) and classifies the answer. */
export async function send(baseUrl: string, request: WireRequest): Promise<WireResponse> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const path = trpcPath(request);
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  }).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new Error(
      `${method} ${path.slice(0, 80)} (${path.length} chars, body ${request.body?.length ?? 0}) got no answer: ${String(error)} ${cause}`,
    );
  });
  const text = await response.text();
  return classify(response.status, response.headers, text);
}

/**
 * send(), but from a chosen source address of this machine (`127.0.0.x`): the server sees a
 * different client, as a person on another network would be (fetch cannot bind its socket).
 */
export function sendFrom(
  localAddress: string,
  baseUrl: string,
  request: WireRequest,
): Promise<WireResponse> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(trpcPath(request), baseUrl),
      { method, headers: request.headers, localAddress, agent: false, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const item of Array.isArray(value) ? value : [value ?? ''])
              headers.append(name, item);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(classify(response.statusCode ?? 0, headers, text));
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${baseUrl} in 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

export function classify(status: number, headers: Headers, text: string): WireResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const items = Array.isArray(json) ? json : [json];
  return { status, headers, text, json, outcomes: items.map(outcomeOf) };
}

function outcomeOf(item: unknown): Outcome {
  const error = trpcErrorSchema.safeParse(item);
  if (error.success) return { kind: 'error', error: error.data.error };
  const result = trpcResultSchema.safeParse(item);
  if (result.success) return { kind: 'result', data: result.data.result.data };
  return { kind: 'untyped', body: item };
}

/** JSON body helpers: the Origin a browser on APP_URL sends, and the JSON content type. */
export function jsonHeaders(origin: string, extra: Record<string, string> = {}) {
  return { 'content-type': 'application/json', origin, ...extra };
}

export function queryInput(value: unknown): string {
  return `input=${encodeURIComponent(JSON.stringify(value))}`;
}

/** Short description of a response for a failing assertion's message. */
export function describe(response: WireResponse): string {
  return `HTTP ${response.status}: ${response.text.slice(0, 400)}`;
}
