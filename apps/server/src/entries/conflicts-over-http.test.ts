import type { Level } from '@rolegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyPage } from '../testing/expectations.js';
import {
  clientError,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/index.js';
import { auditOf, pendingRequestIdOf, queuedMail } from '../testing/levels.js';

let s: TestServer;
let power: TestClient['trpc'];
let otherPower: TestClient['trpc'];
let contributor: TestClient['trpc'];
let contributorId: string;

/** Signs a person up at `level` (power approved by an admin) and signs them in over HTTP. */
async function personOverHttp(level: Level, name: string) {
  const admin = await s.signUpAdmin({ name: `Admin for ${name}` });
  const { user, password } = await s.signUp({ role: level, name });
  if (level === 'power') {
    await admin.caller.admin.approve({ requestId: await pendingRequestIdOf(s.db, user.id) });
  }
  const { trpc } = s.client();
  await trpc.auth.login.mutate({ email: user.email, password });
  return { trpc, id: user.id };
}

async function entryRow(id: string) {
  return s.db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirst();
}

beforeAll(async () => {
  s = await startTestServer();
  ({ trpc: power } = await personOverHttp('power', 'Pat Power'));
  ({ trpc: otherPower } = await personOverHttp('power', 'Quinn Power'));
  ({ trpc: contributor, id: contributorId } = await personOverHttp('contributor', 'Cass'));
});
afterAll(() => s.close());

describe('direct edits carry the version they were made from', () => {
  it('of two saves from the same version, the second is CONFLICT and the first text stays', async () => {
    const { entry } = await power.entries.save.mutate({ title: 'Opening hours', body: '9–5' });
    const first = await power.entries.save.mutate({
      id: entry.id,
      baseVersion: entry.version,
      title: 'Opening hours',
      body: '9–6',
    });
    expect(first.entry.version).toBe(2);

    const error = await clientError(
      otherPower.entries.save.mutate({
        id: entry.id,
        baseVersion: entry.version,
        title: 'Opening hours',
        body: '8–4',
      }),
    );
    expect(error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409 });
    expect(error.message).toMatch(/^The entry changed since you opened it \(last changed by Pat/);
    expect(error.message).toContain('your text was not saved');
    expect(error.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(await entryRow(entry.id)).toMatchObject({ body: '9–6', version: 2 });
    expect((await auditOf(s.db, entry.id)).map((row) => row.action)).toEqual([
      'entry.created',
      'entry.updated',
    ]);

    // Redone on the current version, it goes through.
    const redone = await otherPower.entries.save.mutate({
      id: entry.id,
      baseVersion: 2,
      title: 'Opening hours',
      body: '9–6, and 8–4 on Saturdays',
    });
    expect(redone.entry).toMatchObject({ version: 3, updatedBy: { name: 'Quinn Power' } });
  });

  it('a delete from an older version is CONFLICT and the entry stays', async () => {
    const { entry } = await power.entries.save.mutate({ title: 'Menu', body: 'soup' });
    await otherPower.entries.save.mutate({
      id: entry.id,
      baseVersion: 1,
      title: 'Menu',
      body: 'soup, bread',
    });
    const error = await clientError(power.entries.delete.mutate({ id: entry.id, baseVersion: 1 }));
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.message).toContain('it was not deleted');
    expect(await entryRow(entry.id)).toMatchObject({ body: 'soup, bread', version: 2 });
  });

  it('refuses a save or delete of an existing entry without baseVersion, naming the field', async () => {
    const { entry } = await power.entries.save.mutate({ title: 'Versionless', body: 'v1' });
    const attempts = [
      power.entries.save.mutate({ id: entry.id, title: 'Versionless', body: 'v2' }),
      // What a client outside TypeScript could send.
      power.entries.delete.mutate({ id: entry.id } as { id: string; baseVersion: number }),
    ];
    for (const attempt of attempts) {
      const error = await clientError(attempt);
      expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
      expect(error.data?.fieldErrors).toHaveProperty('baseVersion');
    }
    expect(await entryRow(entry.id)).toMatchObject({ body: 'v1', version: 1 });
  });
});

describe('proposals outlive their entry', () => {
  it('deleting an entry withdraws its open proposals with the reason and mails their authors', async () => {
    const { entry } = await power.entries.save.mutate({ title: 'Glossary', body: 'A–Z' });
    const { proposal } = await contributor.entries.propose.mutate({
      entryId: entry.id,
      baseVersion: entry.version,
      title: 'Glossary',
      body: 'A–Z, with examples',
    });
    const deleted = await power.entries.delete.mutate({ id: entry.id, baseVersion: 1 });
    expect(deleted).toEqual({ ok: true, withdrawnProposals: 1 });

    const mine = await contributor.entries.myProposals.query();
    expect(mine.proposals.find((each) => each.id === proposal.id)).toMatchObject({
      entryId: null,
      status: 'withdrawn',
      note: 'Pat Power deleted the entry “Glossary”.',
      current: null,
    });
    const [mail] = await queuedMail(s.db, `entry-proposal:${proposal.id}:outcome`);
    expect(mail?.subject).toContain('Your proposal “Glossary” was closed: its entry was deleted');
    expect(mail?.body).toContain('Pat Power deleted the entry “Glossary”.');

    // A reviewer who still had it open gets its fate, not a 404.
    const error = await clientError(
      otherPower.entries.review.mutate({ proposalId: proposal.id, decision: 'accept' }),
    );
    expect(error.data?.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already withdrawn by Pat Power on /);
    expect((await otherPower.entries.proposals.query()).proposals.map((p) => p.id)).not.toContain(
      proposal.id,
    );
  });
});

describe('contributors hear back', () => {
  it('myProposals lists status and note; accept and reject are mailed unless turned off', async () => {
    const accepted = await contributor.entries.propose.mutate({ title: 'Welcome', body: 'Hi' });
    const rejected = await contributor.entries.propose.mutate({ title: 'Spam', body: 'Buy' });
    await power.entries.review.mutate({
      proposalId: accepted.proposal.id,
      decision: 'accept',
      note: 'Thanks!',
    });
    await power.entries.review.mutate({
      proposalId: rejected.proposal.id,
      decision: 'reject',
      note: 'Off topic.',
    });

    const { proposals } = await contributor.entries.myProposals.query({ limit: 2 });
    expect(proposals).toMatchObject([
      { id: rejected.proposal.id, status: 'rejected', note: 'Off topic.' },
      { id: accepted.proposal.id, status: 'accepted', note: 'Thanks!' },
    ]);
    expect(proposals[0]?.decidedAt).toEqual(expect.any(String));
    const [acceptedMail] = await queuedMail(s.db, `entry-proposal:${accepted.proposal.id}:outcome`);
    expect(acceptedMail?.subject).toContain('Your proposal “Welcome” was accepted');
    expect(acceptedMail?.body).toContain('Thanks!');
    const [rejectedMail] = await queuedMail(s.db, `entry-proposal:${rejected.proposal.id}:outcome`);
    expect(rejectedMail?.subject).toContain('was not accepted');

    expect(await contributor.entries.notificationSettings.query()).toEqual({
      proposalOutcomes: true,
    });
    await contributor.entries.setNotificationSettings.mutate({ proposalOutcomes: false });
    const quiet = await contributor.entries.propose.mutate({ title: 'Quiet', body: '…' });
    await power.entries.review.mutate({ proposalId: quiet.proposal.id, decision: 'reject' });
    expect(await queuedMail(s.db, `entry-proposal:${quiet.proposal.id}:outcome`)).toEqual([]);
    await contributor.entries.setNotificationSettings.mutate({ proposalOutcomes: true });
  });

  it('pages myProposals newest first, each proposal once', async () => {
    const pages = await everyPage((cursor) =>
      contributor.entries.myProposals.query({ limit: 2, ...(cursor ? { cursor } : {}) }),
    );
    const seen = pages.flatMap((page) => page.proposals.map((each) => each.id));
    const rows = await s.db
      .selectFrom('entryProposals')
      .select('id')
      .where('proposedBy', '=', contributorId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(seen).toEqual(rows.map((row) => row.id));
    expect(seen.length).toBeGreaterThan(2);
  });
});
