/** `rolegate mail setup`: from an address and a password to working mail settings in the env file. */
import path from 'node:path';
import {
  type Address,
  type CandidateResult,
  diagnose,
  emailUrl,
  findMailSettings,
  formatAddress,
  isFailure,
  loadMailSettings,
  otherMailers,
  readEnvFileValue,
  redactEmailUrl,
  settingsReplacedBySetup,
  setupEnvEntries,
  updateEnvFile,
} from '@rolegate/mail';
import { type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.js';
import { mailAddress, parseSetupArgs, type SetupArgs } from './mail-setup-args.js';
import { promptHidden, readPasswordFromStdin } from './password-input.js';
import { promptLine } from './prompt-line.js';

export async function mailSetup(args: string[], io: CliIo): Promise<number> {
  const options = parseSetupArgs(args);
  const ask = io.stdin.isTTY === true && !options.yes;
  const out = (line = '') => io.stdout.write(`${line}\n`);

  const from = options.from ?? (await askFrom(ask, io));
  const username =
    options.user ??
    (ask ? await promptLine('Login name', from.email, io.stdin, io.stderr) : from.email);
  const password = await readPassword(options, ask, io);
  const host =
    options.host ??
    (ask
      ? (await promptLine('SMTP host (empty: find it)', '', io.stdin, io.stderr)) || undefined
      : undefined);

  out(
    `Looking for the mail server for ${from.email} (ports ${options.ports.join(', ')}, at most ${options.timeoutMs / 1000} s):`,
  );
  const found = await findMailSettings({
    from: from.email,
    ...(host === undefined ? {} : { host }),
    ports: options.ports,
    timeoutMs: options.timeoutMs,
    username: password === null ? null : username,
    password,
    onResult: (result) => out(progressLine(result)),
  });
  const { chosen, provider } = found;
  if (provider !== undefined) out(`\nKnown provider: ${provider.name}.`);
  if (chosen === null) {
    out('\nNo candidate works, so nothing was written. Why, per candidate:');
    for (const result of found.results) out(reasonLines(result));
    return EXIT_FAILURE;
  }

  const where = path.resolve(options.envFile);
  out(`\nUsing ${chosen.transport.host}:${chosen.transport.port} (${securityName(chosen)}).`);
  if (ask) {
    const answer = await promptLine(
      `Write the mail settings to ${where}?`,
      'Y/n',
      io.stdin,
      io.stderr,
    );
    if (!/^(y|yes|y\/n)$/i.test(answer)) {
      out('Nothing was written.');
      return EXIT_FAILURE;
    }
  }
  // A file whose MAILERS names other mailers keeps them, and so keeps the MAILERS form: only the
  // default mailer is replaced.
  const others = otherMailers(await readEnvFileValue(where, 'MAILERS'));
  const kept = Object.keys(others);
  const form = options.mailers || kept.length > 0 ? 'mailers' : 'url';
  if (kept.length > 0) {
    out(
      `MAILERS in ${where} names other mailers too (${kept.join(', ')}): they stay as they are, only "default" is replaced.`,
    );
  }
  const entries = setupEnvEntries(chosen.transport, formatAddress(from), form, others);
  const { backup } = await updateEnvFile(where, entries, settingsReplacedBySetup(form));
  out(
    `Wrote ${entries.map(([name]) => name).join(', ')} to ${where} (mode 0600)${backup === null ? '' : `; the old file is ${backup}`}.`,
  );
  out(
    `\nThe same in one line (the password is in the file):\n  EMAIL_URL=${redactEmailUrl(emailUrl(chosen.transport))}`,
  );
  if (provider !== undefined) {
    out(`\n${provider.name}: things to know`);
    for (const pitfall of provider.pitfalls) out(`  - ${pitfall}`);
  }
  // The test goes through the mailer just found; the kept ones are not this command's business.
  const tested = setupEnvEntries(chosen.transport, formatAddress(from), form);
  if (options.sendTo !== undefined) return sendTest(tested, options.sendTo, out);
  out('\nRun `pnpm rolegate mail check` any time to check them again.');
  return EXIT_OK;
}

async function askFrom(ask: boolean, io: CliIo): Promise<Address> {
  if (!ask)
    throw new UsageError(
      '--from is required when nothing may be asked (--yes, or stdin is not a terminal).',
    );
  return mailAddress(
    'address',
    await promptLine('Send mail from which address', '', io.stdin, io.stderr),
  );
}

/** The password, or null for a server without login (an empty answer). */
async function readPassword(options: SetupArgs, ask: boolean, io: CliIo): Promise<string | null> {
  let password: string;
  if (options.passwordStdin) password = await readPasswordFromStdin(io.stdin);
  else if (ask) password = await promptHidden('Password (empty: no login): ', io.stdin, io.stderr);
  else
    throw new UsageError(
      'the password is needed: pass it on stdin with --password-stdin, or run setup in a terminal without --yes.',
    );
  return password === '' ? null : password;
}

/** A real message through the settings just written, reported in the check's words. */
async function sendTest(
  entries: [string, string][],
  sendTo: string,
  out: (line?: string) => void,
): Promise<number> {
  const settings = loadMailSettings(Object.fromEntries(entries));
  const diagnosis = await diagnose(settings, { sendTo });
  const sent = diagnosis.findings.find((finding) => finding.step === 'send');
  const failure = diagnosis.findings.find(isFailure);
  out('');
  if (failure !== undefined || sent === undefined) {
    const why = failure ?? sent;
    out(
      `✗ The test message to ${sendTo} was not sent: ${why?.explanation ?? 'the check did not reach the sending step.'}`,
    );
    if (why?.fix !== undefined) out(`    Fix: ${why.fix}`);
    return EXIT_FAILURE;
  }
  out(`✓ ${sent.explanation}`);
  return EXIT_OK;
}

function securityName(result: CandidateResult): string {
  return { ssl: 'implicit TLS', starttls: 'STARTTLS', none: 'plain SMTP' }[
    result.security ?? 'none'
  ];
}

/** One line per candidate as it answers: what it speaks, or the first thing that failed. */
function progressLine(result: CandidateResult): string {
  const at = `${result.candidate.host}:${result.candidate.port}`.padEnd(28);
  if (result.ok) {
    const auth =
      result.authMechanisms.length > 0 ? `, AUTH ${result.authMechanisms.join(' ')}` : '';
    const tls = result.security === 'none' ? '' : ', certificate valid';
    return `  ✓ ${at} ${securityName(result)}${tls}${auth}: login, sender and recipient accepted`;
  }
  const failed = result.checks.find(isFailure);
  const speaks = result.security === null ? '' : `${securityName(result)}: `;
  return `  ✗ ${at} ${speaks}${failed?.explanation ?? 'failed'}`;
}

function reasonLines(result: CandidateResult): string {
  const failed = result.checks.find(isFailure);
  const lines = [
    `  ${result.candidate.host}:${result.candidate.port} (${result.candidate.source}): ${failed?.explanation ?? 'failed.'}`,
  ];
  if (failed?.fix !== undefined) lines.push(`      Fix: ${failed.fix}`);
  if (failed?.detail !== undefined)
    lines.push(`      Detail: ${failed.detail.replace(/\s*\r?\n\s*/g, ' | ')}`);
  return lines.join('\n');
}
