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
  it('fails the console backend: it prints instead of delivering, so nobody receives mail', async () => {
    const diagnosis = await diagnose(settingsWith({ backend: 'console' }), {
      sendTo: 'me@example.net',
    });
    expect(diagnosis).toEqual({
      ok: false,
      findings: [
        expect.objectContaining({
          step: 'backend',
          transport: 'main transport (console backend)',
          ok: false,
          explanation:
            'The console backend prints each message to standard error instead of sending it: nobody receives mail. No test message was sent to me@example.net.',
        }),
      ],
    });
  });

  it.each([{ backend: 'memory' }, { backend: 'dummy' }] as const)(
    'fails the $backend backend: nobody receives mail',
    async (transport) => {
      const { ok, findings } = await diagnose(settingsWith(transport));
      expect(ok).toBe(false);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.explanation).toContain('nobody receives mail');
      expect(findings[0]?.fix).toContain('EMAIL_BACKEND=smtp');
    },
  );

  it('fails the file backend when EMAIL_FILE_PATH is a file, not a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolegate-diagnose-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const diagnosis = await diagnose(settingsWith({ backend: 'file', filePath: file }));
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.findings[0]?.fix).toContain('Set EMAIL_FILE_PATH to a directory');
  });

  it('labels each failover, and a file backend that writes still delivers to nobody', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolegate-diagnose-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const diagnosis = await diagnose(
      settingsWith({ backend: 'file', filePath: join(dir, 'mail') }, [{ backend: 'dummy' }]),
    );
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.findings.map((finding) => [finding.transport, finding.ok])).toEqual([
      [`main transport (file backend, ${join(dir, 'mail')})`, false],
      ['failover 1 (dummy backend)', false],
    ]);
    expect(diagnosis.findings[0]?.explanation).toContain('nobody receives mail');
  });
});
