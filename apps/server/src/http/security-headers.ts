/**
 * Security headers on every answer (DESIGN.md, "Security"), through @fastify/helmet: a strict
 * Content-Security-Policy that the built web app satisfies (its scripts and styles are files under
 * /assets/; React sets `style` through the DOM, which CSP allows), no framing, no MIME sniffing, and
 * no Referer to other sites. On tRPC's JSON they are inert but harmless, so they are not scoped.
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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

export async function registerSecurityHeaders(server: FastifyInstance): Promise<void> {
  await server.register(fastifyHelmet, {
    // No upgrade-insecure-requests (helmet's default): an app served over plain HTTP, as in
    // development and the tests, would then ask for its own scripts over HTTPS and get nothing.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS belongs to whoever terminates TLS (it pins every subdomain for a year): not set here.
    strictTransportSecurity: false,
  });
}
