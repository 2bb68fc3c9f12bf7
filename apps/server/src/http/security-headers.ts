/**
 * Security headers on every answer (docs/architecture.md, "Security"), through helmet: a strict
 * Content-Security-Policy that the built web app satisfies (its scripts and styles are files under
 * /assets/; React sets `style` through the DOM, which CSP allows), no framing, no MIME sniffing, and
 * no Referer to other sites. On tRPC's JSON they are inert but harmless, so they are not scoped.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** Written out in full, not merged with helmet's defaults, so what is sent is what is read here. */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // data: for the empty favicon in index.html (`<link rel="icon" href="data:,">`).
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/**
 * helmet's middleware is built once and run on every request. (@fastify/helmet built a new one,
 * parsing the policy again, for every request: a measurable share of a small answer's CPU in
 * `pnpm bench`, row 4.)
 */
export function registerSecurityHeaders(server: FastifyInstance): void {
  const setSecurityHeaders = helmet({
    // No upgrade-insecure-requests (helmet's default): an app served over plain HTTP, as in
    // development and the tests, would then ask for its own scripts over HTTPS and get nothing.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS belongs to whoever terminates TLS (it pins every subdomain for a year): not set here.
    strictTransportSecurity: false,
  });
  server.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request.raw, reply.raw, (error) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}
