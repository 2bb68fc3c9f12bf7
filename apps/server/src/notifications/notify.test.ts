import type { Executor, LevelRequest, User } from '@rolegate/db';
import type { TestDb } from '@rolegate/db/testing';
import { type Address, BadHeaderError } from '@rolegate/mail';
import type { TestSmtpServer } from '@rolegate/mail/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../env.js';
import {
  emptyMailAndPeople,
  startDatabaseAndSmtp,
  stopDatabaseAndSmtp,
} from '../testing/database-and-smtp.js';
import { mailSettings, outboxRows, waitUntilSettled, workerPool } from '../testing/outbox.js';
import { testConfig } from '../testing/test-context.js';
import { notifyAdminsOfLevelRequest, notifyRequestDecision } from './notify.js';

const SCRIPT = '<script>alert(1)</script>';

let t: TestDb;
let db: Executor;
let smtp: TestSmtpServer;
let config: AppConfig;
const workers = workerPool(() => ({ db, config: { databaseUrl: t.url, mail: config.mail } }));

beforeAll(async () => ({ t, db, smtp } = await startDatabaseAndSmtp()));
afterAll(() => stopDatabaseAndSmtp({ t, db, smtp }));
beforeEach(async () => {
  await emptyMailAndPeople({ t, db, smtp });
  configure([]);
});
afterEach(() => workers.stopAll());

function configure(admins: Address[]) {
  config = testConfig({
    appUrl: 'https://rolegate.example/app',
    mail: { ...mailSettings(smtp.transport()), admins, serverEmail: 'server@example.com' },
  });
}

