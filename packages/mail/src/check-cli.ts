#!/usr/bin/env node
/**
 * `mail:check` / `rolegate-mail-check`: reads the mail settings from the environment, checks that
 * mail really gets through (see diagnose/) and prints one sentence per finding, with the fix.
 * Exit code 0 when mail works, 1 when it does not, 2 for a wrong command line.
 */
import { parseArgs } from 'node:util';
import { diagnose, diagnoseSettingsError, formatDiagnosis } from './diagnose/index.js';
import { loadMailSettings, MailSettingsError } from './settings.js';

const USAGE = `Usage: rolegate-mail-check [--send-to ADDRESS] [--from ADDRESS] [--recipient ADDRESS]...

Checks the mail settings (EMAIL_* or MAILERS), each mailer: resolves the host, connects, finds the TLS mode the port speaks,
logs in, tries MAIL FROM / RCPT TO for the senders and ADMINS (then RSET: nothing is sent).
  --send-to ADDRESS    also send a real test message to ADDRESS
  --from ADDRESS       try this sender instead of DEFAULT_FROM_EMAIL and SERVER_EMAIL
  --recipient ADDRESS  try this recipient instead of ADMINS (repeatable)`;

async function main(): Promise<number> {
  let values: { 'send-to'?: string; from?: string; recipient?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        'send-to': { type: 'string' },
        from: { type: 'string' },
        recipient: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let settings: ReturnType<typeof loadMailSettings>;
  try {
    settings = loadMailSettings(process.env);
  } catch (error) {
    if (!(error instanceof MailSettingsError)) throw error;
    console.log(formatDiagnosis(diagnoseSettingsError(error)));
    return 1;
  }
  const diagnosis = await diagnose(settings, {
    ...(values['send-to'] === undefined ? {} : { sendTo: values['send-to'] }),
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.recipient === undefined ? {} : { recipients: values.recipient }),
  });
  console.log(formatDiagnosis(diagnosis));
  return diagnosis.ok ? 0 : 1;
}

process.exitCode = await main();
