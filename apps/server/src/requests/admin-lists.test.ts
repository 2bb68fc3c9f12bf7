import { randomUUID } from 'node:crypto';
import { ADMIN_PAGE_DEFAULT, ADMIN_PAGE_MAX } from '@rolegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyPage } from '../testing/expectations.js';
import {
  clientError,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/index.js';
import {
  insertPendingRequests,
  insertPeople,
  type SeededPerson,
  signedInClient,
} from '../testing/seeded-rows.js';

let s: TestServer;
let admin: TestClient & { userId: string };
let trpc: TestClient['trpc'];
/** Seeded in three batches; each batch shares one creation time, so ids break the ties. */
const seeded: SeededPerson[] = [];
const seededRequests: string[] = [];

/** 60, 50 and 40 people, each with a pending request. */
const BATCHES = [60, 50, 40];

beforeAll(async () => {
  s = await startTestServer();
  admin = await signedInClient(s, { admin: true, name: 'Root Admin' });
  ({ trpc } = admin);
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let batch = 0; batch < 3; batch++) {
    const at = new Date(base + batch * 60_000);
    const people = await insertPeople(
      s.db,
      Array.from({ length: BATCHES[batch] ?? 0 }, (_, i) => ({
        name: `Seed ${batch}-${i}`,
        email: `seed-${batch}-${i}@seed.test`,
      })),
      at,
    );
    seeded.push(...people);
    seededRequests.push(
      ...(await insertPendingRequests(
        s.db,
        people.map((person) => person.id),
        at,
      )),
    );
  }
});
afterAll(() => s.close());

