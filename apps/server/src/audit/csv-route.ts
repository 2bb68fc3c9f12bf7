/**
 * GET /admin/audit.csv: the audit log as a file, with admin.audit's filters in the query string.
 * A plain route, not tRPC: the browser downloads it from a link. The session cookie is checked as
 * adminProcedure does (401 without a session, 403 for anyone but an admin); a GET changes nothing.
 */
import { Readable } from 'node:stream';
import { auditCsvQuery } from '@rolegate/core';
import type { Executor } from '@rolegate/db';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../accounts/session-cookie.js';
import { resolveSession } from '../accounts/sessions.js';
import type { AppConfig } from '../env.js';
import { fieldErrorsOf, summarizeFieldErrors } from '../errors.js';
import { auditCsvChunks } from './csv.js';

export function registerAuditCsvRoute(
  server: FastifyInstance,
  deps: { db: Executor; config: AppConfig; now: () => Date },
): void {
  server.get('/admin/audit.csv', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = request.cookies[SESSION_COOKIE];
    const session =
      token === undefined
        ? null
        : await resolveSession(deps.db, token, deps.now(), deps.config.sessionMaxDays);
    if (session === null) {
      return reply.code(401).type('text/plain; charset=utf-8').send('Sign in as an admin first.\n');
    }
    const { user } = session;
    const unverified = deps.config.emailVerification === 'required' && !user.emailVerified;
    if (!user.isAdmin || unverified) {
      return reply.code(403).type('text/plain; charset=utf-8').send('Only an admin may do this.\n');
    }
    // A form or a hand-made link sends `action=` for "any": an empty parameter is no filter.
    const given = Object.entries(request.query as Record<string, unknown>).filter(
      ([, value]) => value !== '',
    );
    const query = auditCsvQuery.safeParse(Object.fromEntries(given));
    if (!query.success) {
      const fields = fieldErrorsOf(query.error) ?? {};
      return reply
        .code(400)
        .type('application/json; charset=utf-8')
        .send({ error: summarizeFieldErrors(fields), fieldErrors: fields });
    }
    const day = deps.now().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rolegate-audit-${day}.csv"`)
      .send(Readable.from(auditCsvChunks(deps.db, query.data)));
  });
}
