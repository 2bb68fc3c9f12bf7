import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { MailSettings, Transport } from '../settings.js';
import { diagnose } from './diagnose.js';

function settingsWith(transport: Transport, failover: Transport[] = []): MailSettings {
  return {
    transport,
    failover,
    defaultFromEmail: 'rolegate@example.com',
    serverEmail: 'rolegate@example.com',
    subjectPrefix: '',
    admins: [],
    managers: [],
  };
}

describe('diagnose: backends that do not speak SMTP', () => {
  it('says plainly that the console backend prints instead of delivering', async () => {
    const diagnosis = await diagnose(settingsWith({ backend: 'console' }), {
      sendTo: 'me@example.net',
    });
    expect(diagnosis).toEqual({
      ok: true,
      findings: [
        expect.objectContaining({
          step: 'backend',
          transport: 'main transport (console backend)',
          ok: true,
          explanation:
            'The console backend prints each message to standard output instead of sending it: nobody receives mail. No test message was sent to me@example.net.',
        }),
      ],
    });
  });

  it('says plainly that the memory backend delivers nothing', async () => {
    const { findings } = await diagnose(settingsWith({ backend: 'memory' }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.explanation).toContain('nothing is delivered');
    expect(findings[0]?.fix).toContain('EMAIL_BACKEND=smtp');
  });

  it('fails the file backend when EMAIL_FILE_PATH is a file, not a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolegate-diagnose-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const diagnosis = await diagnose(settingsWith({ backend: 'file', filePath: file }));
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.findings[0]?.fix).toContain('Set EMAIL_FILE_PATH to a directory');
  });

  it('labels each failover and counts mail as working when one transport works', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolegate-diagnose-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'file'), '');
    const blocked = join(dir, 'file', 'mail');
    const diagnosis = await diagnose(
      settingsWith({ backend: 'file', filePath: blocked }, [{ backend: 'dummy' }]),
    );
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.findings.map((finding) => [finding.transport, finding.ok])).toEqual([
      [`main transport (file backend, ${blocked})`, false],
      ['failover 1 (dummy backend)', true],
    ]);
  });
});
