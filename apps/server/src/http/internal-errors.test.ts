import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError, type LoggedTestServer, startLoggedTestServer } from '../testing/index.js';
import { withInsertsRefused } from '../testing/sign-up-rows.js';

let s: LoggedTestServer;
beforeAll(async () => {
  s = await startLoggedTestServer('info');
});
afterAll(() => s.close());

describe('an internal error over HTTP', () => {
  it("tells the client a sentence and the request id, and logs the database's message under that id", async () => {
    const { trpc } = s.client();
    const error = await withInsertsRefused(s.db, 'level_requests', () =>
      clientError(
        trpc.auth.register.mutate({
          email: 'internal@example.com',
          password: 'correct horse battery staple',
          name: 'Internal',
          role: 'power',
        }),
      ),
    );
    expect(error.data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('forced failure');
    expect(error.message).not.toMatch(/level_requests|refuse_insert|insert/i);
    const requestId = /request id ([0-9a-f-]{36})/.exec(error.message)?.[1];
    expect(requestId, error.message).toBeDefined();

    const logged = s.logLines
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string; err?: unknown })
      .filter((entry) => entry.reqId === requestId && entry.msg === 'procedure failed');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]?.err)).toContain('forced failure for the test');
  });

  it('keeps field errors and their messages for bad input', async () => {
    const error = await clientError(
      s.client().trpc.auth.register.mutate({
        email: 'not-an-email',
        password: 'correct horse battery staple',
        name: 'Bad',
        role: 'reader',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('email');
  });
});
