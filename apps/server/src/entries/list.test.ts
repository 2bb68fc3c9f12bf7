import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldRefusals } from '../testing/expectations.js';
import { createTestContext, type TestContext } from '../testing/index.js';
import type { Person } from '../testing/levels.js';
import { insertEntry } from './queries.js';

let t: TestContext;
let reader: Person;
/** Ids in the order the list must return them: newest first. */
let expected: string[];

beforeAll(async () => {
  t = await createTestContext();
  reader = await t.signUp({ role: 'reader' });
  expected = [];
  // Twelve entries in separate transactions, then eight in one: those share a created_at, so
  // pages must break ties by id without repeating or skipping any.
  for (let i = 0; i < 12; i++) {
    const entry = await insertEntry(t.db, {
      title: `single ${i}`,
      body: '',
      authorId: reader.user.id,
    });
    expected.unshift(entry.id);
  }
  const sameInstant = await t.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        (await insertEntry(trx, { title: `batch ${i}`, body: '', authorId: reader.user.id })).id,
      );
    }
    return ids;
  });
  expected.unshift(...sameInstant.sort().reverse());
});
afterAll(() => t.destroy());

describe('entries.list', () => {
  it('lists newest first with authors and ISO dates', async () => {
    const { entries, nextCursor } = await reader.caller.entries.list();
    expect(entries.map((entry) => entry.id)).toEqual(expected);
    expect(nextCursor).toBeNull();
    expect(entries.at(-1)).toMatchObject({
      title: 'single 0',
      createdBy: { id: reader.user.id, name: reader.user.name },
    });
    expect(entries.at(-1)?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('pages through every entry once, whatever the page size', async () => {
    for (const limit of [1, 3, 7, 20]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await reader.caller.entries.list({ limit, ...(cursor ? { cursor } : {}) });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        seen.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect({ limit, seen }).toEqual({ limit, seen: expected });
    }
  });

  it("takes tRPC's infinite-query input: a null cursor and direction forward", async () => {
    const first = await reader.caller.entries.list({
      limit: 5,
      cursor: null,
      direction: 'forward',
    });
    expect(first.entries.map((entry) => entry.id)).toEqual(expected.slice(0, 5));
    expect(first.previousCursor).toBeNull();
    const second = await reader.caller.entries.list({
      limit: 5,
      cursor: first.nextCursor,
      direction: 'forward',
    });
    expect(second.entries.map((entry) => entry.id)).toEqual(expected.slice(5, 10));
    expect(second.previousCursor).not.toBeNull();
  });

  it('pages backward from the oldest page to the newest, each entry once, newest first', async () => {
    for (const limit of [1, 3, 7]) {
      let page = await reader.caller.entries.list({ limit });
      while (page.nextCursor) {
        page = await reader.caller.entries.list({ limit, cursor: page.nextCursor });
      }
      const seen = page.entries.map((entry) => entry.id);
      while (page.previousCursor) {
        page = await reader.caller.entries.list({
          limit,
          cursor: page.previousCursor,
          direction: 'backward',
        });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        expect(page.nextCursor).not.toBeNull();
        seen.unshift(...page.entries.map((entry) => entry.id));
      }
      expect({ limit, seen }).toEqual({ limit, seen: expected });
    }
  });

  it('refuses a made-up cursor, a bad limit and unknown keys, naming the field', async () => {
    const cases = [
      [() => reader.caller.entries.list({ cursor: 'not-a-cursor' }), 'cursor'],
      [
        () => reader.caller.entries.list({ cursor: Buffer.from('1:2').toString('base64url') }),
        'cursor',
      ],
      [() => reader.caller.entries.list({ limit: 0 }), 'limit'],
      [() => reader.caller.entries.list({ limit: 101 }), 'limit'],
      [() => reader.caller.entries.list({ limit: 2.5 }), 'limit'],
      // @ts-expect-error: checked at runtime too
      [() => reader.caller.entries.list({ direction: 'sideways' }), 'direction'],
      // @ts-expect-error: unknown keys are refused, not ignored
      [() => reader.caller.entries.list({ offset: 10 }), 'offset'],
    ] as const;
    await expectFieldRefusals(cases);
  });
});

describe('entries.get', () => {
  it('returns one entry by id', async () => {
    const id = expected[3] ?? '';
    const { entry } = await reader.caller.entries.get({ id });
    expect(entry.id).toBe(id);
  });
});
