import { describe } from 'vitest';
import { reliabilityCase } from '../harness/index.js';
import { BURST, permanentFaultCase } from './smtp-faults.js';

describe(`permanent SMTP refusals during ${BURST} power sign-ups`, () => {
  reliabilityCase(
    'SMTP answers 550 to RCPT TO; the admin retries after the fix',
    120_000,
    (figures) =>
      permanentFaultCase({ tag: 'smtp550', faults: { rcptTo: { code: 550 } } }, /\b550\b/, figures),
  );

  reliabilityCase(
    'SMTP refuses AUTH with 535; the admin retries after the fix',
    120_000,
    (figures) =>
      permanentFaultCase(
        {
          tag: 'smtp535',
          smtp: { auth: { user: 'rolegate', pass: 'smtp-secret' } },
          faults: { auth: { code: 535 } },
        },
        /\b535\b/,
        figures,
      ),
  );
});
