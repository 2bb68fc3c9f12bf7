import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyPage } from '../testing/expectations.js';
import { callerError, createTestContext, type TestContext } from '../testing/index.js';
import { PENDING_PROPOSALS_MAX, PROPOSALS_PER_HOUR } from './proposal-limits.js';

let t: TestContext;
let clock = new Date('2026-12-04T10:00:00Z');

beforeAll(async () => {
  t = await createTestContext({ now: () => clock });
});
afterAll(() => t.destroy());

async function pendingOf(userId: string): Promise<number> {
  const rows = await t.db
    .selectFrom('entryProposals')
    .select('id')
    .where('proposedBy', '=', userId)
    .where('status', '=', 'pending')
    .execute();
  return rows.length;
}

describe('proposal limits', () => {
  it(`lets at most ${PENDING_PROPOSALS_MAX} of one person's proposals wait, even sent all at once`, async () => {
    const { user, caller } = await t.signUp({ role: 'contributor' });
    const results = await Promise.allSettled(
      Array.from({ length: PENDING_PROPOSALS_MAX + 3 }, (_, i) =>
        caller.entries.propose({ title: `Idea ${i}`, body: '' }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(
      PENDING_PROPOSALS_MAX,
    );
    expect(await pendingOf(user.id)).toBe(PENDING_PROPOSALS_MAX);
    const error = await callerError(caller.entries.propose({ title: 'One more', body: '' }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/waiting for review.*when an editor has decided some/);

    // Another person is not held back by it.
    const other = await t.signUp({ role: 'contributor' });
    await expect(other.caller.entries.propose({ title: 'Mine', body: '' })).resolves.toBeDefined();
  });

  it(`refuses proposals over ${PROPOSALS_PER_HOUR} in an hour, and takes one again after it`, async () => {
    const { user, caller } = await t.signUp({ role: 'contributor' });
    const editor = await t.signUp({ role: 'editor' });
    for (let i = 0; i < PROPOSALS_PER_HOUR; i++) {
      const { proposal } = await caller.entries.propose({ title: `Draft ${i}`, body: '' });
      // Decided at once, so only the hourly limit can refuse.
      await editor.caller.entries.review({ proposalId: proposal.id, decision: 'reject' });
    }
    const error = await callerError(caller.entries.propose({ title: 'Too many', body: '' }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/Try again in \d+ minutes\.$/);
    expect(await pendingOf(user.id)).toBe(0);

    clock = new Date(clock.getTime() + 61 * 60 * 1000);
    await expect(caller.entries.propose({ title: 'Later', body: '' })).resolves.toBeDefined();
  });

  it('pages the review queue oldest first and refuses a limit over 100', async () => {
    const editor = await t.signUp({ role: 'editor' });
    const pages = await everyPage((cursor) =>
      editor.caller.entries.proposals({ limit: 7, ...(cursor ? { cursor } : {}) }),
    );
    expect(pages[0]?.proposals.length).toBeLessThanOrEqual(7);
    const seen = pages.flatMap((page) => page.proposals.map((each) => each.id));
    const rows = await t.db
      .selectFrom('entryProposals')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    expect(seen).toEqual(rows.map((row) => row.id));
    expect(seen.length).toBeGreaterThan(7);

    const error = await callerError(editor.caller.entries.proposals({ limit: 101 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('limit');
  });
});
