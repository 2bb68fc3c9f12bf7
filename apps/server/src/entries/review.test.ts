import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../errors.js';
import { expectFieldRefusals } from '../testing/expectations.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { auditOf, type Person, peopleAtEveryLevel } from '../testing/levels.js';

let t: TestContext;
let contributor: Person;
let editor: Person;
let power: Person;
type EntryText = { title: string; body: string };

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.signUpAdmin();
  ({ contributor, editor, power } = await peopleAtEveryLevel(t, admin));
});
afterAll(() => t.destroy());

/** An entry saved at power, and a contributor's proposed edit of it. */
async function proposedEdit(saved: EntryText, edit: EntryText) {
  const { entry } = await power.caller.entries.save(saved);
  const { proposal } = await contributor.caller.entries.propose({ entryId: entry.id, ...edit });
  return { entry, proposal };
}

async function entryRow(id: string) {
  return t.db.selectFrom('entries').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('proposals and review', () => {
  it('accepting a new-entry proposal creates the entry, credited to the proposer, and audits it', async () => {
    const { proposal } = await contributor.caller.entries.propose({
      title: 'Glossary',
      body: 'A–Z',
    });
    expect(proposal).toMatchObject({
      entryId: null,
      status: 'pending',
      proposedBy: { id: contributor.user.id, name: contributor.user.name },
    });

    const { proposals } = await editor.caller.entries.proposals();
    expect(proposals.find((each) => each.id === proposal.id)).toMatchObject({
      proposedBy: { name: contributor.user.name },
      current: null,
    });

    const reviewed = await editor.caller.entries.review({
      proposalId: proposal.id,
      decision: 'accept',
      note: 'Thanks',
    });
    expect(reviewed.proposal).toMatchObject({
      status: 'accepted',
      reviewedBy: { id: editor.user.id },
      reviewNote: 'Thanks',
    });
    expect(reviewed.entry).toMatchObject({
      title: 'Glossary',
      body: 'A–Z',
      createdBy: { id: contributor.user.id },
    });
    const { entry } = await contributor.caller.entries.get({ id: reviewed.entry?.id ?? '' });
    expect(entry.title).toBe('Glossary');
    expect(await auditOf(t.db, proposal.id)).toMatchObject([
      { actorId: editor.user.id, action: 'entry_proposal.accepted', details: { kind: 'create' } },
    ]);
    expect(
      (await editor.caller.entries.proposals()).proposals.map((each) => each.id),
    ).not.toContain(proposal.id);
  });

  it('accepting an edit overwrites the entry; the queue shows the entry as it is now', async () => {
    const { entry, proposal } = await proposedEdit(
      { title: 'Old title', body: 'old' },
      { title: 'New title', body: 'new' },
    );
    const { proposals } = await editor.caller.entries.proposals();
    expect(proposals.find((each) => each.id === proposal.id)?.current).toMatchObject({
      id: entry.id,
      title: 'Old title',
    });

    await editor.caller.entries.review({ proposalId: proposal.id, decision: 'accept' });
    expect(await entryRow(entry.id)).toMatchObject({
      title: 'New title',
      body: 'new',
      updatedBy: contributor.user.id,
      version: 2,
    });
  });

  it('refuses to accept an edit whose entry changed since, with CONFLICT, and changes nothing', async () => {
    const { entry, proposal } = await proposedEdit(
      { title: 'Hours', body: '9–5' },
      { title: 'Hours', body: '9–6' },
    );
    expect(proposal.baseVersion).toBe(1);
    await power.caller.entries.save({ id: entry.id, baseVersion: 1, title: 'Hours', body: '8–4' });
    const { proposals } = await editor.caller.entries.proposals();
    expect(proposals.find((each) => each.id === proposal.id)).toMatchObject({
      baseVersion: 1,
      current: { version: 2, body: '8–4' },
    });

    const error = await callerError(
      editor.caller.entries.review({ proposalId: proposal.id, decision: 'accept' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^The entry changed since you opened it \(last changed by /);
    expect(error.message).toMatch(/nothing was changed.*reject it and ask for the edit again/);
    expect(await entryRow(entry.id)).toMatchObject({ body: '8–4', version: 2 });
    expect(await auditOf(t.db, proposal.id)).toEqual([]);
    const stillQueued = (await editor.caller.entries.proposals()).proposals;
    expect(stillQueued.find((each) => each.id === proposal.id)?.status).toBe('pending');

    // Rejecting it stays possible, and is what the message asks for.
    const rejected = await editor.caller.entries.review({
      proposalId: proposal.id,
      decision: 'reject',
    });
    expect(rejected.proposal.status).toBe('rejected');
    expect(await entryRow(entry.id)).toMatchObject({ body: '8–4', version: 2 });
  });

  it('refuses an edit written against an older version than the entry has, sending nothing', async () => {
    const { entry } = await power.caller.entries.save({ title: 'Rules', body: 'one' });
    await power.caller.entries.save({ id: entry.id, baseVersion: 1, title: 'Rules', body: 'two' });
    const error = await callerError(
      contributor.caller.entries.propose({
        entryId: entry.id,
        baseVersion: entry.version,
        title: 'Rules',
        body: 'one, edited',
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^The entry changed since you opened it \(last changed by /);
    expect(error.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const proposals = await t.db
      .selectFrom('entryProposals')
      .select('id')
      .where('entryId', '=', entry.id)
      .execute();
    expect(proposals).toEqual([]);

    const { proposal } = await contributor.caller.entries.propose({
      entryId: entry.id,
      baseVersion: 2,
      title: 'Rules',
      body: 'two, edited',
    });
    expect(proposal.baseVersion).toBe(2);
  });

  it('of two edits of the same version, the second one accepted is refused', async () => {
    const { entry } = await power.caller.entries.save({ title: 'Menu', body: 'soup' });
    const first = await contributor.caller.entries.propose({
      entryId: entry.id,
      title: 'Menu',
      body: 'soup, bread',
    });
    const second = await contributor.caller.entries.propose({
      entryId: entry.id,
      title: 'Menu',
      body: 'soup, salad',
    });
    await editor.caller.entries.review({ proposalId: first.proposal.id, decision: 'accept' });
    const error = await callerError(
      power.caller.entries.review({ proposalId: second.proposal.id, decision: 'accept' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`last changed by ${contributor.user.name}`);
    expect(await entryRow(entry.id)).toMatchObject({ body: 'soup, bread', version: 2 });
  });

  it('rejecting keeps the change out', async () => {
    const { entry, proposal } = await proposedEdit(
      { title: 'Stable', body: 'keep' },
      { title: 'Vandalised', body: '!!!' },
    );
    const reviewed = await editor.caller.entries.review({
      proposalId: proposal.id,
      decision: 'reject',
      note: 'No.',
    });
    expect(reviewed).toMatchObject({ proposal: { status: 'rejected' }, entry: null });
    expect(await entryRow(entry.id)).toMatchObject({ title: 'Stable', body: 'keep' });
    expect(await auditOf(t.db, proposal.id)).toMatchObject([
      { action: 'entry_proposal.rejected', details: { note: 'No.' } },
    ]);
  });

  it('forbids reviewing your own proposal', async () => {
    const { proposal } = await editor.caller.entries.propose({ title: 'Mine', body: '' });
    const error = await callerError(
      editor.caller.entries.review({ proposalId: proposal.id, decision: 'accept' }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/own proposal/);
    expect(await auditOf(t.db, proposal.id)).toEqual([]);
  });

  it('answers CONFLICT to a second review and changes nothing', async () => {
    const { proposal } = await contributor.caller.entries.propose({ title: 'Once', body: '' });
    await editor.caller.entries.review({ proposalId: proposal.id, decision: 'reject' });
    const error = await callerError(
      power.caller.entries.review({ proposalId: proposal.id, decision: 'accept' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already rejected by/);
    const created = await t.db
      .selectFrom('entries')
      .select('id')
      .where('title', '=', 'Once')
      .execute();
    expect(created).toEqual([]);
  });

  it('answers NOT_FOUND naming the field for an unknown proposal or entry', async () => {
    const unknown = randomUUID();
    const cases = [
      [
        () => editor.caller.entries.review({ proposalId: unknown, decision: 'accept' }),
        'proposalId',
      ],
      [
        () => contributor.caller.entries.propose({ entryId: unknown, title: 'x', body: '' }),
        'entryId',
      ],
      [() => contributor.caller.entries.get({ id: unknown }), 'id'],
      [
        () => power.caller.entries.save({ id: unknown, baseVersion: 1, title: 'x', body: '' }),
        'id',
      ],
      [() => power.caller.entries.delete({ id: unknown, baseVersion: 1 }), 'id'],
    ] as const;
    for (const [attempt, field] of cases) {
      const error = await callerError(attempt());
      expect({ field, code: error.code }).toEqual({ field, code: 'NOT_FOUND' });
      expect(error.message).toContain(unknown);
      expect(fieldErrorsOf(error.cause)).toHaveProperty(field);
    }
  });

  it('answers BAD_REQUEST naming the field for malformed ids and decisions', async () => {
    const cases = [
      [() => contributor.caller.entries.get({ id: 'entry-1' }), 'id'],
      [() => power.caller.entries.delete({ id: '', baseVersion: 1 }), 'id'],
      [() => contributor.caller.entries.propose({ entryId: '7', title: 'x', body: '' }), 'entryId'],
      [() => editor.caller.entries.review({ proposalId: 'x', decision: 'accept' }), 'proposalId'],
      [
        () =>
          // @ts-expect-error: checked at runtime too
          editor.caller.entries.review({ proposalId: randomUUID(), decision: 'maybe' }),
        'decision',
      ],
      [() => power.caller.entries.save({ title: '', body: '' }), 'title'],
    ] as const;
    await expectFieldRefusals(cases);
  });
});

describe('direct writes (power)', () => {
  it('saves, overwrites and deletes an entry, auditing each step', async () => {
    const { entry } = await power.caller.entries.save({ title: 'Direct', body: 'v1' });
    expect(entry).toMatchObject({
      createdBy: { id: power.user.id },
      updatedBy: { id: power.user.id },
    });
    const { entry: updated } = await power.caller.entries.save({
      id: entry.id,
      baseVersion: entry.version,
      title: 'Direct',
      body: 'v2',
    });
    expect(updated.body).toBe('v2');
    expect(
      await power.caller.entries.delete({ id: entry.id, baseVersion: updated.version }),
    ).toEqual({ ok: true, withdrawnProposals: 0 });
    expect(await entryRow(entry.id)).toBeUndefined();

    const audit = await auditOf(t.db, entry.id);
    expect(audit.map((row) => row.action)).toEqual([
      'entry.created',
      'entry.updated',
      'entry.deleted',
    ]);
    expect(audit.every((row) => row.actorId === power.user.id && row.subjectType === 'entry')).toBe(
      true,
    );
    expect(audit[2]?.details).toEqual({ title: 'Direct', version: 2, withdrawnProposals: 0 });
  });
});
