import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_MESSAGE } from './database-unavailable.js';
import { createTestContext } from './testing/index.js';
import { createCallerFactory, publicProcedure, router } from './trpc.js';

const probe = router({
  lostConnection: publicProcedure.query(() => {
    throw new Error('Connection terminated unexpectedly');
  }),
  adminShutdown: publicProcedure.mutation(() => {
    throw Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
  }),
  bug: publicProcedure.query(() => {
    throw new Error('a real bug');
  }),
});

describe('a lost database connection', () => {
  it('answers SERVICE_UNAVAILABLE with a plain sentence, for queries and mutations', async () => {
    const t = await createTestContext();
    try {
      const caller = createCallerFactory(probe)({
        ...t.inner,
        user: null,
        sessionTokenHash: null,
        clientIp: '127.0.0.1',
        userAgent: null,
        http: null,
        setCookie: () => {},
        clearCookie: () => {},
      });
      for (const call of [() => caller.lostConnection(), () => caller.adminShutdown()]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TRPCError);
        expect(error).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          message: DATABASE_UNAVAILABLE_MESSAGE,
        });
      }
      await expect(caller.bug()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      await t.destroy();
    }
  });
});
