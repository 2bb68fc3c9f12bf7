import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedDecisionToken } from '../testing/decision-links.js';
import { clientError, startTestServer, type TestServer } from '../testing/index.js';
import { auditOf, pendingRequestIdOf, queuedMail } from '../testing/levels.js';
import { requestRow } from '../testing/rows.js';

const HOUR_MS = 60 * 60 * 1000;
let clock = new Date('2026-12-04T10:00:00Z');
let s: TestServer;
let grace: { id: string };
let alan: { id: string };

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  grace = (await s.signUpAdmin({ name: 'Grace Admin', email: 'grace@example.com' })).user;
  alan = (await s.signUpAdmin({ name: 'Alan Admin', email: 'alan@example.com' })).user;
});
afterAll(() => s.close());

/** A power sign-up, its request id and Grace's token from her own mail. */
async function powerRequest(name: string) {
  const person = await s.signUp({ role: 'power', name, reason: `${name} keeps the glossary.` });
  const requestId = await pendingRequestIdOf(s.db, person.user.id);
  return { person, requestId, token: await queuedDecisionToken(s.db, requestId, grace.id) };
}

const decisionMails = (requestId: string) =>
  queuedMail(s.db, `level-request:${requestId}:decision`);

describe('a decision link in an admin’s mail', () => {
  it('shows the request without a session, and reading it (or a GET of the decision) changes nothing', async () => {
    const { requestId, token } = await powerRequest('Ada Lovelace');
    const { trpc, fetch } = s.client();
    const shown = await trpc.admin.decisionLink.query({ token });
    expect(shown).toMatchObject({
      request: {
        id: requestId,
        requestedRole: 'power',
        reason: 'Ada Lovelace keeps the glossary.',
        status: 'pending',
        user: { name: 'Ada Lovelace', role: 'editor' },
      },
      admin: { name: 'Grace Admin', email: 'grace@example.com' },
      expiresAt: new Date(clock.getTime() + 72 * HOUR_MS).toISOString(),
    });

    // What a mail scanner does: plain GETs, of the query and of the mutation's URL.
    const read = encodeURIComponent(JSON.stringify({ token }));
    const decide = encodeURIComponent(JSON.stringify({ token, decision: 'approve' }));
    expect((await fetch(`/trpc/admin.decisionLink?input=${read}`)).status).toBe(200);
    expect((await fetch(`/trpc/admin.decideByLink?input=${decide}`)).status).toBe(405);
    expect(await requestRow(s.db, requestId)).toMatchObject({ status: 'pending', decidedBy: null });
    expect(await decisionMails(requestId)).toEqual([]);
    expect(await auditOf(s.db, requestId)).toEqual([]);
  });

  it('approves as the link’s admin on a POST, with the panel’s audit row and mail', async () => {
    const { person, requestId, token } = await powerRequest('Bea');
    // Someone else's session in the browser changes nothing: the link decides as Grace.
    const { trpc } = s.client();
    await trpc.auth.login.mutate({
      email: 'alan@example.com',
      password: 'correct horse battery staple',
    });
    const decided = await trpc.admin.decideByLink.mutate({ token, decision: 'approve' });
    expect(decided.user).toMatchObject({ id: person.user.id, role: 'power', pending: false });
    expect(decided.request).toMatchObject({ status: 'approved', decidedBy: { id: grace.id } });
    expect(await auditOf(s.db, requestId)).toMatchObject([
      {
        actorId: grace.id,
        action: 'level_request.approved',
        details: { roleBefore: 'editor', roleAfter: 'power', via: 'link' },
      },
    ]);
    const mails = await decisionMails(requestId);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/power access/);
  });

  it('answers CONFLICT, as the panel does, once the request is decided: no second mail', async () => {
    const { requestId, token } = await powerRequest('Cleo');
    const { trpc } = s.client();
    await trpc.admin.decideByLink.mutate({
      token,
      decision: 'deny',
      reason: 'Ask your team lead.',
    });
    const alansToken = await queuedDecisionToken(s.db, requestId, alan.id);
    for (const used of [token, alansToken]) {
      const error = await clientError(
        trpc.admin.decideByLink.mutate({ token: used, decision: 'approve' }),
      );
      expect(error.data?.code).toBe('CONFLICT');
      expect(error.message).toMatch(/already denied by Grace Admin/);
    }
    expect(await requestRow(s.db, requestId)).toMatchObject({
      status: 'denied',
      decidedBy: grace.id,
      denyReason: 'Ask your team lead.',
    });
    expect(await decisionMails(requestId)).toHaveLength(1);
    expect(await auditOf(s.db, requestId)).toHaveLength(1);
    // The page can say so: the link still shows the request, decided.
    expect((await trpc.admin.decisionLink.query({ token })).request.status).toBe('denied');
  });

  it('is refused without APP_URL’s Origin (a cross-site form cannot decide)', async () => {
    const { requestId, token } = await powerRequest('Dora');
    const error = await clientError(
      s.client({ origin: 'https://evil.example' }).trpc.admin.decideByLink.mutate({
        token,
        decision: 'approve',
      }),
    );
    expect(error.data?.code).toBe('FORBIDDEN');
    expect((await requestRow(s.db, requestId)).status).toBe('pending');
  });

  it.each([
    ['an unknown', 'A'.repeat(43)],
    ['a malformed', 'not-a-token'],
  ])('answers %s token with BAD_REQUEST naming token', async (_, token) => {
    const { trpc } = s.client();
    for (const call of [
      trpc.admin.decisionLink.query({ token }),
      trpc.admin.decideByLink.mutate({ token, decision: 'approve' }),
    ]) {
      const error = await clientError(call);
      expect(error.data?.code).toBe('BAD_REQUEST');
      expect(error.data?.fieldErrors).toHaveProperty('token');
      expect(error.message).toMatch(/expired or was already used/);
    }
  });

  it('stops working after DECISION_LINK_HOURS', async () => {
    const { requestId, token } = await powerRequest('Edda');
    const { trpc } = s.client();
    const started = clock;
    clock = new Date(started.getTime() + 72 * HOUR_MS);
    try {
      const error = await clientError(
        trpc.admin.decideByLink.mutate({ token, decision: 'approve' }),
      );
      expect(error.data?.fieldErrors).toHaveProperty('token');
    } finally {
      clock = started;
    }
    expect((await requestRow(s.db, requestId)).status).toBe('pending');
  });

  it('dies with its admin’s admin flag: a demoted admin’s link decides nothing', async () => {
    const { requestId, token } = await powerRequest('Fay');
    await s.db.updateTable('users').set({ isAdmin: false }).where('id', '=', grace.id).execute();
    try {
      const { trpc } = s.client();
      const error = await clientError(
        trpc.admin.decideByLink.mutate({ token, decision: 'approve' }),
      );
      expect(error.data?.code).toBe('BAD_REQUEST');
      expect(error.data?.fieldErrors).toHaveProperty('token');
      expect(await clientError(trpc.admin.decisionLink.query({ token }))).toMatchObject({
        data: { code: 'BAD_REQUEST' },
      });
    } finally {
      await s.db.updateTable('users').set({ isAdmin: true }).where('id', '=', grace.id).execute();
    }
    expect((await requestRow(s.db, requestId)).status).toBe('pending');
  });

  it('refuses unknown fields and a decision other than approve or deny, naming the field', async () => {
    const { token } = await powerRequest('Gia');
    const { trpc } = s.client();
    const error = await clientError(
      // @ts-expect-error: the wrong decision is the point
      trpc.admin.decideByLink.mutate({ token, decision: 'promote' }),
    );
    expect(error.data?.fieldErrors).toHaveProperty('decision');
  });
});
