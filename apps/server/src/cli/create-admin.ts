import { parseArgs } from 'node:util';
import { emailSchema, passwordSchema } from '@rolegate/core';
import { ADMIN_LEVEL, ensureAdmin } from '../accounts/admin-bootstrap.js';
import {
  type Command,
  EXIT_FAILURE,
  EXIT_OK,
  readConfig,
  UsageError,
  withDatabase,
} from './command.js';
import { promptHidden, readPasswordFromStdin } from './password-input.js';

export const createAdminCommand: Command = {
  summary: 'create an admin account, or make an existing account admin',
  usage:
    'rolegate create-admin --email E [--name N] [--password-stdin] [--reset-password]\n' +
    '  The password is read from stdin with --password-stdin, else asked for on the terminal.\n' +
    '  An existing account is made admin only if the password given is its password (and its\n' +
    '  address was verified), or with --reset-password, which sets the password given and signs\n' +
    '  the account out everywhere.',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        'reset-password': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.email === undefined) throw new UsageError('--email is required.');
    const email = emailSchema.safeParse(values.email);
    if (!email.success) throw new UsageError(`--email: ${email.error.issues[0]?.message}`);
    const config = readConfig();

    let password: string;
    if (values['password-stdin']) {
      password = await readPasswordFromStdin(io.stdin);
      if (password === '') {
        io.stderr.write(
          'No password came on stdin: pipe it in, e.g. `printf \'%s\' "$ADMIN_PASSWORD" | pnpm rolegate create-admin --email … --password-stdin`.\n',
        );
        return EXIT_FAILURE;
      }
    } else if (io.stdin.isTTY) password = await promptHidden('Password: ', io.stdin, io.stderr);
    else throw new UsageError('stdin is not a terminal: pass the password with --password-stdin.');
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) {
      io.stderr.write(`The password is not accepted: ${checked.error.issues[0]?.message}\n`);
      return EXIT_FAILURE;
    }

    const result = await withDatabase(config, (db) =>
      ensureAdmin(db, {
        email: email.data,
        password: checked.data,
        name: values.name,
        resetPassword: values['reset-password'],
        source: 'create-admin',
      }),
    );
    if (result.outcome === 'refused') {
      io.stderr.write(`${refusal(email.data, result.reason)}\n`);
      return EXIT_FAILURE;
    }
    const what = {
      created: `Created admin ${email.data} (level ${ADMIN_LEVEL}).`,
      promoted: `${email.data} already had an account; it is now an admin (level ${ADMIN_LEVEL}).`,
      'already-admin': `${email.data} is already an admin.`,
    }[result.outcome];
    io.stdout.write(`${what}\n`);
    if (result.outcome !== 'created') {
      io.stdout.write(
        result.passwordSet
          ? 'Its password was set to the one given; its sessions were signed out.\n'
          : `Its password was left unchanged${result.passwordMatches ? '' : ' (it differs from the one given: add --reset-password to set it)'}.\n`,
      );
    }
    return EXIT_OK;
  },
};

function refusal(email: string, reason: 'password-differs' | 'address-unverified'): string {
  const why =
    reason === 'address-unverified'
      ? 'its address was never verified'
      : 'the password given is not its password';
  return (
    `${email} already has an account and ${why}, so it was NOT made admin (anyone can sign up with any address).\n` +
    'If the account is yours, add --reset-password: it sets the password given and signs the account out everywhere.'
  );
}
