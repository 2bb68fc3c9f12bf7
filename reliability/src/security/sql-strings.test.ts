/**
 * Attacks (issue 6): SQL-looking strings in every field a person or an admin can type. Each is
 * stored exactly as typed (read back by SQL), refused where the field has a fixed form, and nothing
 * else in the database changes: no extra rows, no admin, no table dropped.
 */
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { clientError, person, reliabilityCase } from '../harness/index.js';
import { admin, db, stack, tables, useSecurityStack } from './security-stack.js';
import { snapshot } from './snapshot.js';

const SQL = {
  name: "Robert'); DROP TABLE users; --",
  reason: "' OR '1'='1' -- and UNION SELECT token_hash FROM sessions",
  password: "x' OR 1=1; UPDATE users SET is_admin = true; --",
  title: 'title"; DELETE FROM entries; --',
  body: "$$; SELECT pg_sleep(10); $$ \\'; TRUNCATE audit_log; --",
  note: "'; UPDATE level_requests SET status = 'approved'; --",
  denyReason: "no'); INSERT INTO users (email) VALUES ('x'); --",
  email: "o'reilly+union.select@sql.test",
};

useSecurityStack();

describe('attacks: SQL-looking strings in every field', () => {
  reliabilityCase(
    'SQL in every text field is stored literally; fixed-form fields refuse it; nothing else changes',
    60_000,
    async (figures) => {
      const before = await snapshot(db, tables);

      // A person: name, reason, password and an email with a quote in it.
      const applicant = person(stack.personOptions());
      const { user } = await applicant.trpc.auth.register.mutate({
        email: SQL.email,
        password: SQL.password,
        name: SQL.name,
        role: 'power',
        reason: SQL.reason,
      });
      // Sign-in: SQL as the email or the password matches nobody; the exact password still works.
      for (const [email, password] of [
        ["' OR '1'='1", "' OR '1'='1"],
        [`${SQL.email}' --`, 'anything at all'],
        [SQL.email, "' OR '1'='1"],
      ] as const) {
        const error = await clientError(
          person(stack.personOptions()).trpc.auth.login.mutate({ email, password }),
        );
        expect(error.data?.code, `${email} / ${password}`).toBe('UNAUTHORIZED');
      }
      await person(stack.personOptions()).trpc.auth.login.mutate({
        email: SQL.email,
        password: SQL.password,
      });

      // The admin: an entry, a proposal and its review note, a denial with a reason.
      const { entry } = await admin.trpc.entries.save.mutate({ title: SQL.title, body: SQL.body });
      const contributor = person(stack.personOptions());
      await contributor.trpc.auth.register.mutate({
        email: 'contributor@sql.test',
        password: SQL.password,
        name: SQL.name,
        role: 'contributor',
      });
      const { proposal } = await contributor.trpc.entries.propose.mutate({
        entryId: entry.id,
        title: SQL.title,
        body: SQL.body,
      });
      await admin.trpc.entries.review.mutate({
        proposalId: proposal.id,
        decision: 'reject',
        note: SQL.note,
      });
      const { requests } = await admin.trpc.admin.requests.query({ status: 'pending' });
      const request = requests.find((candidate) => candidate.user.id === user.id);
      await admin.trpc.admin.deny.mutate({ requestId: request?.id ?? '', reason: SQL.denyReason });

      // Fields with a fixed form refuse SQL instead of passing it on.
      const refusals = await Promise.all([
        clientError(admin.trpc.admin.requests.query({ status: "pending' OR '1'='1" as 'pending' })),
        clientError(admin.trpc.entries.get.query({ id: "1' OR '1'='1" })),
        clientError(
          admin.trpc.entries.list.query({
            cursor: Buffer.from("1' OR '1'='1").toString('base64url'),
          }),
        ),
        clientError(
          admin.trpc.entries.delete.mutate({ id: `${entry.id}' OR '1'='1`, baseVersion: 1 }),
        ),
        clientError(admin.trpc.admin.mail.query({ state: "failed' OR 1=1 --" as 'failed' })),
      ]);
      expect(refusals.map((error) => error.data?.code)).toEqual(
        Array(refusals.length).fill('BAD_REQUEST'),
      );

      // Read back by SQL: exactly what was typed.
      const stored = await sql<Record<string, string>>`
        select u.name, u.email, r.reason, r.deny_reason as "denyReason", r.status,
          e.title, e.body, p.review_note as "note"
        from users u join level_requests r on r.user_id = u.id, entries e, entry_proposals p
        where u.id = ${user.id} and e.id = ${entry.id} and p.id = ${proposal.id}`.execute(db);
      expect(stored.rows).toEqual([
        {
          name: SQL.name,
          email: SQL.email,
          reason: SQL.reason,
          denyReason: SQL.denyReason,
          status: 'denied',
          title: SQL.title,
          body: SQL.body,
          note: SQL.note,
        },
      ]);
      // Nothing else happened: every table still there, one admin, and only the rows made above.
      const after = await snapshot(db, tables);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      const admins = await sql<{
        n: number;
      }>`select count(*)::int as n from users where is_admin`.execute(db);
      expect(admins.rows[0]?.n).toBe(1);
      const grew = Object.fromEntries(
        tables.map((table) => [table, (after[table]?.rows ?? 0) - (before[table]?.rows ?? 0)]),
      );
      expect(grew).toMatchObject({ users: 2, level_requests: 1, entries: 1, entry_proposals: 1 });
      figures.fieldsStoredLiterally = Object.keys(SQL).length;
      figures.fixedFormFieldsRefused = refusals.length;
      figures.sqlSignInsAccepted = 0;
      figures.rowsAdded = Object.entries(grew)
        .filter(([, n]) => n !== 0)
        .map(([table, n]) => `${table} +${n}`)
        .join(', ');
    },
  );
});
