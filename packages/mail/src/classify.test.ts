import { describe, expect, it } from 'vitest';
import { classifyDeliveryError } from './classify.js';
import { BadHeaderError, MailFailoverError } from './errors.js';
import { UnknownMailerError } from './mailer-lookup.js';

function smtpError(fields: Record<string, unknown>, message = 'failed'): Error {
  return Object.assign(new Error(message), fields);
}

describe('classifyDeliveryError', () => {
  it.each([
    [421, 'temporary'],
    [450, 'temporary'],
    [452, 'temporary'],
    [535, 'permanent'],
    [550, 'permanent'],
    [553, 'permanent'],
    [554, 'permanent'],
  ] as const)('SMTP %i is %s', (responseCode, kind) => {
    const error = smtpError({ code: 'EENVELOPE', responseCode, response: `${responseCode} x` });
    expect(classifyDeliveryError(error)).toEqual({
      kind,
      reason: expect.any(String),
      responseCode,
    });
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNECTION'])(
    'network error %s is temporary',
    (code) => {
      expect(classifyDeliveryError(smtpError({ code: 'ESOCKET', originalCode: code })).kind).toBe(
        'temporary',
      );
      expect(classifyDeliveryError(smtpError({ code })).kind).toBe('temporary');
    },
  );

  it('a greeting timeout is temporary and hints at the TLS mode', () => {
    const error = smtpError(
      { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' },
      'Greeting never received',
    );
    expect(classifyDeliveryError(error)).toMatchObject({
      kind: 'temporary',
      reason: /wrong TLS mode/,
    });
  });

  it('a certificate or TLS-version failure is permanent', () => {
    for (const originalCode of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      expect(classifyDeliveryError(smtpError({ code: 'ESOCKET', originalCode })).kind).toBe(
        'permanent',
      );
    }
  });

  it('a mailer that is not configured is temporary, and the reason says how to get it back', () => {
    const verdict = classifyDeliveryError(new UnknownMailerError('bulk', ['default']));
    expect(verdict.kind).toBe('temporary');
    expect(verdict.reason).toContain(
      "names the mailer 'bulk', which is not configured (the mailers are 'default'): add 'bulk' to MAILERS",
    );
  });

  it('a bad message is permanent', () => {
    expect(classifyDeliveryError(new BadHeaderError('Subject', 'a\nb')).kind).toBe('permanent');
  });

  it('keeps only the first line of a long reply', () => {
    const error = smtpError({ responseCode: 550, response: '550 5.7.1 Relaying denied\n550 more' });
    expect(classifyDeliveryError(error).reason).toBe('SMTP refused: 550 5.7.1 Relaying denied');
  });

  it('failover is temporary when any transport failed temporarily, else permanent', () => {
    const temporary = smtpError({ responseCode: 451 });
    const permanent = smtpError({ responseCode: 550 });
    expect(classifyDeliveryError(new MailFailoverError([permanent, temporary])).kind).toBe(
      'temporary',
    );
    expect(classifyDeliveryError(new MailFailoverError([permanent, permanent])).kind).toBe(
      'permanent',
    );
  });
});
