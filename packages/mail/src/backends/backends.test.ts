import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getConnection } from '../connection.js';
import { sendMail } from '../send.js';
import { loadMailSettings, MailSettingsError } from '../settings.js';
import { testMessage } from '../testing/message.js';
import { clearOutbox, outbox } from './memory.js';

const scratch = await mkdtemp(join(tmpdir(), 'rolegate-mail-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
beforeEach(() => clearOutbox());

const settings = loadMailSettings({ EMAIL_BACKEND: 'memory' });

const message = (subject: string) => testMessage({ subject, settings });

describe('memory backend', () => {
  it('appends copies of sent messages to outbox, as Django’s mail.outbox', async () => {
    const sent = message('First');
    expect(await sent.send()).toBe(1);
    sent.subject = 'changed later';
    expect(outbox.map((m) => m.subject)).toEqual(['First']);
    expect(outbox[0]?.messageId).toBe(sent.messageId);
  });

  it('is emptied by clearOutbox without replacing the array', async () => {
    const reference = outbox;
    await message('x').send();
    clearOutbox();
    expect(reference).toHaveLength(0);
    expect(outbox).toBe(reference);
  });
});

describe('file backend', () => {
  it('writes one .log file per connection, created with its directory', async () => {
    const directory = join(scratch, 'nested', 'mail');
    const connection = getConnection('file', { settings, filePath: directory });
    expect(await connection.sendMessages([message('One'), message('Two')])).toBe(2);
    const third = getConnection('file', { settings, filePath: directory });
    expect(await third.sendMessages([message('Three')])).toBe(1);
    const files = (await readdir(directory)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((name) => /^\d{8}-\d{6}-[0-9a-f]{8}\.log$/.test(name))).toBe(true);
    const contents = await Promise.all(
      files.map((name) => readFile(join(directory, name), 'utf8')),
    );
    const batch = contents.find((text) => text.includes('Subject: One')) ?? '';
    expect(batch).toContain('Subject: Two');
    expect(batch.indexOf('Subject: One')).toBeLessThan(batch.indexOf('Subject: Two'));
  });

  it('is chosen by EMAIL_BACKEND=file with EMAIL_FILE_PATH', async () => {
    const directory = join(scratch, 'from-env');
    const fileSettings = loadMailSettings({ EMAIL_BACKEND: 'file', EMAIL_FILE_PATH: directory });
    expect(await sendMail('Env', 'body', null, ['b@example.com'], { settings: fileSettings })).toBe(
      1,
    );
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('needs a directory when named without one', () => {
    expect(() => getConnection('file', { settings })).toThrow(MailSettingsError);
  });
});

describe('dummy backend', () => {
  it('counts messages as sent and keeps nothing', async () => {
    const connection = getConnection('dummy', { settings });
    expect(await connection.sendMessages([message('a'), message('b')])).toBe(2);
    expect(outbox).toHaveLength(0);
  });
});

describe('getConnection', () => {
  it.each([
    ['django.core.mail.backends.locmem.EmailBackend', 1],
    ['locmem', 1],
    ['django.core.mail.backends.dummy.EmailBackend', 0],
  ])('accepts the backend name %s', async (name, kept) => {
    await getConnection(name, { settings }).sendMessages([message('alias')]);
    expect(outbox).toHaveLength(kept);
  });

  it('refuses an unknown backend name', () => {
    expect(() =>
      getConnection('django.core.mail.backends.pigeon.EmailBackend', { settings }),
    ).toThrow(/not a mail backend/);
  });

  it('skips messages without recipients, as Django', async () => {
    const empty = testMessage({ subject: 'nobody', to: [], settings });
    expect(await getConnection(undefined, { settings }).sendMessages([empty, message('x')])).toBe(
      1,
    );
    expect(await empty.send()).toBe(0);
  });

  it('can be used with await using', async () => {
    {
      await using connection = getConnection(undefined, { settings });
      expect(await connection.open()).toBe(false);
      await connection.sendMessages([message('scoped')]);
    }
    expect(outbox).toHaveLength(1);
  });
});
