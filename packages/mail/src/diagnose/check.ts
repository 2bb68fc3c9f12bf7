import type { Finding, Step } from './types.js';

/** A finding before it is stamped with the transport it belongs to. */
export type Check = Omit<Finding, 'transport'>;

export function pass(
  step: Step,
  explanation: string,
  more: { fix?: string; detail?: string } = {},
): Check {
  return { step, ok: true, explanation, ...more };
}

export function fail(step: Step, explanation: string, fix: string, detail?: string): Check {
  return detail === undefined
    ? { step, ok: false, explanation, fix }
    : { step, ok: false, explanation, fix, detail };
}

const STEP_NAMES: Record<Step, string> = {
  settings: 'Settings',
  resolve: 'DNS lookup',
  connect: 'Connection',
  tls: 'TLS',
  auth: 'Login',
  sender: 'Sender (MAIL FROM)',
  recipients: 'Recipients (RCPT TO)',
  send: 'Test message',
  backend: 'Backend',
};

export function skip(step: Step, because: string): Check {
  return {
    step,
    ok: false,
    skipped: true,
    explanation: `${STEP_NAMES[step]} not checked: ${because}.`,
  };
}

/** The first line of an error or reply, for `detail`. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? text;
}

export function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}

/** "set X=true" → "Set X=true." */
export function sentence(text: string): string {
  const capitalized = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/** The enhanced status code of a reply ("5.7.139"), or the basic one ("535") when it has none. */
export function replyCode(reply: string): string {
  const basic = reply.match(/^\d{3}/)?.[0] ?? '';
  const enhanced = reply.match(/^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/)?.[1];
  return enhanced === undefined ? basic : `${basic} ${enhanced}`;
}
