import { type Address, formatAddress, parseAddress } from './address.js';
import { BadHeaderError, InvalidAddressError } from './errors.js';

const LINE_BREAK = /[\r\n]/;
// RFC 5322 field names: printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/;

export function checkHeaderValue(header: string, value: string): void {
  if (LINE_BREAK.test(value)) throw new BadHeaderError(header, value);
}

export function checkHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new BadHeaderError(name, name);
    checkHeaderValue(name, value);
  }
}

/**
 * Checks and normalises an address list. CR/LF is a header injection attempt (BadHeaderError);
 * anything else that is not `email` or `Name <email>` is a mistake (InvalidAddressError).
 * Empty entries are dropped, as Django drops them from recipients().
 */
export function checkAddresses(field: string, list: readonly (string | Address)[]): string[] {
  const checked: string[] = [];
  for (const entry of list) {
    const text = typeof entry === 'string' ? entry : formatAddress(entry);
    checkHeaderValue(field, text);
    if (text.trim() === '') continue;
    if (parseAddress(text) === null) throw new InvalidAddressError(field, text);
    checked.push(text.trim());
  }
  return checked;
}

export function checkAddress(field: string, address: string): string {
  checkHeaderValue(field, address);
  if (parseAddress(address) === null) throw new InvalidAddressError(field, address);
  return address.trim();
}
