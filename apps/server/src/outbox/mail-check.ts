import {
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
  { sendTo }: { sendTo?: string | undefined } = {},
): Promise<MailCheckResult> {
  const diagnosis: Diagnosis = await diagnose(settings, sendTo === undefined ? {} : { sendTo });
  return { ok: diagnosis.ok, findings: diagnosis.findings, text: formatDiagnosis(diagnosis) };
}
