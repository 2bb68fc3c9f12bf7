import { Link } from 'wouter';
import { trpc } from '../trpc';

/** How often every admin page re-reads the mail status: a failure shows up within a minute. */
const STATUS_REFRESH_MS = 30_000;

/**
 * On every admin page while mail is failing, while no backend delivers it at all, or while level
 * requests would reach nobody: an email about broken mail would never arrive, so the panel is
 * where an admin learns of it.
 */
export function MailFailingBanner() {
  const mail = trpc.admin.mail.useQuery(undefined, { refetchInterval: STATUS_REFRESH_MS });
  const status = mail.data?.status;
  return (
    <div aria-live="polite">
      {mail.data?.delivers === false ? (
        <div className="banner banner-danger">
          <p>
            <strong>Nobody receives mail:</strong> the server prints or stores messages instead of
            sending them (no SMTP server is configured).
          </p>
          <p>
            Run <code>pnpm rolegate mail setup</code> on the server, then restart it.{' '}
            <Link href="/mail">See the mail queue</Link>.
          </p>
        </div>
      ) : null}
      {mail.data?.requestsReachNobody ? (
        <div className="banner banner-danger">
          <p>
            <strong>Level requests reach nobody:</strong> no <code>ADMINS</code> address is set and
            no admin account gets them by mail, so a request waits here unseen.
          </p>
          <p>
            Set <code>ADMINS</code> on the server, or choose &ldquo;Each request&rdquo; or
            &ldquo;Once a day&rdquo; under <Link href="~/account">your account</Link>.
          </p>
        </div>
      ) : null}
      {mail.data?.failing ? (
        <div className="banner banner-danger">
          <p>
            <strong>Mail is failing: notifications are not reaching people.</strong>{' '}
            {status?.lastError ? `Latest error: ${status.lastError}` : null}
          </p>
          <p>
            <Link href="/mail">See the mail queue and check the mail settings</Link>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
