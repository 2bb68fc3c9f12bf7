import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { appRouter } from '../router.js';
import { type Caller, callerError, contextWithAdmin, type TestContext } from '../testing/index.js';
import { type Person, pendingRequestIdOf } from '../testing/levels.js';

let t: TestContext;
let admin: Person;
beforeAll(async () => ({ t, admin } = await contextWithAdmin()));
afterAll(() => t.destroy());

/**
 * The admin procedures a mailed decision link calls: the token in the link is their credential,
 * not a session (decisions/router.ts), so they are checked on their own below.
 */
const LINK_PROCEDURES = ['admin.decisionLink', 'admin.decideByLink'];

/** Every admin.* procedure the app serves, read from the router so a new one is covered at once. */
const adminProcedures = Object.keys(appRouter._def.procedures).filter(
  (path) => path.startsWith('admin.') && !LINK_PROCEDURES.includes(path),
);

/** Calls a procedure by its dotted path; the access checks run before any input is read. */
function callByPath(caller: Caller, path: string): Promise<unknown> {
  const procedure: unknown = path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node === undefined ? undefined : Reflect.get(Object(node), key)),
      caller,
    );
  if (typeof procedure !== 'function') throw new Error(`${path} is not a procedure`);
  return Promise.resolve().then(() => procedure({}));
}

describe('who may call admin.*', () => {
  it('serves the documented admin procedures', () => {
    expect(adminProcedures).toEqual(
      expect.arrayContaining([
        'admin.requests',
        'admin.request',
        'admin.approve',
        'admin.deny',
        'admin.users',
        'admin.audit',
      ]),
    );
  });

  it.each(['reader', 'contributor', 'editor', 'power'] as const)(
    'answers FORBIDDEN to a %s on every admin procedure',
    async (role) => {
      const { caller } = await t.signUp({ role });
      for (const path of adminProcedures) {
        const error = await callerError(callByPath(caller, path));
        expect({ path, code: error.code }).toEqual({ path, code: 'FORBIDDEN' });
      }
    },
  );

  it('answers UNAUTHORIZED without a session on every admin procedure', async () => {
    for (const path of adminProcedures) {
      const error = await callerError(callByPath(t.caller(), path));
      expect({ path, code: error.code }).toEqual({ path, code: 'UNAUTHORIZED' });
    }
  });

  it.each(LINK_PROCEDURES)(
    'answers %s without its token with BAD_REQUEST naming token',
    async (path) => {
      const { caller } = await t.signUp({ role: 'power' });
      for (const who of [t.caller(), caller]) {
        const error = await callerError(callByPath(who, path));
        expect({ path, code: error.code }).toEqual({ path, code: 'BAD_REQUEST' });
        expect(Object.keys(fieldErrorsOf(error.cause) ?? {})).toContain('token');
      }
    },
  );
});

describe('admin.requests, admin.users and bad ids', () => {
  it('filters requests by status', async () => {
    const waiting = await t.signUp({ role: 'power' });
    const decided = await t.signUp({ role: 'power' });
    await admin.caller.admin.deny({ requestId: await pendingRequestIdOf(t.db, decided.user.id) });

    const pending = await admin.caller.admin.requests({ status: 'pending' });
    const denied = await admin.caller.admin.requests({ status: 'denied' });
    const all = await admin.caller.admin.requests();
    expect(pending.requests.map((request) => request.user.id)).toContain(waiting.user.id);
    expect(pending.requests.every((request) => request.status === 'pending')).toBe(true);
    expect(denied.requests.map((request) => request.user.id)).toEqual([decided.user.id]);
    expect(all.requests.length).toBe(pending.requests.length + denied.requests.length);
  });

  it('lists users newest first with their pending request id', async () => {
    const waiting = await t.signUp({ role: 'power' });
    const { users } = await admin.caller.admin.users();
    const createdAts = users.map((user) => user.createdAt);
    expect(createdAts).toEqual([...createdAts].sort().reverse());
    expect(users[0]).toMatchObject({
      id: waiting.user.id,
      role: 'editor',
      pending: true,
      requestedRole: 'power',
      pendingRequestId: await pendingRequestIdOf(t.db, waiting.user.id),
    });
    expect(users.find((user) => user.id === admin.user.id)).toMatchObject({
      isAdmin: true,
      pending: false,
      pendingRequestId: null,
    });
    expect(Object.keys(users[0] ?? {})).not.toContain('passwordHash');
  });

  it('answers NOT_FOUND naming requestId for an unknown request', async () => {
    const unknown = randomUUID();
    for (const attempt of [
      () => admin.caller.admin.approve({ requestId: unknown }),
      () => admin.caller.admin.deny({ requestId: unknown, reason: 'x' }),
    ]) {
      const error = await callerError(attempt());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain(unknown);
      expect(fieldErrorsOf(error.cause)).toHaveProperty('requestId');
    }
  });

  it('answers BAD_REQUEST naming the field for a malformed id, a bad status or an unknown key', async () => {
    const cases = [
      [() => admin.caller.admin.approve({ requestId: 'not-an-id' }), 'requestId'],
      [() => admin.caller.admin.deny({ requestId: '42' }), 'requestId'],
      // @ts-expect-error: the status is checked at runtime too
      [() => admin.caller.admin.requests({ status: 'maybe' }), 'status'],
      // @ts-expect-error: unknown keys are refused, not ignored
      [() => admin.caller.admin.approve({ requestId: randomUUID(), force: true }), 'force'],
    ] as const;
    for (const [attempt, field] of cases) {
      const error = await callerError(attempt());
      expect(error.code).toBe('BAD_REQUEST');
      expect(fieldErrorsOf(error.cause)).toHaveProperty(field);
    }
  });
});
