import type { SmtpTransport } from '../../transport.js';
import { type Check, fail, pass, replyCode, sentence } from '../check.js';
import type { SettingNames } from '../setting-names.js';
import { errorMessage, errorReply } from './errors.js';
import type { SmtpSession } from './session.js';

export async function checkAuth(
  session: SmtpSession,
  transport: SmtpTransport,
  names: SettingNames,
): Promise<Check> {
  const { username, password } = transport;
  if (username === null) {
    return pass(
      'auth',
      session.offersAuth
        ? `No ${names.user} is set, so there is no login (the server offers one; if it requires it, MAIL FROM will say so).`
        : `No ${names.user} is set and the server asks for no login.`,
    );
  }
  if (password === null) {
    return fail(
      'auth',
      `${names.user} is set but ${names.password} is not, so the login cannot succeed.`,
      `Set ${names.password}.`,
    );
  }
  if (!session.offersAuth) {
    // The app's SMTP backend refuses to send then rather than silently skip the login.
    const unset = `if this relay trusts this machine by its IP, unset ${names.user} and ${names.password}`;
    return fail(
      'auth',
      `The server offers no login (AUTH) on this connection, but ${names.user} is set, so the app will not send.`,
      transport.security === 'none'
        ? sentence(
            `most servers offer a login only over TLS: ${names.setSecurity('starttls')}; or ${unset}`,
          )
        : sentence(`${unset}; otherwise check ${names.host} and ${names.port}`),
    );
  }
  try {
    await session.login(username, password);
    return pass('auth', `Logged in as ${username}.`);
  } catch (error) {
    return explainAuthError(error, transport, names);
  }
}

function explainAuthError(error: unknown, transport: SmtpTransport, names: SettingNames): Check {
  const reply = errorReply(error);
  const detail = reply ?? errorMessage(error);
  if (reply === undefined) {
    return fail(
      'auth',
      `Logging in as ${transport.username} failed before the server answered: ${errorMessage(error)}.`,
      `Check ${names.user} and ${names.password}.`,
      detail,
    );
  }
  const code = replyCode(reply);
  if (code === '534 5.7.9') {
    return fail(
      'auth',
      `Gmail wants an app password, not the account password (${code}): the Google account has 2-Step Verification on.`,
      `Create an App Password (Google Account → Security → App passwords, https://myaccount.google.com/apppasswords) and use it as ${names.password}.`,
      detail,
    );
  }
  if (code === '534 5.7.14') {
    return fail(
      'auth',
      `Google blocked the login as suspicious (${code}).`,
      `Sign in to the account once in a browser, then create an App Password and use it as ${names.password}.`,
      detail,
    );
  }
  if (code === '535 5.7.139') {
    return fail(
      'auth',
      `Microsoft 365 refuses SMTP logins for ${transport.username} (${code}): Authenticated SMTP is turned off for the mailbox or the whole tenant.`,
      'Enable Authenticated SMTP for the mailbox in the Microsoft 365 admin center (Users → Active users → the user → Mail → Manage email apps), and check that the tenant’s security defaults do not turn SMTP AUTH off.',
      detail,
    );
  }
  if (code.startsWith('535')) {
    return fail(
      'auth',
      `The server refused the user name and password (${code}).`,
      `Check ${names.user} (usually the full address) and ${names.password}${providerHint(transport.host)}.`,
      detail,
    );
  }
  if (code.startsWith('530') || code.startsWith('538')) {
    return fail(
      'auth',
      `The server allows a login only over an encrypted connection (${code}).`,
      sentence(names.setSecurity('starttls')),
      detail,
    );
  }
  if (code.startsWith('4')) {
    return fail(
      'auth',
      `The server could not check the login right now (${code}): a temporary problem on its side.`,
      'Try again in a few minutes; if it persists, ask the provider.',
      detail,
    );
  }
  return fail(
    'auth',
    `The server refused the login (${code}).`,
    `Check ${names.user}, ${names.password} and the provider's SMTP documentation.`,
    detail,
  );
}

/** Provider-specific advice for refused credentials, recognised by the host name. */
function providerHint(host: string): string {
  if (/sendgrid/i.test(host))
    return '; for SendGrid the user is literally "apikey" and the password is an API key';
  if (/amazonaws\.com$/i.test(host))
    return '; Amazon SES needs SMTP credentials, not IAM access keys';
  if (/gmail|google/i.test(host))
    return '; Gmail needs an App Password when 2-Step Verification is on';
  if (/office365|outlook/i.test(host)) return '; accounts with MFA need an app password';
  return '';
}
