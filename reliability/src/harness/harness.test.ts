import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeResultsMarkdown } from './compose-results.js';
import { adminNotifications, countByMessageId } from './mail.js';
import { signInAdmin, signUpPower } from './people.js';
import { reliabilityCase } from './results.js';
import { type Stack, startStack } from './stack.js';
import { waitFor } from './wait.js';

// Runs with or without Postgres (PGlite directory then): the harness itself works on a new clone.
describe('harness: one production server, the SMTP fixture, a person and the admin', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ allowPglite: true });
  });
  afterAll(() => stack?.stop());

  reliabilityCase(
    'a power sign-up reaches the admins through the real SMTP server',
    60_000,
    async (figures) => {
      const { user } = await signUpPower(stack.personOptions(), 'harness-1@applicants.test');
      expect(user).toMatchObject({ role: 'editor', requestedRole: 'power', pending: true });
      await waitFor('the admins notification', () =>
        adminNotifications(stack.smtp).length === 1 ? true : undefined,
      );
      figures.dialect = stack.database.dialect;
      figures.delivered = adminNotifications(stack.smtp).length;
    },
  );

  reliabilityCase(
    'SIGKILL and restart: the same port answers again, state survives',
    60_000,
    async (figures) => {
      const [server] = stack.servers;
      if (server === undefined) throw new Error('no server');
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await server.start();
      const admin = await signInAdmin(stack.personOptions());
      const { requests } = await admin.trpc.admin.requests.query({ status: 'pending' });
      expect(requests.map((r) => r.user.email)).toEqual(['harness-1@applicants.test']);
      figures.pendingAfterRestart = requests.length;
      figures.distinctMessageIds = countByMessageId(adminNotifications(stack.smtp)).size;
    },
  );
});

describe('results table', () => {
  it('puts each row of each file in the table, escaping pipes', () => {
    const markdown = composeResultsMarkdown(
      [
        {
          file: 'smtp.test.ts',
          rows: [
            {
              case: 'SMTP 421 | burst',
              figures: { signUps: 40, delivered: 40 },
              outcome: 'passed',
              durationMs: 1234,
            },
          ],
        },
      ],
      'test',
    );
    expect(markdown).toContain(
      '| smtp.test.ts | SMTP 421 \\| burst | signUps: 40; delivered: 40 | passed  | 1.2 s |',
    );
    expect(markdown).toContain('| ------------ | ----------------- |');
  });
});
