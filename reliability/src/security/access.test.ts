/**
 * Attacks (issue 6): a non-admin calling every admin.* procedure (read from the router, so a new
 * one is covered), an admin approving their own request, and levels below power writing entries
 * directly. Each is refused by the server and leaves every table as it was.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect } from 'vitest';
import { CLI_MAIN, PASSWORD, reliabilityCase } from '../harness/index.js';
import { type Level, requestRow, signUp } from './accounts.js';
import { guardedCall } from './guarded-call.js';
import { isAdminProcedure, listProcedures, type ProcedureInfo } from './procedures.js';
import { admin, db, stack, tables, useSecurityStack } from './security-stack.js';
import { jsonHeaders, queryInput, send, type WireRequest } from './wire.js';

useSecurityStack();

const baseUrl = () => stack.servers[0]?.url ?? '';

function request(procedure: ProcedureInfo, input: unknown, cookie: string | null): WireRequest {
  const paths = [procedure.path];
  const auth: Record<string, string> = cookie === null ? {} : { cookie };
  if (procedure.type === 'query') {
    return { paths, query: input === undefined ? undefined : queryInput(input), headers: auth };
  }
  return { paths, body: JSON.stringify(input ?? {}), headers: jsonHeaders(stack.appUrl, auth) };
}

describe('attacks: admin procedures, one’s own request, direct writes', () => {
  reliabilityCase(
    'every admin.* procedure, called by each non-admin level and signed out: refused, nothing changed',
    60_000,
    async (figures) => {
      const people: Array<[string, string | null]> = [['signed out', null]];
      for (const role of ['reader', 'contributor', 'editor', 'power'] as const) {
        const { person } = await signUp(stack.personOptions(), {
          email: `${role}-caller@attack.test`,
          role,
        });
        people.push([role === 'power' ? 'power (pending)' : role, person.jar.header() ?? null]);
      }
      const { requests } = await admin.trpc.admin.requests.query({ status: 'pending' });
      const requestId = requests[0]?.id ?? crypto.randomUUID();
      // Inputs an admin would send successfully: the guard, not validation, must be what stops it.
      const samples: Record<string, unknown> = {
        'admin.approve': { requestId },
        'admin.deny': { requestId, reason: 'No.' },
        'admin.retryMail': { id: crypto.randomUUID() },
        'admin.mailCheck': { sendTo: 'probe@attack.test' },
        'admin.requests': { status: 'pending' },
      };
      const adminProcedures = (await listProcedures()).filter(isAdminProcedure);
      let refused = 0;
      for (const [who, cookie] of people) {
        for (const procedure of adminProcedures) {
          const { codes } = await guardedCall({ db, tables }, () =>
            send(baseUrl(), request(procedure, samples[procedure.path], cookie)),
          );
          expect(codes, `${who} → ${procedure.path}`).toEqual([
            cookie === null ? 'UNAUTHORIZED' : 'FORBIDDEN',
          ]);
          refused++;
        }
        // All the admin queries at once, as one batch.
        const queries = adminProcedures.filter((procedure) => procedure.type === 'query');
        const { codes } = await guardedCall({ db, tables }, () =>
          send(baseUrl(), {
            paths: queries.map((procedure) => procedure.path),
            batch: true,
            headers: cookie === null ? {} : { cookie },
          }),
        );
        expect(new Set(codes)).toEqual(new Set([cookie === null ? 'UNAUTHORIZED' : 'FORBIDDEN']));
      }
      const [pending] = (await admin.trpc.admin.requests.query({ status: 'pending' })).requests;
      expect(pending?.id).toBe(requestId);
      figures.adminProcedures = adminProcedures.map((procedure) => procedure.path).join(' ');
      figures.callers = people.length;
      figures.refused = refused;
    },
  );

  reliabilityCase(
    'approving (or denying) one’s own request: refused as a person, and still refused once made admin',
    60_000,
    async (figures) => {
      const email = 'pat-self@attack.test';
      const { person: pat, user } = await signUp(stack.personOptions(), { email, role: 'power' });
      const own = await requestRow(db, { userId: user.id });
      const cookie = pat.jar.header() ?? null;
      const [approve, deny] = ['admin.approve', 'admin.deny'].map(
        (path): ProcedureInfo => ({ path, type: 'mutation', takesInput: true, fields: [] }),
      ) as [ProcedureInfo, ProcedureInfo];

      const asPerson = await guardedCall({ db, tables }, () =>
        send(baseUrl(), request(approve, { requestId: own.id }, cookie)),
      );
      expect(asPerson.codes).toEqual(['FORBIDDEN']);

      // The real way an account becomes admin: the CLI, on the same database, for an account whose
      // address was verified (its password alone proves nothing about an unverified address).
      await db
        .updateTable('users')
        .set({ emailVerified: true })
        .where('id', '=', user.id)
        .execute();
      const cli = execFileSync(
        process.execPath,
        [CLI_MAIN, 'create-admin', '--email', email, '--password-stdin'],
        { env: { PATH: process.env.PATH ?? '', ...stack.env }, input: `${PASSWORD}\n` },
      ).toString();
      expect(cli).toContain('now an admin');
      expect((await pat.trpc.auth.me.query()).user?.isAdmin).toBe(true);

      for (const procedure of [approve, deny]) {
        const { response, codes } = await guardedCall({ db, tables }, () =>
          send(baseUrl(), request(procedure, { requestId: own.id }, cookie)),
        );
        expect(codes, procedure.path).toEqual(['FORBIDDEN']);
        expect(response.text).toContain('your own request');
      }
      expect((await requestRow(db, { id: own.id })).status).toBe('pending');
      // create-admin makes every admin `power`; the request itself stays undecided.
      expect((await pat.trpc.auth.me.query()).user?.role).toBe('power');
      const audits = await db.selectFrom('auditLog').where('subjectId', '=', own.id).execute();
      expect(audits).toEqual([]);

      // Another admin may: the guard is about whose request it is, not about admins.
      const decided = await admin.trpc.admin.approve.mutate({ requestId: own.id });
      expect(decided.user.role).toBe('power');
      figures.selfApproveAsPerson = asPerson.codes[0] ?? '';
      figures.selfDecideAsAdmin = 'FORBIDDEN (approve, deny)';
      figures.otherAdminApproved = true;
    },
  );

  reliabilityCase(
    'entries.save and entries.delete below power (reader, contributor, editor, pending power): FORBIDDEN',
    60_000,
    async (figures) => {
      const { entry } = await admin.trpc.entries.save.mutate({ title: 'Original', body: 'Kept.' });
      const writers: Array<[Level, string]> = [
        ['reader', 'reader-writer@attack.test'],
        ['contributor', 'contributor-writer@attack.test'],
        ['editor', 'editor-writer@attack.test'],
        ['power', 'pending-writer@attack.test'],
      ];
      const save: ProcedureInfo = {
        path: 'entries.save',
        type: 'mutation',
        takesInput: true,
        fields: [],
      };
      const remove: ProcedureInfo = { ...save, path: 'entries.delete' };
      let refused = 0;
      for (const [role, email] of writers) {
        const { person } = await signUp(stack.personOptions(), { email, role });
        const cookie = person.jar.header() ?? null;
        const attempts: Array<[ProcedureInfo, unknown]> = [
          [save, { title: 'New', body: 'Injected.' }],
          [save, { id: entry.id, baseVersion: entry.version, title: 'Defaced', body: 'Defaced.' }],
          [remove, { id: entry.id, baseVersion: entry.version }],
        ];
        for (const [procedure, input] of attempts) {
          const { codes } = await guardedCall({ db, tables }, () =>
            send(baseUrl(), request(procedure, input, cookie)),
          );
          expect(codes, `${role} → ${procedure.path}`).toEqual(['FORBIDDEN']);
          refused++;
        }
      }
      const entries = await db.selectFrom('entries').select(['title', 'body']).execute();
      expect(entries).toEqual([{ title: 'Original', body: 'Kept.' }]);
      figures.levelsTried = writers
        .map(([role]) => (role === 'power' ? 'power (pending)' : role))
        .join(', ');
      figures.refused = refused;
    },
  );
});
