import type { SMTPServerError } from 'smtp-server';

/** A reply the fixture gives instead of accepting, e.g. `{ code: 450, message: '4.2.0 Try later' }`. */
export interface SmtpReply {
  code: number;
  /** Reply text after the code; a sensible default per code when missing. */
  message?: string;
  /** Fire this many times, then clear itself (e.g. fail twice, then deliver). Default: until changed. */
  times?: number;
}

/** Faults switchable at runtime with `setFaults`; each call replaces the previous set. */
export interface SmtpFaults {
  /** Reply to MAIL FROM (e.g. 550 5.7.60 send-as denied, 421 shutting down). */
  mailFrom?: SmtpReply;
  /** Reply to RCPT TO, for every recipient or only for `addresses`. */
  rcptTo?: SmtpReply & { addresses?: readonly string[] };
  /** Reply after the message data (e.g. 450, 552, 554). */
  data?: SmtpReply;
  /** Refuse AUTH (535 5.7.8 bad credentials, 534 5.7.9 Gmail app password, 535 5.7.139 Office 365). */
  auth?: SmtpReply;
  /** Cut the connection instead of answering RCPT TO: the message was never sent. */
  dropAtRcptTo?: boolean;
  /** Read part of the message, then cut the connection without a reply. */
  dropDuringData?: boolean;
  /**
   * Take the whole message (it counts as received) and then never reply to the final `.`: the
   * client cannot tell whether it was accepted. Fires this many times, or every time when true.
   */
  hangAfterData?: boolean | number;
  /** Accept the TCP connection and never send the greeting. */
  neverGreet?: boolean;
  /** Wait this long before accepting each message. */
  delayMs?: number;
  /** Wait this long before answering MAIL FROM: the client is between messages, none of it sent. */
  mailFromDelayMs?: number;
}

const DEFAULT_TEXT: Readonly<Record<number, string>> = {
  421: '4.3.2 Service shutting down, closing transmission channel',
  450: '4.2.0 Mailbox temporarily unavailable',
  451: '4.3.0 Local error in processing',
  452: '4.3.1 Insufficient system storage',
  534: '5.7.9 Application-specific password required',
  535: '5.7.8 Authentication credentials invalid',
  550: '5.1.1 Mailbox unavailable',
  552: '5.3.4 Message size exceeds fixed limit',
  553: '5.1.3 Mailbox name not allowed',
  554: '5.6.0 Transaction failed',
};

export function replyError(reply: SmtpReply): SMTPServerError {
  const error: SMTPServerError = new Error(reply.message ?? DEFAULT_TEXT[reply.code] ?? 'Refused');
  error.responseCode = reply.code;
  return error;
}

/** The fault set, with `times` counted down as faults fire. */
export class FaultState {
  private faults: SmtpFaults = {};

  set(faults: SmtpFaults): void {
    this.faults = { ...faults };
  }

  get current(): Readonly<SmtpFaults> {
    return this.faults;
  }

  /** Whether to hang after this message's data, counting a numbered fault down. */
  hangAfterData(): boolean {
    const hang = this.faults.hangAfterData;
    if (typeof hang === 'number') {
      if (hang <= 1) delete this.faults.hangAfterData;
      else this.faults = { ...this.faults, hangAfterData: hang - 1 };
      return hang >= 1;
    }
    return hang === true;
  }

  /** The reply to give for this step now, counting it as fired; null when there is none. */
  fire(step: 'mailFrom' | 'rcptTo' | 'data' | 'auth', address?: string): SmtpReply | null {
    const reply = this.faults[step];
    if (reply === undefined) return null;
    if (step === 'rcptTo' && address !== undefined) {
      const only = this.faults.rcptTo?.addresses;
      if (only !== undefined && !only.some((a) => a.toLowerCase() === address.toLowerCase())) {
        return null;
      }
    }
    if (reply.times !== undefined) {
      const left = reply.times - 1;
      if (left <= 0) delete this.faults[step];
      else this.faults = { ...this.faults, [step]: { ...reply, times: left } };
    }
    return reply;
  }
}
