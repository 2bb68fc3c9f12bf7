/**
 * Email addresses as the settings and messages use them: `email` or `Name <email>`, with the name
 * optionally quoted (`"Doe, Jane" <jane@example.com>`) so it may hold a comma.
 */

export interface Address {
  name: string | null;
  email: string;
}

// Deliberately loose: it accepts `root@localhost` (Django's SERVER_EMAIL default) and any domain,
// and refuses only what would break a header or an SMTP envelope (spaces, brackets, CR/LF, commas).
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;
const NAMED = /^(?:"((?:[^"\\]|\\.)*)"|([^<>"]*?))\s*<([^<>]*)>$/;

export function isValidEmail(email: string): boolean {
  return EMAIL.test(email);
}

/** Parses one address; returns null when it is not `email` or `Name <email>`. */
export function parseAddress(text: string): Address | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const named = NAMED.exec(trimmed);
  if (named) {
    const email = (named[3] ?? '').trim();
    if (!isValidEmail(email)) return null;
    const name =
      named[1] !== undefined ? named[1].replace(/\\(.)/g, '$1') : (named[2] ?? '').trim();
    return { name: name === '' ? null : name, email };
  }
  return isValidEmail(trimmed) ? { name: null, email: trimmed } : null;
}

/** Splits a comma-separated address list, leaving commas inside quotes and `<…>` alone. */
export function splitAddressList(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quoted && char === '\\') {
      current += char + text.charAt(i + 1);
      i++;
      continue;
    }
    if (char === '"' && !angled) quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if (char === ',' && !quoted && !angled) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Formats an address for a header: the name is always quoted so commas and dots are safe. */
export function formatAddress(address: Address): string {
  if (address.name === null || address.name === '') return address.email;
  return `"${address.name.replace(/(["\\])/g, '\\$1')}" <${address.email}>`;
}

/** The bare address inside `Name <email>` (for the SMTP envelope), or the text itself. */
export function envelopeAddress(text: string): string {
  return parseAddress(text)?.email ?? text.trim();
}

/** The part after the last `@`, used for the Message-ID; `localhost` when there is none. */
export function domainOf(text: string): string {
  const email = envelopeAddress(text);
  const at = email.lastIndexOf('@');
  return at >= 0 && at < email.length - 1 ? email.slice(at + 1) : 'localhost';
}
