import { type MailSettings, mailerNames, mailerSettings } from '@rolegate/mail';

/**
 * The longest one message can take with any mailer: failover tries its transports in turn. The
 * worker sizes its claim's lease from it, so that no send outlives the lease.
 */
export function worstSendTimeoutMs(settings: MailSettings): number {
  const perMailer = mailerNames(settings).map((name) => {
    const { transport, failover } = mailerSettings(settings, name);
    return [transport, ...failover]
      .map((each) => (each.backend === 'smtp' ? each.timeoutMs : 0))
      .reduce((sum, ms) => sum + ms, 0);
  });
  return Math.max(1_000, ...perMailer);
}
