/**
 * Attacks on the approve/deny links in the admins' mail (issue 12): another admin's link used to
 * act as them beyond its own request, a link used after its request was decided, a link of an admin
 * who was demoted since, and a mail scanner fetching every link. Links are read out of the mail the
 * SMTP fixture received, as someone holding a copy of an admin's mail would.
 */
import { describe, expect } from 'vitest';
import { db, stack, useFileStack } from '../harness/file-stack.js';
import {
  ADMIN_EMAIL,
  clientError,
  isTo,
  person,
  reliabilityCase,
  signInAdmin,
  waitFor,
} from '../harness/index.js';
import { requestRow, signUp, userRow } from './accounts.js';

const SECOND_ADMIN = 'second-admin@links.test';
const EXPIRED = 'This link has expired or was already used (the token in it is no longer valid)';

// No ADMINS: the admin accounts are who hears of requests, each with links of their own.
useFileStack({ env: { ADMINS: '' } }, async () => {
  await signUp(stack.personOptions(), {
    email: SECOND_ADMIN,
    role: 'reader',
    name: 'Second Admin',
  });
  await db.updateTable('users').set({ isAdmin: true }).where('email', '=', SECOND_ADMIN).execute();
});

/** A power request and the decision-link token each admin received for it. */
async function powerRequest(email: string) {
  const { user } = await signUp(stack.personOptions(), { email, role: 'power', name: email });
  const request = await requestRow(db, { userId: user.id });
  const tokenFor = (admin: string) =>
    waitFor(`${admin}'s decision link for ${email}`, () => {
      const mail = stack.smtp.received.find(
        (message) => isTo(message, admin) && (message.parsed.text ?? '').includes(email),
      );
      return (mail?.parsed.text ?? '').match(/\/decide\/([\w-]{43})\?decision=approve/)?.[1];
    });
  return {
    user,
    request,
    first: await tokenFor(ADMIN_EMAIL),
    second: await tokenFor(SECOND_ADMIN),
  };
}

const statusOf = async (requestId: string) => {
  const { status, decidedBy } = await requestRow(db, { id: requestId });
  return { status, decidedBy };
};

describe('attacks: decision links in the admins’ mail', () => {
  reliabilityCase(
    'another admin’s link decides its own request as that admin and nothing else',
    90_000,
    async () => {
      const one = await powerRequest('one@links.test');
      const two = await powerRequest('two@links.test');
      const anyone = person(stack.personOptions());

      // The token does not name a request; a request id smuggled beside it is refused.
      const smuggled = await clientError(
        anyone.trpc.admin.decideByLink.mutate({
          token: one.second,
          decision: 'approve',
          // @ts-expect-error: the attack is the extra field
          requestId: two.request.id,
        }),
      );
      expect(smuggled.data?.code).toBe('BAD_REQUEST');
      // Neither as a session cookie nor on a session procedure does a link token get anyone in.
      const withTokenCookie = person(stack.personOptions());
      withTokenCookie.jar.cookies.set('rolegate_session', one.second);
      expect((await withTokenCookie.trpc.auth.me.query()).user).toBeNull();
      expect((await clientError(withTokenCookie.trpc.admin.requests.query())).data?.code).toBe(
        'UNAUTHORIZED',
      );

      await anyone.trpc.admin.decideByLink.mutate({ token: one.second, decision: 'approve' });
      const second = await userRow(db, { email: SECOND_ADMIN });
      expect(await statusOf(one.request.id)).toEqual({ status: 'approved', decidedBy: second.id });
      expect(await statusOf(two.request.id)).toEqual({ status: 'pending', decidedBy: null });
      const audit = await db
        .selectFrom('auditLog')
        .select(['actorId', 'details'])
        .where('subjectId', '=', one.request.id)
        .execute();
      expect(audit).toMatchObject([{ actorId: second.id, details: { via: 'link' } }]);
    },
  );

  reliabilityCase(
    'a link used after its request was decided (in the panel or by link) changes nothing and mails nobody',
    90_000,
    async () => {
      const { request, first, second, user } = await powerRequest('decided@links.test');
      const admin = await signInAdmin(stack.personOptions());
      await admin.trpc.admin.deny.mutate({ requestId: request.id, reason: 'Not now.' });
      const anyone = person(stack.personOptions());
      for (const token of [first, second, first]) {
        const error = await clientError(
          anyone.trpc.admin.decideByLink.mutate({ token, decision: 'approve' }),
        );
        expect(error.data?.code).toBe('CONFLICT');
      }
      expect((await statusOf(request.id)).status).toBe('denied');
      expect((await userRow(db, { id: user.id })).role).toBe('editor');
      const queued = await db
        .selectFrom('mailOutbox')
        .select('id')
        .where('idempotencyKey', 'like', `level-request:${request.id}:decision%`)
        .execute();
      expect(queued).toHaveLength(1);
    },
  );

  reliabilityCase(
    'the link of an admin who was demoted is dead at once, for reading and for deciding',
    90_000,
    async () => {
      const { request, second } = await powerRequest('demoted@links.test');
      await db
        .updateTable('users')
        .set({ isAdmin: false })
        .where('email', '=', SECOND_ADMIN)
        .execute();
      try {
        const anyone = person(stack.personOptions());
        for (const call of [
          anyone.trpc.admin.decisionLink.query({ token: second }),
          anyone.trpc.admin.decideByLink.mutate({ token: second, decision: 'approve' }),
        ]) {
          const error = await clientError(call);
          expect(error.data?.code).toBe('BAD_REQUEST');
          expect(error.data?.fieldErrors).toHaveProperty('token');
          expect(error.message).toBe(EXPIRED);
        }
      } finally {
        await db
          .updateTable('users')
          .set({ isAdmin: true })
          .where('email', '=', SECOND_ADMIN)
          .execute();
      }
      expect(await statusOf(request.id)).toEqual({ status: 'pending', decidedBy: null });
    },
  );

  reliabilityCase(
    'a mail scanner fetching every link (page and API, GET and HEAD) decides nothing',
    60_000,
    async () => {
      const { request, first } = await powerRequest('scanned@links.test');
      const base = stack.servers[0]?.url ?? '';
      const input = encodeURIComponent(JSON.stringify({ token: first, decision: 'approve' }));
      for (const method of ['GET', 'HEAD']) {
        for (const path of [
          `/decide/${first}?decision=approve`,
          `/decide/${first}?decision=deny`,
          `/trpc/admin.decideByLink?input=${input}`,
        ]) {
          const response = await fetch(`${base}${path}`, { method, redirect: 'follow' });
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
        }
      }
      expect(await statusOf(request.id)).toEqual({ status: 'pending', decidedBy: null });
    },
  );
});
