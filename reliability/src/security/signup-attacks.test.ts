/**
 * Attacks (issue 6): signing up as `admin`, or smuggling `isAdmin`, `role` and other keys into a
 * sign-up or a level request. Each must be refused with the offending field named, no account and
 * no session made, and no admin but the one from ROLEGATE_ADMIN_EMAIL.
 */
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { PASSWORD, reliabilityCase } from '../harness/index.js';
import { signUp } from './accounts.js';
import { guardedCall } from './guarded-call.js';
import { db, stack, tables, useSecurityStack } from './security-stack.js';
import { jsonHeaders, send, type WireResponse } from './wire.js';

useSecurityStack();

const baseUrl = () => stack.servers[0]?.url ?? '';
const EMAIL = 'mallory@attack.test';
const base = { email: EMAIL, password: PASSWORD, name: 'Mallory', role: 'reader' };

/** [what is tried, the JSON body, the field the refusal must name] */
const SMUGGLED: Array<[string, string, string]> = [
  ['role admin', JSON.stringify({ ...base, role: 'admin' }), 'role'],
  ['role Admin', JSON.stringify({ ...base, role: 'Admin' }), 'role'],
  ['role "power " with a space', JSON.stringify({ ...base, role: 'power ' }), 'role'],
  ['role as a list', JSON.stringify({ ...base, role: ['reader', 'admin'] }), 'role'],
  ['role as an object', JSON.stringify({ ...base, role: { name: 'admin' } }), 'role'],
  ['role missing', JSON.stringify({ ...base, role: undefined }), 'role'],
  ['isAdmin: true', JSON.stringify({ ...base, isAdmin: true }), 'isAdmin'],
  ['isAdmin: "true"', JSON.stringify({ ...base, isAdmin: 'true' }), 'isAdmin'],
  ['is_admin: 1', JSON.stringify({ ...base, is_admin: 1 }), 'is_admin'],
  ['admin: true', JSON.stringify({ ...base, admin: true }), 'admin'],
  ['requestedRole: power', JSON.stringify({ ...base, requestedRole: 'power' }), 'requestedRole'],
  [
    'pending: false on power',
    JSON.stringify({ ...base, role: 'power', pending: false }),
    'pending',
  ],
  ['user: { isAdmin }', JSON.stringify({ ...base, user: { isAdmin: true } }), 'user'],
  ['an id of our choosing', JSON.stringify({ ...base, id: crypto.randomUUID() }), 'id'],
  [
    '__proto__: { isAdmin }',
    `{"__proto__":{"isAdmin":true},${JSON.stringify(base).slice(1)}`,
    '__proto__',
  ],
  [
    'constructor.prototype',
    JSON.stringify({ ...base, constructor: { prototype: { isAdmin: true } } }),
    'constructor',
  ],
  ['role twice, admin last', `${JSON.stringify(base).slice(0, -1)},"role":"admin"}`, 'role'],
];

function named(response: WireResponse, field: string): boolean {
  const outcome = response.outcomes[0];
  if (outcome?.kind !== 'error') return false;
  return (
    outcome.error.data.code === 'BAD_REQUEST' &&
    outcome.error.data.fieldErrors?.[field] !== undefined &&
    outcome.error.message.includes(field)
  );
}

async function adminCount(): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from users where is_admin`.execute(db);
  return rows[0]?.n ?? -1;
}

describe('attacks: sign-up as admin, smuggled keys', () => {
  reliabilityCase(
    'sign-up as admin or with isAdmin/role/extra keys: refused naming the key, no account, no cookie',
    60_000,
    async (figures) => {
      const headers = jsonHeaders(stack.appUrl);
      for (const [label, body, field] of SMUGGLED) {
        const { response } = await guardedCall({ db, tables }, () =>
          send(baseUrl(), { paths: ['auth.register'], body, headers }),
        );
        expect(named(response, field), `${label}: ${response.text.slice(0, 300)}`).toBe(true);
        expect(response.headers.getSetCookie(), label).toEqual([]);
      }
      // The same keys inside a batch, and a second copy of the input in the query string.
      const batch = JSON.stringify({
        0: { ...base, isAdmin: true },
        1: { ...base, role: 'admin' },
      });
      const { codes } = await guardedCall({ db, tables }, () =>
        send(baseUrl(), { paths: ['auth.register', 'auth.register'], body: batch, headers }),
      );
      expect(codes).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
      const users = await db.selectFrom('users').select('email').execute();
      expect(users.map((user) => user.email)).not.toContain(EMAIL);
      expect(await adminCount()).toBe(1);
      figures.attempts = SMUGGLED.length + 2;
      figures.refusedNamingTheKey = SMUGGLED.length;
      figures.admins = await adminCount();
    },
  );

  reliabilityCase(
    'an input smuggled in the query string of a POST is ignored: the account is a plain reader',
    30_000,
    async (figures) => {
      const query = `input=${encodeURIComponent(JSON.stringify({ ...base, isAdmin: true, role: 'power' }))}`;
      const body = JSON.stringify({ ...base, email: 'query@attack.test' });
      const response = await send(baseUrl(), {
        paths: ['auth.register'],
        query,
        body,
        headers: jsonHeaders(stack.appUrl),
      });
      expect(response.outcomes[0]).toMatchObject({
        kind: 'result',
        data: { user: { role: 'reader', isAdmin: false, requestedRole: null } },
      });
      expect(await adminCount()).toBe(1);
      figures.role = 'reader';
      figures.admins = 1;
    },
  );

  reliabilityCase(
    'account.requestLevel: admin, unknown levels and extra keys are refused; nothing changes',
    30_000,
    async (figures) => {
      const { person: reader } = await signUp(stack.personOptions(), {
        email: 'rita@attack.test',
        role: 'reader',
      });
      const cookie = reader.jar.header() ?? '';
      const headers = jsonHeaders(stack.appUrl, { cookie });
      const attempts: Array<[Record<string, unknown>, string]> = [
        [{ role: 'admin' }, 'role'],
        [{ role: 'superuser' }, 'role'],
        [{ role: 'power', isAdmin: true }, 'isAdmin'],
        [{ role: 'editor', userId: crypto.randomUUID() }, 'userId'],
        [{ role: 'power', status: 'approved' }, 'status'],
      ];
      for (const [input, field] of attempts) {
        const { response } = await guardedCall({ db, tables }, () =>
          send(baseUrl(), {
            paths: ['account.requestLevel'],
            body: JSON.stringify(input),
            headers,
          }),
        );
        expect(named(response, field), response.text.slice(0, 300)).toBe(true);
      }
      const me = await reader.trpc.auth.me.query();
      expect(me.user).toMatchObject({ role: 'reader', isAdmin: false, pending: false });
      figures.refused = attempts.length;
    },
  );
});
