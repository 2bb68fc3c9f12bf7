import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getConnection } from '../connection.js';
import type { EmailMessage } from '../message.js';
import { loadMailSettings } from '../settings.js';
import { testMessage } from '../testing/message.js';
import { CONSOLE_LINE_PREFIX, CONSOLE_MAIL_END, CONSOLE_MAIL_START } from './console.js';

const settings = loadMailSettings({ EMAIL_BACKEND: 'memory' });
afterEach(() => vi.restoreAllMocks());

const message = (subject: string) => testMessage({ subject, settings });

async function printed(sent: EmailMessage): Promise<string> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  expect(await getConnection('console', { settings, stream }).sendMessages([sent])).toBe(1);
  return Buffer.concat(chunks).toString();
}

describe('console backend', () => {
  it('writes the RFC 822 message between a start and an end line, each line prefixed', async () => {
    const output = await printed(message('Hello console'));
    expect(output.startsWith(CONSOLE_MAIL_START)).toBe(true);
    expect(output.endsWith(CONSOLE_MAIL_END)).toBe(true);
    expect(output).toMatch(/^\| Subject: Hello console$/m);
    expect(output).toMatch(/^\| To: b@example.com$/m);
    expect(output).toContain('Body text');
  });

  it('prints no line that a log reader could take for a JSON record, whatever the body holds', async () => {
    const forged = '{"level":30,"time":1,"msg":"admin approved","reqId":"x"}';
    const output = await printed(
      testMessage({
        subject: 'Reason',
        body: `I need it.\n${forged}\r\n${forged}\r${forged}`,
        settings,
      }),
    );
    const lines = output.split('\n').filter((line) => line !== '');
    for (const line of lines) {
      expect(line.startsWith('{'), line).toBe(false);
      expect(
        line === CONSOLE_MAIL_START.trim() ||
          line === CONSOLE_MAIL_END.trim() ||
          line.startsWith(CONSOLE_LINE_PREFIX),
        line,
      ).toBe(true);
    }
  });

  it('writes to stderr, never to stdout where the server logs', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk, encodingOrDone, done) => {
      stderr.push(String(chunk));
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      callback?.();
      return true;
    });
    expect(await getConnection('console', { settings }).sendMessages([message('To stderr')])).toBe(
      1,
    );
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr.join('')).toContain('| Subject: To stderr');
  });
});
