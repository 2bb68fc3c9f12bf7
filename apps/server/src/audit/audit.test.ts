import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyPage } from '../testing/expectations.js';
import {
  clientError,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/index.js';
import { pendingRequestIdOf } from '../testing/levels.js';
import { insertPeople, signedInClient } from '../testing/seeded-rows.js';
import { CSV_PAGE_ROWS, inertCell } from './csv.js';
import { writeAudit } from './write-audit.js';

let s: TestServer;
let admin: TestClient & { userId: string };
/** Someone whose name a spreadsheet would run, who asks for power (a request to decide). */
let hostile: TestClient & { userId: string };
const HOSTILE_NAME = '=HYPERLINK("http://x","click")';
const ADMIN_NAME = '@Root, "the boss"';
const DENY_REASON = '-1+2, "no"\nsecond line';

beforeAll(async () => {
  s = await startTestServer();
  admin = await signedInClient(s, { admin: true, name: ADMIN_NAME });
  hostile = await signedInClient(s, { admin: false, name: HOSTILE_NAME });
  await hostile.trpc.account.requestLevel.mutate({ role: 'power', reason: 'I need it' });
  const requestId = await pendingRequestIdOf(s.db, hostile.userId);
  await admin.trpc.admin.deny.mutate({ requestId, reason: DENY_REASON });
});
afterAll(() => s.close());

/** The CSV's records (header first), read back with a CSV parser as a spreadsheet would. */
async function csvRecords(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
  return parse(await response.text(), { bom: true });
}

describe('admin.audit', () => {
  it('shows a decision with its actor and the person it was about', async () => {
    const { entries } = await admin.trpc.admin.audit.query({ action: 'level_request.denied' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'level_request.denied',
      actor: { id: admin.userId, name: ADMIN_NAME },
      subjectType: 'level_request',
      subject: { id: hostile.userId, name: HOSTILE_NAME },
      details: { denyReason: DENY_REASON, via: 'panel' },
    });
    expect(Date.parse(entries[0]?.at ?? '')).not.toBeNaN();
  });

  it("filters by actor, and by subject (a person's id finds the decisions on their requests)", async () => {
    const other = randomUUID();
    await writeAudit(s.db, {
      actorId: null,
      action: 'user.made_admin',
      subjectType: 'user',
      subjectId: hostile.userId,
      details: { source: 'test' },
    });
    await writeAudit(s.db, {
      actorId: null,
      action: 'setting.changed',
      subjectType: 'setting',
      subjectId: 'DIGEST_HOUR_UTC',
    });
    const about = await admin.trpc.admin.audit.query({ subjectId: hostile.userId });
    expect(about.entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['level_request.denied', 'user.made_admin']),
    );
    expect(about.entries.every((entry) => entry.subject?.id === hostile.userId)).toBe(true);
    const byAdmin = await admin.trpc.admin.audit.query({ actorId: admin.userId });
    expect(byAdmin.entries.map((entry) => entry.action)).toEqual(['level_request.denied']);
    const setting = await admin.trpc.admin.audit.query({ subjectId: 'DIGEST_HOUR_UTC' });
    expect(setting.entries).toMatchObject([{ subject: null, subjectId: 'DIGEST_HOUR_UTC' }]);
    expect((await admin.trpc.admin.audit.query({ actorId: other })).entries).toEqual([]);
  });

  it('shows a null actor and subject once their accounts are gone, keeping the ids it was written with', async () => {
    const [gone] = await insertPeople(
      s.db,
      [{ name: 'Gone', email: 'gone@seed.test' }],
      new Date(),
    );
    const goneId = gone?.id ?? '';
    await writeAudit(s.db, {
      actorId: goneId,
      action: 'user.level_set',
      subjectType: 'user',
      subjectId: goneId,
    });
    await s.db.deleteFrom('users').where('id', '=', goneId).execute();
    const { entries } = await admin.trpc.admin.audit.query({ subjectId: goneId });
    expect(entries).toMatchObject([{ actor: null, subject: null, subjectId: goneId }]);
  });

  it('walks every entry exactly once while new ones are written between pages', async () => {
    const at = new Date('2026-02-01T00:00:00Z');
    await s.db
      .insertInto('auditLog')
      .values(
        Array.from({ length: 45 }, (_, i) => ({
          action: 'test.paged',
          subjectType: 'test',
          subjectId: `paged-${i}`,
          details: '{}',
          createdAt: at,
        })),
      )
      .execute();
    const pages = await everyPage(async (cursor) => {
      const page = await admin.trpc.admin.audit.query({ action: 'test.paged', limit: 8, cursor });
      await writeAudit(s.db, {
        actorId: null,
        action: 'test.paged',
        subjectType: 'test',
        subjectId: 'late',
      });
      return page;
    });
    const ids = pages.flatMap((page) => page.entries.map((entry) => entry.subjectId));
    expect(ids.filter((id) => id !== 'late').sort()).toEqual(
      Array.from({ length: 45 }, (_, i) => `paged-${i}`).sort(),
    );
    expect(ids).not.toContain('late');
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('refuses a bad filter, limit or cursor with BAD_REQUEST naming the field', async () => {
    type AuditInput = Parameters<typeof admin.trpc.admin.audit.query>[0];
    for (const [input, field] of [
      [{ actorId: 'someone' }, 'actorId'],
      [{ action: 'DROP TABLE' }, 'action'],
      [{ limit: 201 }, 'limit'],
      [{ cursor: 'nope' }, 'cursor'],
      [{ actor: admin.userId }, 'actor'],
    ] as const) {
      const error = await clientError(admin.trpc.admin.audit.query(input as AuditInput));
      expect({ field, code: error.data?.code }).toEqual({ field, code: 'BAD_REQUEST' });
      expect(error.data?.fieldErrors).toHaveProperty(field);
    }
  });
});

describe('GET /admin/audit.csv', () => {
  it('answers 401 without a session and 403 to a signed-in non-admin, with no rows', async () => {
    const anonymous = await fetch(`${s.url}/admin/audit.csv`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('level_request');
    const forbidden = await hostile.fetch('/admin/audit.csv');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).not.toContain('level_request');
  });

  it('holds a header row and the rows of the filter, with formulas made inert and cells quoted', async () => {
    const records = await csvRecords(
      await admin.fetch(`/admin/audit.csv?action=level_request.denied`),
    );
    // The header is the export's public format, spelled out here as a spreadsheet shows it.
    expect(records[0]?.join(',')).toBe(
      'id,at,action,actor_id,actor_name,actor_email,subject_type,subject_id,subject_name,subject_email,details',
    );
    expect(records).toHaveLength(2);
    const [row] = records.slice(1);
    // The name arrives whole (its comma and quotes survived the quoting), led by an apostrophe.
    expect(row?.[4]).toBe(`'${ADMIN_NAME}`);
    expect(row?.[8]).toBe(`'${HOSTILE_NAME}`);
    expect(JSON.parse(row?.[10] ?? '')).toMatchObject({ denyReason: DENY_REASON });
    for (const cell of row ?? []) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('streams every matching row, page after page, and refuses an unknown filter', async () => {
    const total = CSV_PAGE_ROWS * 2 + 7;
    await s.db
      .insertInto('auditLog')
      .values(
        Array.from({ length: total }, (_, i) => ({
          action: 'test.bulk',
          subjectType: 'test',
          subjectId: `bulk-${i}`,
          details: '{}',
        })),
      )
      .execute();
    const records = await csvRecords(await admin.fetch('/admin/audit.csv?action=test.bulk'));
    const subjects = records.slice(1).map((record) => record[7]);
    expect(subjects).toHaveLength(total);
    expect(new Set(subjects).size).toBe(total);

    const blank = await csvRecords(await admin.fetch('/admin/audit.csv?action=&actorId='));
    expect(blank.length).toBeGreaterThan(total);

    const refused = await admin.fetch('/admin/audit.csv?actor=me');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fieldErrors: { actor: expect.any(Array) } });
  });

  it('makes every formula-looking start inert, tab and carriage return too (OWASP)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(inertCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    }
    expect(inertCell('Ada, "the countess"')).toBe('Ada, "the countess"');
  });
});
