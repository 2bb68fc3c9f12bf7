/**
 * Attacks (issue 6): cross-site mutations. Every mutation of the router, sent with a signed-in
 * victim's cookie and an input that would succeed, from a foreign, missing, `null` or look-alike
 * Origin — or from our Origin in a form's content type — is refused and changes nothing.
 */
import { describe, expect } from 'vitest';
import { PASSWORD, type Person, reliabilityCase } from '../harness/index.js';
import { signUp } from './accounts.js';
import { guardedCall } from './guarded-call.js';
import { listProcedures, type ProcedureInfo } from './procedures.js';
import { admin, db, stack, tables, useSecurityStack } from './security-stack.js';
import { send } from './wire.js';

let reader: Person;
let mutations: ProcedureInfo[];
/** Inputs each mutation would accept from the victim: the Origin must be the only reason to refuse. */
let samples: Record<string, unknown>;

useSecurityStack(async () => {
  reader = (await signUp(stack.personOptions(), { email: 'victim@csrf.test', role: 'reader' }))
    .person;
  await signUp(stack.personOptions(), { email: 'applicant@csrf.test', role: 'power' });
  await signUp(stack.personOptions(), { email: 'attacker@csrf.test', role: 'reader' });
  const [request] = (await admin.trpc.admin.requests.query({ status: 'pending' })).requests;
  const { entry } = await admin.trpc.entries.save.mutate({ title: 'Kept', body: 'As is.' });
  const { proposal } = await admin.trpc.entries.propose.mutate({ title: 'Idea', body: 'Maybe.' });
  samples = {
    'auth.register': {
      email: 'forged@csrf.test',
      password: PASSWORD,
      name: 'Forged',
      role: 'reader',
    },
    'auth.login': { email: 'attacker@csrf.test', password: PASSWORD },
    'account.requestLevel': { role: 'editor' },
    'admin.approve': { requestId: request?.id },
    'admin.deny': { requestId: request?.id, reason: 'Forged.' },
    'admin.retryMail': { id: crypto.randomUUID() },
    'admin.mailCheck': { sendTo: 'probe@csrf.test' },
    'entries.save': { title: 'Forged', body: 'Forged.' },
    'entries.propose': { title: 'Forged', body: 'Forged.' },
    'entries.review': { proposalId: proposal.id, decision: 'accept' },
    'entries.delete': { id: entry.id, baseVersion: entry.version },
  };
  mutations = (await listProcedures()).filter((procedure) => procedure.type === 'mutation');
});

const baseUrl = () => stack.servers[0]?.url ?? '';

/** The victim's cookie for a procedure: signed out for sign-up and sign-in (login CSRF). */
function victimCookie(path: string): Record<string, string> {
  if (path === 'auth.register' || path === 'auth.login') return {};
  const victim = path.startsWith('account.') ? reader : admin;
  return { cookie: victim.jar.header() ?? '' };
}

async function attempt(procedure: ProcedureInfo, headers: Record<string, string>) {
  const body = JSON.stringify(samples[procedure.path] ?? {});
  const { codes, response } = await guardedCall({ db, tables }, () =>
    send(baseUrl(), { paths: [procedure.path], body, headers }),
  );
  expect(response.headers.getSetCookie(), procedure.path).toEqual([]);
  return codes;
}

describe('attacks: cross-site mutations', () => {
  reliabilityCase(
    'every mutation from a foreign, missing, null or look-alike Origin: 403, nothing changed',
    60_000,
    async (figures) => {
      const app = new URL(stack.appUrl);
      const origins: Array<[string, string | null]> = [
        ['missing', null],
        ['null', 'null'],
        ['foreign', 'http://evil.test'],
        ['look-alike suffix', `${stack.appUrl}.evil.test`],
        ['look-alike userinfo', `http://${app.host}@evil.test`],
        ['https instead of http', `https://${app.host}`],
        ['another port', `http://${app.hostname}:${Number(app.port) + 1}`],
        ['localhost for 127.0.0.1', `http://localhost:${app.port}`],
        ['trailing slash', `${stack.appUrl}/`],
      ];
      let refused = 0;
      for (const procedure of mutations) {
        for (const [label, origin] of origins) {
          const headers: Record<string, string> = {
            'content-type': 'application/json',
            ...victimCookie(procedure.path),
            ...(origin === null ? {} : { origin }),
          };
          const codes = await attempt(procedure, headers);
          expect(codes, `${label} → ${procedure.path}`).toEqual(['FORBIDDEN']);
          refused++;
        }
        // No Origin but a same-site Referer is still refused: Origin is what is checked.
        const viaReferer = await attempt(procedure, {
          'content-type': 'application/json',
          referer: `${stack.appUrl}/admin`,
          ...victimCookie(procedure.path),
        });
        expect(viaReferer, `referer only → ${procedure.path}`).toEqual(['FORBIDDEN']);
        refused++;
      }
      figures.mutations = mutations.length;
      figures.originsTried = origins.length + 1;
      figures.refused = refused;
    },
  );

  reliabilityCase(
    'every mutation from our Origin but in a form content type: 415, nothing changed',
    60_000,
    async (figures) => {
      const types = [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ];
      let refused = 0;
      for (const procedure of mutations) {
        for (const type of types) {
          const codes = await attempt(procedure, {
            'content-type': type,
            origin: stack.appUrl,
            ...victimCookie(procedure.path),
          });
          expect(codes, `${type} → ${procedure.path}`).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
          refused++;
        }
      }
      figures.refused = refused;
    },
  );

  reliabilityCase(
    'after the forged calls the victims are untouched, and the same calls from our Origin work',
    30_000,
    async (figures) => {
      expect((await admin.trpc.auth.me.query()).user?.isAdmin).toBe(true);
      expect((await reader.trpc.auth.me.query()).user?.role).toBe('reader');
      const users = await db.selectFrom('users').select('email').execute();
      expect(users.map((user) => user.email)).not.toContain('forged@csrf.test');
      // Control: with the right Origin the very same request is accepted.
      const { codes } = await guardedCall({ db, tables }, () =>
        send(baseUrl(), {
          paths: ['entries.save'],
          body: JSON.stringify(samples['entries.save']),
          headers: {
            'content-type': 'application/json',
            origin: stack.appUrl,
            ...victimCookie('entries.save'),
          },
        }),
      );
      expect(codes).toEqual(['ok']);
      figures.adminStillSignedIn = true;
      figures.controlFromAppOrigin = 'ok';
    },
  );
});
