import type { ReactNode } from 'react';
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
        <DangerBanner
          title="Nobody receives mail:"
          problem="the server prints or stores messages instead of sending them (no SMTP server is configured)."
        >
          Run <code>pnpm rolegate mail setup</code> on the server, then restart it.{' '}
          <Link href="/mail">See the mail queue</Link>.
        </DangerBanner>
      ) : null}
      {mail.data?.requestsReachNobody ? (
        <DangerBanner
          title="Level requests reach nobody:"
          problem={
            <>
              no <code>ADMINS</code> address is set and no admin account gets them by mail, so a
              request waits here unseen.
            </>
          }
        >
          Set <code>ADMINS</code> on the server, or choose &ldquo;Each request&rdquo; or &ldquo;Once
          a day&rdquo; under <Link href="~/account">your account</Link>.
        </DangerBanner>
      ) : null}
      {mail.data?.failing ? (
        <DangerBanner
          title="Mail is failing: notifications are not reaching people."
          problem={status?.lastError ? `Latest error: ${status.lastError}` : null}
        >
          <Link href="/mail">See the mail queue and check the mail settings</Link>.
        </DangerBanner>
      ) : null}
    </div>
  );
}

/** A red banner: what is wrong (title, then the problem), and below it what to do. */
function DangerBanner({
  title,
  problem,
  children,
}: {
  title: string;
  problem: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="banner banner-danger">
      <p>
        <strong>{title}</strong> {problem}
      </p>
      <p>{children}</p>
    </div>
  );
}
