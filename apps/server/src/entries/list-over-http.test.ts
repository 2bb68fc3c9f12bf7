import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError, startTestServer, type TestServer } from '../testing/index.js';
import { insertEntry } from './queries.js';

let s: TestServer;
let trpc: ReturnType<TestServer['client']>['trpc'];
type ListInput = Parameters<typeof trpc.entries.list.query>[0];
/** Ids newest first, as the list must return them. */
const expected: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  ({ trpc } = s.client());
  const { user } = await trpc.auth.register.mutate({
    email: 'pager@example.com',
    password: 'correct horse battery staple',
    name: 'Pager',
    role: 'reader',
  });
  for (let i = 0; i < 7; i++) {
    const entry = await insertEntry(s.db, { title: `entry ${i}`, body: '', authorId: user.id });
    expected.unshift(entry.id);
  }
});
afterAll(() => s.close());

describe('entries.list over HTTP', () => {
  it('pages with the input @trpc/react-query useInfiniteQuery sends', async () => {
    // Its first page carries no cursor and every page a direction (getClientArgs in
    // @trpc/react-query 11): that is exactly what goes over the wire here.
    const seen: string[] = [];
    let page = await trpc.entries.list.query({ limit: 3, direction: 'forward' });
    seen.push(...page.entries.map((entry) => entry.id));
    while (page.nextCursor) {
      page = await trpc.entries.list.query({
        limit: 3,
        cursor: page.nextCursor,
        direction: 'forward',
      });
      seen.push(...page.entries.map((entry) => entry.id));
    }
    expect(seen).toEqual(expected);

    const back = await trpc.entries.list.query({
      limit: 3,
      cursor: page.previousCursor,
      direction: 'backward',
    });
    expect(back.entries.map((entry) => entry.id)).toEqual(expected.slice(3, 6));
  });

  it('answers BAD_REQUEST naming an unknown key or a bad direction', async () => {
    const refused: [input: Record<string, unknown>, field: string][] = [
      [{ direction: 'forward', offset: 3 }, 'offset'],
      [{ direction: 'up' }, 'direction'],
    ];
    for (const [input, field] of refused) {
      // What a client outside TypeScript could send.
      const error = await clientError(trpc.entries.list.query(input as ListInput));
      expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
      expect(error.data?.fieldErrors).toHaveProperty(field);
      expect(error.message).toContain(field);
    }
  });
});
