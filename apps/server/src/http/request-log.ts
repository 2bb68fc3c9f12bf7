/**
 * One log line a request, written when it has been answered, with what was asked (method, URL,
 * address) beside the status and the time taken. fastify's default writes a second line as each
 * request arrives; at the rates `pnpm bench` drives (row 4) serializing and writing it was a
 * noticeable share of a request's CPU, for nothing the answered line does not say. Errors are
 * logged as fastify logs them.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const req = {
      method: request.method,
      url: withoutSecrets(request.url),
      remoteAddress: request.ip,
    };
    const fields = { req, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

/**
 * Mailed links carry their secret as `?token=` or, for decision links, as the path after
 * `/decide/`; the page reading a decision link sends it as the `token` of a tRPC query's `input`.
 * The log keeps the page, never the secret.
 */
export function withoutSecrets(url: string): string {
  return url
    .replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
    .replace(/(\/decide\/)[^/?#]+/gi, '$1[redacted]')
    .replace(/(%22token%22(?:%3A|:)(?:%20)*%22)[^%&#]*/gi, '$1[redacted]');
}