async function addUser(name: string, email: string, isAdmin = false): Promise<User> {
  return db
    .insertInto('users')
    .values({ name, email, passwordHash: 'not-a-hash', role: 'editor', isAdmin })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function addRequest(user: User, reason: string | null): Promise<LevelRequest> {
  return db
    .insertInto('levelRequests')
    .values({ userId: user.id, requestedRole: 'power', reason })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function deliverAll() {
  workers.start();
  const rows = await waitUntilSettled(db);
  expect(rows.map((row) => row.state)).toEqual(rows.map(() => 'sent'));
  return smtp.received;
}

describe('the admins are told about a level request', () => {
  it('mails ADMINS with the person, level, reason, time and link, user input escaped in HTML', async () => {
    configure([{ name: 'Grace Hopper', email: 'grace@example.com' }]);
    const user = await addUser(SCRIPT, 'mallory@example.com');
    const request = await addRequest(user, `I need it & <b>now</b>`);
    expect(await notifyAdminsOfLevelRequest(db, config, { request, user })).toEqual({
      queued: true,
    });

    const [mail] = await deliverAll();
    expect(mail?.envelope.rcptTo).toEqual(['grace@example.com']);
    // Mail to admins comes from SERVER_EMAIL, as Django's mail_admins sends it.
    expect(mail?.envelope.mailFrom).toBe('server@example.com');
    const parsed = mail?.parsed;
    expect(parsed?.subject).toBe(`[Rolegate] ${SCRIPT} asks for power access`);
    const link = `https://rolegate.example/app/admin/requests/${request.id}`;
    expect(parsed?.text).toContain(link);
    expect(parsed?.text).toContain('mallory@example.com');
    expect(parsed?.text).toContain(request.createdAt.toISOString());
    expect(parsed?.html).toContain(`href="${link}"`);
    expect(parsed?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(parsed?.html).toContain('I need it &amp; &lt;b&gt;now&lt;/b&gt;');
    expect(parsed?.html).not.toContain('<script>');
    expect(parsed?.html).not.toContain('<b>now');
  });

  it('mails every admin account when ADMINS is empty, each with approve/deny links of their own', async () => {
    await addUser('Admin One', 'one@example.com', true);
    await addUser('Admin Two', 'two@example.com', true);
    const user = await addUser('Ada Lovelace', 'ada@example.com');
    const request = await addRequest(user, null);
    await notifyAdminsOfLevelRequest(db, config, { request, user });

    const mails = await deliverAll();
    expect(mails.map((mail) => mail.envelope.rcptTo).sort()).toEqual([
      ['one@example.com'],
      ['two@example.com'],
    ]);
    const links = mails.map((mail) => {
      expect(mail.parsed.subject).toBe('[Rolegate] Ada Lovelace asks for power access');
      return mail.parsed.text?.match(/Approve: (\S+\/decide\/[\w-]+)\?decision=approve/)?.[1];
    });
    expect(links[0]).toMatch(/^https:\/\/rolegate\.example\/app\/decide\//);
    expect(new Set(links).size).toBe(2);
    const stored = await db.selectFrom('decisionLinks').selectAll().execute();
    expect(stored.map((link) => link.requestId)).toEqual([request.id, request.id]);
    // Only the hash is kept: no stored value appears in any mail.
    for (const link of stored) {
      expect(mails.some((mail) => mail.parsed.text?.includes(link.tokenHash))).toBe(false);
    }
  });

  it('queues the notification of a request once, with one link', async () => {
    const admin = await addUser('Admin', 'admin@example.com', true);
    const user = await addUser('Ada Lovelace', 'ada@example.com');
    const request = await addRequest(user, null);
    await notifyAdminsOfLevelRequest(db, config, { request, user });
    const again = await notifyAdminsOfLevelRequest(db, config, { request, user });
    expect(again.queued).toBe(false);
    expect((await outboxRows(db)).map((row) => row.idempotencyKey)).toEqual([
      `level-request:${request.id}:admins:${admin.id}`,
    ]);
    expect(await db.selectFrom('decisionLinks').select('adminId').execute()).toEqual([
      { adminId: admin.id },
    ]);
  });

  it('queues nothing, and says why, when there is nobody to tell', async () => {
    const user = await addUser('Ada Lovelace', 'ada@example.com');
    const request = await addRequest(user, null);
    const result = await notifyAdminsOfLevelRequest(db, config, { request, user });
    expect(result).toEqual({ queued: false, reason: expect.stringContaining('reach nobody') });
    expect(await outboxRows(db)).toEqual([]);
  });

  it('refuses a name with a line break (BadHeaderError), queuing nothing', async () => {
    await addUser('Admin', 'admin@example.com', true);
    const user = await addUser('Eve\r\nBcc: everyone@example.com', 'eve@example.com');
    const request = await addRequest(user, null);
    await expect(notifyAdminsOfLevelRequest(db, config, { request, user })).rejects.toThrow(
      BadHeaderError,
    );
    expect(await outboxRows(db)).toEqual([]);
  });
});

describe('the person is told the decision', () => {
  it('says "You now have power access" on approval', async () => {
    const user = await addUser('Ada Lovelace', 'ada@example.com');
    const request = await addRequest(user, null);
    await notifyRequestDecision(db, config, { request, user, decision: 'approved' });
    const [mail] = await deliverAll();
    expect(mail?.envelope.rcptTo).toEqual(['ada@example.com']);
    expect(mail?.parsed.subject).toBe('You now have power access');
    expect(mail?.parsed.text).toContain('https://rolegate.example/app/');
  });

  it('gives the reason on denial, escaped in HTML, once per request', async () => {
    const user = await addUser(SCRIPT, 'ada@example.com');
    const request = await addRequest(user, null);
    const facts = { request, user, decision: 'denied' as const, denyReason: 'Ask <your> lead' };
    expect(await notifyRequestDecision(db, config, facts)).toBe(true);
    expect(await notifyRequestDecision(db, config, facts)).toBe(false);
    const [mail] = await deliverAll();
    expect(mail?.parsed.subject).toBe('Your request for power access was declined');
    expect(mail?.parsed.text).toContain('Their reason: Ask <your> lead');
    expect(mail?.parsed.html).toContain('Ask &lt;your&gt; lead');
    expect(mail?.parsed.html).not.toContain('<script>');
    expect(smtp.received).toHaveLength(1);
  });
});
