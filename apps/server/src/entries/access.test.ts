import { ACCESS_TABLE, can, LEVELS, type Level, lowestLevelWith } from '@rolegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerError, createTestContext, type TestContext } from '../testing/index.js';
import { type Person, peopleAtEveryLevel } from '../testing/levels.js';
import { insertProposal } from './proposals.js';
import { insertEntry } from './queries.js';
import { ENTRY_CAPABILITIES, entriesRouter } from './router.js';

type EntryProcedure = keyof typeof ENTRY_CAPABILITIES;

let t: TestContext;
let people: Record<Level, Person>;
/** Writes the fixtures each call needs, so every allowed call succeeds on its own data. */
let author: Person;

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.signUpAdmin();
  author = await t.signUp({ role: 'contributor', name: 'Author' });
  people = await peopleAtEveryLevel(t, admin);
});
afterAll(() => t.destroy());

async function freshEntry(): Promise<string> {
  const entry = await insertEntry(t.db, { title: 'Fixture', body: '…', authorId: author.user.id });
  return entry.id;
}

async function freshProposal(): Promise<string> {
  const proposal = await insertProposal(t.db, {
    entryId: null,
    baseVersion: null,
    title: 'Proposed',
    body: '…',
    proposedBy: author.user.id,
  });
  return proposal.id;
}

/** A valid call of each procedure: only the caller's level can make it fail. */
const validCall: Record<EntryProcedure, (caller: Caller) => Promise<unknown>> = {
  list: (caller) => caller.entries.list(),
  get: async (caller) => caller.entries.get({ id: await freshEntry() }),
  propose: (caller) => caller.entries.propose({ title: 'A change', body: 'Text' }),
  myProposals: (caller) => caller.entries.myProposals(),
  notificationSettings: (caller) => caller.entries.notificationSettings(),
  setNotificationSettings: (caller) =>
    caller.entries.setNotificationSettings({ proposalOutcomes: true }),
  proposals: (caller) => caller.entries.proposals(),
  review: async (caller) =>
    caller.entries.review({ proposalId: await freshProposal(), decision: 'reject' }),
  save: (caller) => caller.entries.save({ title: 'Direct', body: 'Text' }),
  delete: async (caller) => caller.entries.delete({ id: await freshEntry(), baseVersion: 1 }),
};

const matrix = LEVELS.flatMap((level) =>
  (Object.keys(ENTRY_CAPABILITIES) as EntryProcedure[]).map((procedure) => ({
    level,
    procedure,
    capability: ENTRY_CAPABILITIES[procedure],
    allowed: can(level, ENTRY_CAPABILITIES[procedure]),
  })),
);

describe('entries.* follows the access table', () => {
  it('maps every entries procedure to a capability', () => {
    expect(Object.keys(entriesRouter._def.procedures).sort()).toEqual(
      Object.keys(ENTRY_CAPABILITIES).sort(),
    );
  });

  it.each(matrix)(
    '$level → entries.$procedure ($capability): allowed = $allowed',
    async ({ level, procedure, capability, allowed }) => {
      const call = validCall[procedure](people[level].caller);
      if (allowed) {
        await expect(call).resolves.toBeDefined();
        return;
      }
      const error = await callerError(call);
      expect(error.code).toBe('FORBIDDEN');
      const needed = lowestLevelWith(capability);
      expect(error.message).toContain(`needs the ${needed} level`);
      expect(ACCESS_TABLE[needed].rank).toBeGreaterThan(ACCESS_TABLE[level].rank);
    },
  );

  it.each(Object.keys(ENTRY_CAPABILITIES) as EntryProcedure[])(
    'answers UNAUTHORIZED without a session: entries.%s',
    async (procedure) => {
      const error = await callerError(validCall[procedure](t.caller()));
      expect(error.code).toBe('UNAUTHORIZED');
    },
  );
});
