import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Transport } from '../transport.js';
import { type Check, fail } from './check.js';

type OtherTransport = Exclude<Transport, { backend: 'smtp' }>;

const DELIVER_FIX =
  'To deliver mail, run `rolegate mail setup`, or set EMAIL_BACKEND=smtp with your provider’s EMAIL_HOST (or EMAIL_URL=smtp+tls://…).';

/** What a backend that does not speak SMTP does with a message, said plainly. */
export async function checkBackend(transport: OtherTransport, sendTo?: string): Promise<Check> {
  const notSent = sendTo === undefined ? '' : ` No test message was sent to ${sendTo}.`;
  switch (transport.backend) {
    case 'console':
      return fail(
        'backend',
        `The console backend prints each message to standard error instead of sending it: nobody receives mail.${notSent}`,
        DELIVER_FIX,
      );
    case 'memory':
      return fail(
        'backend',
        `The memory backend keeps messages in an in-process outbox (for tests) instead of sending them: nobody receives mail.${notSent}`,
        DELIVER_FIX,
      );
    case 'dummy':
      return fail(
        'backend',
        `The dummy backend throws every message away: nobody receives mail.${notSent}`,
        DELIVER_FIX,
      );
    case 'file':
      return checkFileBackend(transport.filePath, notSent);
  }
}

/** The file backend writes one file per connection into EMAIL_FILE_PATH (a directory it creates). */
async function checkFileBackend(filePath: string, notSent: string): Promise<Check> {
  const existing = await stat(filePath).catch(() => null);
  if (existing !== null && !existing.isDirectory()) {
    return fail(
      'backend',
      `EMAIL_FILE_PATH is ${filePath}, which is a file, but the file backend needs a directory to write messages into.`,
      'Set EMAIL_FILE_PATH to a directory (it is created if missing).',
    );
  }
  const writable = existing === null ? await nearestExisting(filePath) : filePath;
  if (!(await stat(writable)).isDirectory()) {
    return fail(
      'backend',
      `The file backend cannot create ${filePath}: ${writable} is a file, not a directory.`,
      'Set EMAIL_FILE_PATH to a directory path (it is created if missing).',
    );
  }
  try {
    await access(writable, constants.W_OK);
  } catch {
    return fail(
      'backend',
      `The file backend cannot write into ${writable}, so messages would be lost.`,
      `Make ${writable} writable for this user, or point EMAIL_FILE_PATH elsewhere.`,
    );
  }
  return fail(
    'backend',
    `The file backend writes each message into ${filePath} instead of sending it: nobody receives mail.${notSent}`,
    DELIVER_FIX,
  );
}

/** The backend creates missing directories, so what must be writable is the nearest one that exists. */
async function nearestExisting(path: string): Promise<string> {
  let current = dirname(path);
  while ((await stat(current).catch(() => null)) === null && dirname(current) !== current) {
    current = dirname(current);
  }
  return current;
}
