import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mailersJson } from './env-entries.js';
import { updateEnvFile } from './env-file.js';

async function envFile(text: string | null): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'rolegate-env-')), '.env');
  if (text !== null) await writeFile(file, text, { mode: 0o644 });
  return file;
}

describe('updateEnvFile', () => {
  it('replaces the mail lines in place, keeps every other line and backs the old file up', async () => {
    const before = 'A=1\n# mail\nEMAIL_HOST=x\nEMAIL_PORT=25\nB=2\nEMAIL_URL=smtp://old\n';
    const file = await envFile(before);
    const { backup } = await updateEnvFile(
      file,
      [['EMAIL_URL', 'smtps://u:p@h:465']],
      ['EMAIL_URL', 'EMAIL_HOST', 'EMAIL_PORT'],
    );
    expect(await readFile(file, 'utf8')).toBe('A=1\n# mail\nEMAIL_URL=smtps://u:p@h:465\nB=2\n');
    expect(backup).toBe(`${file}.bak`);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(before);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(`${file}.bak`)).mode & 0o777).toBe(0o600);
  });

  it('writes values that Node reads back unchanged: spaces, quotes, JSON', async () => {
    const file = await envFile(null);
    const values: [string, string][] = [
      ['DEFAULT_FROM_EMAIL', 'Jane Doe <jane@example.com>'],
      ['EMAIL_URL', "smtps://u:it's%20me@h:465"],
      [
        'MAILERS',
        mailersJson({
          backend: 'smtp',
          host: 'h',
          port: 465,
          username: 'u',
          password: `it's "quoted" # not a comment`,
          security: 'ssl',
          timeoutMs: 10_000,
          sslCertfile: null,
          sslKeyfile: null,
        }),
      ],
    ];
    const { backup } = await updateEnvFile(file, values, []);
    expect(backup).toBeNull();
    const parsed = parseEnv(await readFile(file, 'utf8'));
    for (const [name, value] of values) expect(parsed[name]).toBe(value);
    expect(JSON.parse(parsed.MAILERS ?? '').default.OPTIONS.password).toBe(
      `it's "quoted" # not a comment`,
    );
  });
});
