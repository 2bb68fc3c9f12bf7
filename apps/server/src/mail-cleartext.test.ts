import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.js';

const warningsOf = (env: Record<string, string>) => loadConfig(env).mail.warnings ?? [];
const CLEARTEXT = /password crosses the network in clear text.*EMAIL_USE_TLS=true/;

describe('an SMTP login without TLS', () => {
  it('is warned about at start, naming the host and the fix', () => {
    const warnings = warningsOf({
      EMAIL_HOST: 'smtp.example.com',
      EMAIL_HOST_USER: 'rolegate',
      EMAIL_HOST_PASSWORD: 'secret',
    });
    expect(warnings.join('\n')).toMatch(CLEARTEXT);
    expect(warnings.join('\n')).toContain('smtp.example.com:25');
  });

  it('is warned about in EMAIL_URL and in a failover URL too', () => {
    expect(warningsOf({ EMAIL_URL: 'smtp://u:p@smtp.example.com:2525' }).join('\n')).toMatch(
      CLEARTEXT,
    );
    expect(
      warningsOf({
        EMAIL_URL: 'smtps://u:p@smtp.example.com',
        EMAIL_FAILOVER_URLS: 'smtp://u:p@backup.example.com:25',
      }).join('\n'),
    ).toContain('backup.example.com:25');
  });

  it('is not warned about with TLS, without a user, or on this machine', () => {
    const quiet: Array<Record<string, string>> = [
      { EMAIL_URL: 'smtp+tls://u:p@smtp.example.com:587' },
      { EMAIL_URL: 'smtps://u:p@smtp.example.com:465' },
      { EMAIL_HOST: 'smtp.example.com' },
      { EMAIL_URL: 'smtp://u:p@localhost:1025' },
    ];
    for (const env of quiet) {
      expect(warningsOf(env).join('\n'), JSON.stringify(env)).not.toMatch(CLEARTEXT);
    }
  });
});
