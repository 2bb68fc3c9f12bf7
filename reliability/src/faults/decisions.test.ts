import { describe, expect } from 'vitest';
import {
  isTo,
  mapConcurrent,
  outcomeOf,
  type Person,
  reliabilityCase,
  type Stack,
  signInAdmin,
  signUpPower,
  startStack,
  waitFor,
} from '../harness/index.js';
import { formatCounts, tally } from './support.js';

const APPROVERS = 20;
const RACES = 5;

/** The request, its audit rows, decision mails queued, and mails the person received. */
async function decisionTrace(stack: Stack, requestId: string, email: string) {
  const db = await stack.database.db();
  const request = await db
    .selectFrom('levelRequests as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['r.status', 'u.role'])
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow();
  const audits = await db
    .selectFrom('auditLog')
    .select('action')
    .where('subjectId', '=', requestId)
    .execute();
  // Wait for the decision mail to leave the outbox, so the count at the SMTP server is final.
  const queued = await waitFor(
    'the decision mail to be sent',
    async () => {
      const rows = await db
        .selectFrom('mailOutbox')
        .select('state')
        .where('idempotencyKey', 'like', `level-request:${requestId}:%`)
        .where('idempotencyKey', '!=', `level-request:${requestId}:admins`)
        .execute();
      return rows.length > 0 && rows.every((row) => row.state === 'sent') ? rows : undefined;
    },
    { timeoutMs: 30_000 },
  );
  const received = stack.smtp.received.filter((message) => isTo(message, email));
  return { ...request, audits: audits.map((a) => a.action), queued: queued.length, received };
}

async function pendingRequest(stack: Stack, admin: Person, email: string): Promise<string> {
  await signUpPower(stack.personOptions(), email);
  const { requests } = await admin.trpc.admin.requests.query({ status: 'pending' });
  const request = requests.find((r) => r.user.email === email);
  if (request === undefined) throw new Error(`no pending request for ${email}`);
  return request.id;
}

describe('admins deciding one request at the same time, on two servers', () => {
  reliabilityCase(
    `${APPROVERS} concurrent admin.approve on one request: one decision, one audit row, one email`,
    90_000,
    async (figures) => {
      const stack = await startStack({ servers: 2 });
      try {
        const admin = await signInAdmin(stack.personOptions());
        const email = 'approve-race@applicants.test';
        const requestId = await pendingRequest(stack, admin, email);
        const outcomes = await Promise.all(
          Array.from({ length: APPROVERS }, () =>
            outcomeOf(admin.trpc.admin.approve.mutate({ requestId })),
          ),
        );
        const counts = tally(outcomes);
        figures.answers = formatCounts(counts);
        expect(counts).toEqual({ ok: 1, CONFLICT: APPROVERS - 1 });

        const trace = await decisionTrace(stack, requestId, email);
        figures.auditRows = trace.audits.length;
        figures.emailsToPerson = trace.received.length;
        expect(trace).toMatchObject({ status: 'approved', role: 'power', queued: 1 });
        expect(trace.audits).toEqual(['level_request.approved']);
        expect(trace.received).toHaveLength(1);
      } finally {
        await stack.stop();
      }
    },
  );

  reliabilityCase(
    `approve racing deny, ${RACES} requests × (10 approves + 10 denies): one decision each`,
    120_000,
    async (figures) => {
      const stack = await startStack({ servers: 2 });
      try {
        const admin = await signInAdmin(stack.personOptions());
        const won: Record<string, number> = {};
        const answers: string[] = [];
        const auditRows: number[] = [];
        const emails: number[] = [];
        await mapConcurrent(
          Array.from({ length: RACES }, (_, i) => i),
          RACES,
          async (race) => {
            const email = `decide-race-${race}@applicants.test`;
            const requestId = await pendingRequest(stack, admin, email);
            const calls = Array.from({ length: 20 }, (_, i) =>
              i % 2 === 0
                ? outcomeOf(admin.trpc.admin.approve.mutate({ requestId })).then((o) => [
                    'approve',
                    o,
                  ])
                : outcomeOf(admin.trpc.admin.deny.mutate({ requestId, reason: 'Race.' })).then(
                    (o) => ['deny', o],
                  ),
            );
            const results = await Promise.all(calls);
            answers.push(...results.map(([, outcome]) => outcome as string));
            const winners = results.filter(([, outcome]) => outcome === 'ok').map(([op]) => op);
            expect(winners).toHaveLength(1);
            const winner = winners[0] === 'approve' ? 'approved' : 'denied';
            won[winner] = (won[winner] ?? 0) + 1;

            const trace = await decisionTrace(stack, requestId, email);
            auditRows.push(trace.audits.length);
            emails.push(trace.received.length);
            expect(trace).toMatchObject({
              status: winner,
              role: winner === 'approved' ? 'power' : 'editor',
              queued: 1,
            });
            expect(trace.audits).toEqual([`level_request.${winner}`]);
            expect(trace.received).toHaveLength(1);
          },
        );
        figures.answers = formatCounts(tally(answers));
        figures.decisions = formatCounts(won);
        figures.auditRowsPerRequest = [...new Set(auditRows)].join(', ');
        figures.emailsPerPerson = [...new Set(emails)].join(', ');
      } finally {
        await stack.stop();
      }
    },
  );
});
