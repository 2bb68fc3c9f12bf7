import {
  type Address,
  type Diagnosis,
  diagnose,
  type Finding,
  formatDiagnosis,
  type MailSettings,
} from '@rolegate/mail';

export interface MailCheckResult {
  /** True when mail gets delivered: the main transport, or else a failover, passed every step. */
  ok: boolean;
  findings: Finding[];
  /** The same report as `rolegate mail check` prints. */
  text: string;
}

/**
 * The diagnosis of the configured mail settings (resolve, connect, TLS mode, login, sender and
 * recipients without sending; with `sendTo` a real test message), for the CLI and the admin panel.
 */
export async function checkMail(
  settings: MailSettings,
  {
    sendTo,
    adminAccounts = [],
  }: {
    sendTo?: string | undefined;
    /** Who gets admins' mail when ADMINS is empty: every admin account (see adminRecipients). */
    adminAccounts?: Address[];
  } = {},
): Promise<MailCheckResult> {
  // The check tries the addresses the app really mails: ADMINS, or else the admin accounts.
  const recipients =
    settings.admins.length === 0 && adminAccounts.length > 0
      ? {
          recipients: adminAccounts.map((admin) => admin.email),
          recipientsSetting: 'the admin accounts, as ADMINS is empty',
        }
      : {};
  const diagnosis: Diagnosis = await diagnose(settings, {
    ...(sendTo === undefined ? {} : { sendTo }),
    ...recipients,
  });
  return { ok: diagnosis.ok, findings: diagnosis.findings, text: formatDiagnosis(diagnosis) };
}
