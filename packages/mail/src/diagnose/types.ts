/** The checks a diagnosis runs, in order; each SMTP step needs the ones before it to pass. */
export type Step =
  | 'settings'
  | 'resolve'
  | 'connect'
  | 'tls'
  | 'auth'
  | 'sender'
  | 'recipients'
  | 'send'
  | 'backend';

/**
 * One checked fact, as a sentence a person can act on. A failure is `!ok && !skipped`; a skipped
 * step was not tried because an earlier one failed, so it is neither a pass nor a new problem.
 */
export interface Finding {
  step: Step;
  /** Which transport this is about: "main transport", "failover 1" (EMAIL_FAILOVER_URLS) or
   * `mailer "bulk"` (MAILERS). */
  transport: string;
  ok: boolean;
  skipped?: boolean;
  explanation: string;
  fix?: string;
  /** The raw error message or SMTP reply the explanation was drawn from. */
  detail?: string;
}

/** `ok` is true when mail gets delivered: the main transport, or else one failover, works. */
export interface Diagnosis {
  ok: boolean;
  findings: Finding[];
}

export interface DiagnoseOptions {
  /** Send a real test message here (Django's sendtestemail); without it nothing is sent. */
  sendTo?: string;
  /** The sender to try instead of DEFAULT_FROM_EMAIL and SERVER_EMAIL. */
  from?: string;
  /** The recipients to try with RCPT TO instead of ADMINS. */
  recipients?: string[];
  /** Where `recipients` came from, for the findings (default "the given recipients"). */
  recipientsSetting?: string;
}

export function isFailure(finding: Pick<Finding, 'ok' | 'skipped'>): boolean {
  return !finding.ok && finding.skipped !== true;
}