describe('admin.requests and admin.users page with cursors', () => {
  it('walks every request exactly once while new ones arrive between pages', async () => {
    let arrivals = 0;
    const pages = await everyPage(async (cursor) => {
      const page = await trpc.admin.requests.query({ status: 'pending', limit: 17, cursor });
      // A newcomer is newer than every cursor: it belongs before the first page, never in a later one.
      const [late] = await insertPeople(
        s.db,
        [{ name: `Late ${arrivals}`, email: `late-${arrivals}@seed.test` }],
        new Date(),
      );
      arrivals += 1;
      await insertPendingRequests(s.db, [late?.id ?? ''], new Date());
      return page;
    });
    const rows = pages.flatMap((page) => page.requests);
    const ids = rows.map((request) => request.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...seededRequests].sort());
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.slice(0, -1).every((page) => page.requests.length === 17)).toBe(true);
    const createdAts = rows.map((request) => request.createdAt);
    expect(createdAts).toEqual([...createdAts].sort().reverse());
  });

  it('walks every person exactly once while new people sign up between pages', async () => {
    const before = new Set(
      (await s.db.selectFrom('users').select('id').execute()).map((row) => row.id),
    );
    let arrivals = 0;
    const pages = await everyPage(async (cursor) => {
      const page = await trpc.admin.users.query({ limit: 23, cursor });
      await insertPeople(
        s.db,
        [{ name: `Newcomer ${arrivals}`, email: `newcomer-${arrivals++}@seed.test` }],
        new Date(),
      );
      return page;
    });
    const ids = pages.flatMap((page) => page.users.map((user) => user.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(before);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('answers 50 by default and at most 200, with nextCursor null on the last page', async () => {
    const first = await trpc.admin.users.query();
    expect(first.users).toHaveLength(ADMIN_PAGE_DEFAULT);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all = await trpc.admin.users.query({ limit: ADMIN_PAGE_MAX });
    const total = await s.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(all.users).toHaveLength(Math.min(Number(total.n), ADMIN_PAGE_MAX));
  });

  it('refuses a limit out of range and a cursor that is not one of ours, naming the field', async () => {
    type UsersInput = Parameters<typeof trpc.admin.users.query>[0];
    const refused: [() => Promise<unknown>, string][] = [
      [() => trpc.admin.users.query({ limit: 0 }), 'limit'],
      [() => trpc.admin.users.query({ limit: ADMIN_PAGE_MAX + 1 }), 'limit'],
      [() => trpc.admin.requests.query({ limit: 2.5 }), 'limit'],
      [() => trpc.admin.requests.query({ cursor: 'not-a-cursor' }), 'cursor'],
      [() => trpc.admin.users.query({ cursor: btoa('123:nope') }), 'cursor'],
      [() => trpc.admin.users.query({ offset: 3 } as UsersInput), 'offset'],
      [() => trpc.admin.users.query({ role: 'admin' } as unknown as UsersInput), 'role'],
    ];
    for (const [attempt, field] of refused) {
      const error = await clientError(attempt());
      expect({ field, code: error.data?.code }).toEqual({ field, code: 'BAD_REQUEST' });
      expect(error.data?.fieldErrors).toHaveProperty(field);
      expect(error.message).toContain(field);
    }
  });

  it('finds people by part of their name or email, whatever the case', async () => {
    const [ada, bob] = await insertPeople(
      s.db,
      [
        { name: 'Ada Lovelace', email: 'countess@analytical.example', role: 'editor' },
        { name: 'Bob 50%_off', email: 'Bob.Builder@Example.org' },
      ],
      new Date(),
    );
    const names = async (q: string, role?: 'editor' | 'reader') =>
      (await trpc.admin.users.query({ q, role })).users.map((user) => user.name);
    expect(await names('LOVELACE')).toEqual([ada?.name]);
    expect(await names('ANALYTICAL.ex')).toEqual([ada?.name]);
    expect(await names('bob.builder@example')).toEqual([bob?.name]);
    // LIKE's wildcards are plain characters in a search.
    expect(await names('50%_')).toEqual([bob?.name]);
    expect(await names('%')).toEqual([bob?.name]);
    expect(await names('lovelace', 'reader')).toEqual([]);
    expect(await names('lovelace', 'editor')).toEqual([ada?.name]);
    // Blank is no search at all.
    expect((await trpc.admin.users.query({ q: '   ', limit: 5 })).users).toHaveLength(5);
  });

  it("finds requests by part of the requester's name or email, paging through the matches", async () => {
    const matching = seeded.filter((person) => person.name.startsWith('Seed 1-'));
    const pages = await everyPage((cursor) =>
      trpc.admin.requests.query({ q: 'SEED-1-', limit: 7, cursor }),
    );
    const emails = pages.flatMap((page) => page.requests.map((request) => request.user.email));
    expect(emails.sort()).toEqual(matching.map((person) => person.email).sort());
    const byName = await trpc.admin.requests.query({ q: 'seed 2-1', status: 'pending' });
    expect(byName.requests.map((request) => request.user.name).sort()).toEqual(
      seeded
        .filter((person) => person.name.startsWith('Seed 2-1'))
        .map((person) => person.name)
        .sort(),
    );
    expect((await trpc.admin.requests.query({ q: 'seed 2-1', status: 'denied' })).requests).toEqual(
      [],
    );
  });

  it('loads one request by id, and NOT_FOUND naming requestId for an unknown one', async () => {
    const requestId = seededRequests[5] ?? '';
    const { request } = await trpc.admin.request.query({ requestId });
    expect(request).toMatchObject({ id: requestId, status: 'pending', requestedRole: 'power' });
    const unknown = randomUUID();
    const error = await clientError(trpc.admin.request.query({ requestId: unknown }));
    expect(error.data?.code).toBe('NOT_FOUND');
    expect(error.message).toContain(unknown);
    expect(error.data?.fieldErrors).toHaveProperty('requestId');
  });

  it('answers UNAUTHORIZED without a session and FORBIDDEN to a non-admin', async () => {
    const reader = await signedInClient(s, { admin: false });
    const anonymous = s.client();
    const requestId = seededRequests[0] ?? '';
    for (const [client, code] of [
      [anonymous, 'UNAUTHORIZED'],
      [reader, 'FORBIDDEN'],
    ] as const) {
      for (const attempt of [
        () => client.trpc.admin.requests.query({ q: 'seed' }),
        () => client.trpc.admin.users.query({ q: 'seed' }),
        () => client.trpc.admin.request.query({ requestId }),
      ]) {
        expect((await clientError(attempt())).data?.code).toBe(code);
      }
    }
  });
});

describe('admin.requests with EMAIL_VERIFICATION=required', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ configOverrides: { emailVerification: 'required' } });
  });
  afterAll(() => strict.close());

  it('leaves out the requests of people whose address is not confirmed, on every page', async () => {
    const at = new Date();
    const people = await insertPeople(
      strict.db,
      Array.from({ length: 9 }, (_, i) => ({
        name: `Maybe ${i}`,
        email: `maybe-${i}@seed.test`,
        emailVerified: i % 3 !== 0,
      })),
      at,
    );
    const ids = await insertPendingRequests(
      strict.db,
      people.map((person) => person.id),
      at,
    );
    const { trpc: strictTrpc } = await signedInClient(strict, { admin: true });
    await strict.db
      .updateTable('users')
      .set({ emailVerified: true })
      .where('isAdmin', '=', true)
      .execute();
    const pages = await everyPage((cursor) =>
      strictTrpc.admin.requests.query({ limit: 2, cursor, q: 'maybe' }),
    );
    const seen = pages.flatMap((page) => page.requests.map((request) => request.id));
    expect(seen.sort()).toEqual(ids.filter((_, i) => i % 3 !== 0).sort());
  });
});
