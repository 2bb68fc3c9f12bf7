import { describe } from 'vitest';
import { reliabilityCase } from '../harness/index.js';
import { BURST, temporaryFaultCase } from './smtp-faults.js';

describe(`temporary SMTP faults during ${BURST} power sign-ups`, () => {
  reliabilityCase('SMTP answers 421 to MAIL FROM, then recovers', 120_000, (figures) =>
    temporaryFaultCase({ tag: 'smtp421', faults: { mailFrom: { code: 421 } } }, BURST, figures),
  );

  reliabilityCase('SMTP drops the connection mid-DATA, then recovers', 120_000, (figures) =>
    temporaryFaultCase({ tag: 'drop', faults: { dropDuringData: true } }, BURST, figures),
  );

  // Each silent connection costs EMAIL_TIMEOUT, and the worker tries one message at a time:
  // lift the fault once a few have timed out rather than waiting out all thirty.
  reliabilityCase(
    'SMTP accepts the connection and never answers, then recovers',
    120_000,
    (figures) =>
      temporaryFaultCase(
        { tag: 'silent', faults: { neverGreet: true }, env: { EMAIL_TIMEOUT: '1' } },
        3,
        figures,
      ),
  );
});
